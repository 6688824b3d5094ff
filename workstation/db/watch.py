"""Learning that the shared database changed, cheaply: for the display, the lobby, the pad.

A long-running reader keeps a :class:`Watcher` and, in a worker thread, waits
on it; when it says something changed, the reader reads again::

    watcher = Watcher(db)                  # its own connection, outside the pool
    for _ in watcher.changes():            # blocks; ends when watcher.close() is called
        refresh()                          # read what you show, in your own session

    # or, with a timeout: watcher.wait(1.0) -> True (changed) / False (timed out or closed)

SQLite: the watcher's connection asks ``PRAGMA data_version`` every
``interval`` (0.15 s): the number changes when any other connection, in any
process, commits a change to the file, and not on reads. The question reads a
counter in shared memory: microseconds.

PostgreSQL: the watcher's connection ``LISTEN``\\ s on its channels. A commit
alone says nothing: **every writer whose change a reader must see calls**
:func:`notify` with the session of that unit of work, before it commits::

    with db.write() as session:
        ...                                # the call, the ticket, the rating
        notify(session, QUEUE)             # delivered at commit, dropped on rollback

``notify`` does nothing on SQLite, so services call it unconditionally.
A watcher's changes are latched and merged: a commit made while its reader was
busy is reported by the next wait, and a burst of commits wakes it once. If
the PostgreSQL connection drops, the watcher connects again and reports a
change (what was notified meanwhile is lost; the reader re-reads).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from workstation.db.engine import Database
from workstation.db.failures import StorageError
from workstation.db.unit import Unit

log = logging.getLogger(__name__)
CHANNEL = "workstation"
"""The channel a watcher listens to unless told others."""
QUEUE = "workstation_queue"
"""Tickets, calls, windows: what the display and the lobby board show."""
POLL_S = 0.15
"""SQLite: how often the data version is read."""
SLICE_S = 0.25
"""PostgreSQL: the longest a wait blocks before it looks whether it was closed."""
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _checked(channel: str) -> str:
    if not _IDENTIFIER.match(channel):
        raise ValueError(f"not a channel name (lower-case letters, digits, _): {channel!r}")
    return channel


_NOTIFY = text("SELECT pg_notify(:channel, :payload)")


def notify(session: Unit, channel: str = CHANNEL, payload: str = "") -> None:
    """Tell the watchers of ``channel`` that this unit of work changed something.

    Call it inside the writing transaction: PostgreSQL delivers it when (and
    only if) that transaction commits, once per channel and payload. On SQLite
    it does nothing (the watchers see the commit itself).
    """
    _checked(channel)
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(_NOTIFY, {"channel": channel, "payload": payload})


class _Source(Protocol):
    def check(self, block: float, closing: threading.Event) -> bool:
        """True if a change was seen; may wait up to ``block`` seconds for one."""

    def close(self) -> None: ...


def _dedicated(db: Database) -> Any:
    """A DBAPI connection of the database's own, out of its pool (closed by its owner)."""
    fairy = db.engine.raw_connection()
    connection = fairy.driver_connection
    fairy.detach()
    return connection


class _DataVersion:
    """SQLite: a change is a new ``PRAGMA data_version``, read every ``interval``."""

    def __init__(self, db: Database, interval: float) -> None:
        self.interval = interval
        self.conn: sqlite3.Connection = _dedicated(db)
        self.version = self._read()

    def _read(self) -> int:
        row = self.conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def check(self, block: float, closing: threading.Event) -> bool:
        try:
            version = self._read()
        except sqlite3.Error as error:  # a moment of recovery or a busy file: ask again
            log.debug("data_version unreadable: %s", error)
            version = self.version
        if version != self.version:
            self.version = version
            return True
        closing.wait(min(block, self.interval))
        return False

    def close(self) -> None:
        self.conn.close()


class _Listen:
    """PostgreSQL: a change is a notification on one of the channels."""

    def __init__(self, db: Database, channels: Sequence[str]) -> None:
        self.db = db
        self.channels = [_checked(channel) for channel in channels]
        self.conn: Any = None
        import psycopg  # only PostgreSQL's watchers need it

        self._lost: tuple[type[BaseException], ...] = (psycopg.Error, OSError)
        self._connect()

    def _connect(self) -> None:
        conn = _dedicated(self.db)
        try:
            conn.rollback()  # the pool's ping may have opened a transaction
            conn.autocommit = True
            for channel in self.channels:
                conn.execute(f'LISTEN "{channel}"')
        except Exception:
            conn.close()
            raise
        self.conn = conn

    def check(self, block: float, closing: threading.Event) -> bool:
        if self.conn is None:
            return self._reconnect(block, closing)
        try:
            seen = any(True for _ in self.conn.notifies(timeout=block, stop_after=1))
            if seen:  # merge a burst into one change
                for _ in self.conn.notifies(timeout=0):
                    pass
            return seen
        except self._lost as error:  # the server went away: connect again on the next look
            log.warning("the database's notifications stopped (%s): reconnecting", error)
            self.close()
            return False

    def _reconnect(self, block: float, closing: threading.Event) -> bool:
        try:
            self._connect()
        except (SQLAlchemyError, StorageError, OSError) as error:
            log.debug("still no notifications: %s", error)
            closing.wait(block)
            return False
        return True  # what was notified while away is lost: tell the reader to re-read

    def close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception as error:  # a dead connection may fail to close: it is gone anyway
                log.debug("closing the notification connection: %s", error)


class Watcher:
    """Tells a long-running reader that the shared database changed (one reader thread each)."""

    def __init__(
        self, db: Database, *, channels: Sequence[str] = (CHANNEL,), interval: float = POLL_S
    ) -> None:
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._source: _Source
        self._slice: float
        if db.dialect == "sqlite":
            if db.url.database in (None, "", ":memory:"):
                raise ValueError("an in-memory SQLite database has no other connections to watch")
            self._source, self._slice = _DataVersion(db, interval), interval
        else:
            self._source, self._slice = _Listen(db, channels), SLICE_S

    @property
    def closed(self) -> bool:
        return self._closing.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a change is seen (True), ``timeout`` seconds pass or the watcher is
        closed (False). A change since the last wait is reported at once."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            while not self._closing.is_set():
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return self._source.check(0, self._closing)
                block = self._slice if remaining is None else min(self._slice, remaining)
                if self._source.check(block, self._closing):
                    return True
        return False

    def changes(self) -> Iterator[None]:
        """Yield once per change seen (bursts merged); end when the watcher is closed."""
        while self.wait():
            yield None

    def close(self) -> None:
        """Stop: a wait in progress returns False within a poll; later waits return False."""
        self._closing.set()
        with self._lock:
            self._source.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
