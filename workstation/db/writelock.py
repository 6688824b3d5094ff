"""Writers on one SQLite file take turns, first come first served.

SQLite lets one writer in at a time. The others get SQLITE_BUSY and wait in
its busy handler, which sleeps 1, 2, 5, 10 … ms and, once a writer has waited
about a third of a second, 100 ms at a time, then tries again: nobody keeps a
place in line. A workstation that has waited long looks only every 100 ms,
while the one that just committed asks again within a millisecond and wins.
With four workstations posting back to back, one posting waited 5.9 s while
884 others went in (benchmarks/concurrency.py).

So a write unit of work first takes a ticket in a queue kept in a lock file
beside the database (``<file>-lock``), a CLH queue made of Linux
open-file-description byte locks: under a short lock on byte 0 it reads the
ticket counter (the file's first 8 bytes) and bumps it, locks the byte of its
own ticket, then waits in the kernel for the byte of the ticket before it;
closing the file hands the turn on. No polling, no barging: a writer that
asks later waits behind every writer that asked before. The locks belong to
an open file description, so threads queue like processes, and a process
that dies lets go of its turn with its files.

The queue only orders writers; SQLite's own locks keep the transactions
correct. So when the lock file cannot be opened (a read-only folder) or its
file system refuses these locks, a writer goes on without it, as before.
Other POSIX systems queue on a ``flock`` of the file (woken by the kernel,
not strictly in order); Windows keeps SQLite's busy handler alone. A thread
already holding a turn on the file (a write unit of work inside another,
through any Database) does not queue again. A turn is kept as long as its
unit of work runs, however long: like a row lock on PostgreSQL, it has no
timeout.
"""

from __future__ import annotations

import os
import struct
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

SUFFIX = "-lock"
SLOTS = 4096
"""Ticket bytes in the ring; more writers than this waiting at once would share one."""
_COUNTER = 8
_FLOCK = "@hhqqi4x"  # struct flock on 64-bit Linux: type, whence, start, len, pid
OFD = (
    sys.platform == "linux"
    and hasattr(fcntl, "F_OFD_SETLKW")
    and struct.calcsize("P") == 8
    and struct.calcsize(_FLOCK) == 32
)


def database_file(database: str | None) -> Path | None:
    """The file of a SQLite database path; None for an in-memory database or a URI."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def queue_path(database: str | None) -> Path | None:
    """The lock file for a SQLite database path; None for an in-memory database."""
    file = database_file(database)
    if fcntl is None or file is None:
        return None
    return file.with_name(file.name + SUFFIX)


def _byte_lock(fd: int, offset: int, kind: int, wait: bool = True) -> bool:
    """Lock (or unlock) one byte for this open file description; False if taken."""
    command = fcntl.F_OFD_SETLKW if wait else fcntl.F_OFD_SETLK
    try:
        fcntl.fcntl(fd, command, struct.pack(_FLOCK, kind, os.SEEK_SET, offset, 1, 0))
    except (BlockingIOError, PermissionError):  # EAGAIN / EACCES: someone holds it
        return False
    return True


def _slot(ticket: int) -> int:
    return 1 + ticket % SLOTS


def _take_ticket(fd: int) -> int | None:
    """Number this writer, lock its own byte; None if that byte is still held."""
    _byte_lock(fd, 0, fcntl.F_WRLCK)
    try:
        raw = os.pread(fd, _COUNTER, 0)
        ticket = int.from_bytes(raw, "little") if len(raw) == _COUNTER else 0
        os.pwrite(fd, (ticket + 1).to_bytes(_COUNTER, "little"), 0)
        return ticket if _byte_lock(fd, _slot(ticket), fcntl.F_WRLCK, wait=False) else None
    finally:
        _byte_lock(fd, 0, fcntl.F_UNLCK)


def _wait_turn(fd: int) -> None:
    ticket = _take_ticket(fd)
    if ticket is None or ticket == 0:
        return  # the first ever, or a ring overrun: SQLite's busy handler sorts it out
    before = _slot(ticket - 1)
    _byte_lock(fd, before, fcntl.F_WRLCK)  # returns when the writer before us is done
    _byte_lock(fd, before, fcntl.F_UNLCK)


_held = threading.local()
"""The lock files whose turn this thread holds, whichever Database took it."""


def _holding() -> set[str]:
    if not hasattr(_held, "paths"):
        _held.paths = set()
    paths: set[str] = _held.paths
    return paths


class WriteQueue:
    """Turns to write one database file, in the order they were asked for."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._key = os.path.realpath(path) if path is not None else ""

    @staticmethod
    def _open(path: Path) -> int | None:
        try:  # the file is there but for a database's first writer: no stat, no mode
            return os.open(path, os.O_RDWR | os.O_CLOEXEC)
        except FileNotFoundError:
            pass
        except OSError:
            return None  # SQLite will say what is wrong with the folder, if anything
        try:  # as SQLite does for -wal and -shm: whoever may write the database may queue
            mode = path.with_name(path.name[: -len(SUFFIX)]).stat().st_mode & 0o666
        except OSError:
            mode = 0o644
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, mode)
        except OSError:
            return None

    def _wait(self, fd: int) -> None:
        try:
            if OFD:
                _wait_turn(fd)
            else:
                fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass  # a file system without these locks (ENOLCK, EINVAL): as before, unqueued

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Wait for this writer's turn and keep it for the body, however the body ends."""
        fd = None
        if self.path is not None and self._key not in _holding():
            fd = self._open(self.path)
        if fd is None:
            yield
            return
        try:
            self._wait(fd)
            _holding().add(self._key)
            try:
                yield
            finally:
                _holding().discard(self._key)
        finally:
            os.close(fd)  # this open file's locks go with it: the next writer's turn
