"""A writing unit of work without the ORM, for the two steps every window runs all day.

``Database.write()`` hands out an ORM ``Session``: it checks a connection out of
the pool, wraps it in a ``Connection`` and a ``SessionTransaction``, fires the
session's events and, at the end, flushes, commits, expunges and closes. On a
workstation that is about 0.3 ms a unit of work before any statement runs,
a tenth of issuing a ticket or calling the next one, for an identity map
those two steps never use: every statement they run is a
:class:`~workstation.db.prepared.Prepared` on the unit's connection.

``Database.write_core()`` gives them a :class:`CoreUnit` instead: the same write
queue, ``BEGIN IMMEDIATE`` and commit (or rollback) on a Core ``Connection``,
nothing else. A function that only needs what both give takes a :class:`Unit`:
the unit's ``connection()``, its ``info`` (what the unit of work carries, such as the
journal entries waiting for the commit) and ``flush()`` (a no-op without ORM
objects). Work that must run as the unit commits registers with
:func:`before_commit`, once, as a Session's ``before_commit`` listener does:
the journal chains its entries there, so the head is the last row either kind
of unit locks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy import Connection


class Unit(Protocol):
    """What a step needs of its unit of work: a ``Session`` has it, and so has a ``CoreUnit``."""

    @property
    def info(self) -> dict[Any, Any]: ...

    def connection(self) -> Connection: ...

    def flush(self) -> None: ...


_BEFORE_COMMIT: list[Callable[[Unit], None]] = []


def before_commit(hook: Callable[[Unit], None]) -> Callable[[Unit], None]:
    """Run ``hook`` as every :class:`CoreUnit` commits (register once, at import)."""
    _BEFORE_COMMIT.append(hook)
    return hook


class CoreUnit:
    """A unit of work on one Core connection in its transaction (see the module)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._info: dict[Any, Any] = {}

    @property
    def info(self) -> dict[Any, Any]:
        return self._info

    def connection(self) -> Connection:
        return self._conn

    def flush(self) -> None:
        """Nothing waits to be written: every statement ran when it was given."""

    def commit_work(self) -> None:
        """What must run before the commit (:func:`before_commit`); the caller commits."""
        for hook in _BEFORE_COMMIT:
            hook(self)
