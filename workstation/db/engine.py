"""Engines and sessions.

SQLite: WAL, foreign keys, ``synchronous=FULL`` and a busy timeout on every
connection; writing units of work start with ``BEGIN IMMEDIATE`` so two
workstations on one file queue for the write lock instead of failing late,
and before it they take their turn in the file's write queue
(:mod:`workstation.db.writelock`): first come, first served.
PostgreSQL: ``postgresql+psycopg://`` with the password from keyring.
A full disk, a read-only folder or a file that is not a database raises a
:class:`~workstation.db.failures.StorageError` with a one-line message.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from workstation.db.checkpoints import SAFETY_NET_PAGES, Checkpointer
from workstation.db.failures import install as explain_failures
from workstation.db.prepared import execute
from workstation.db.unit import CoreUnit
from workstation.db.writelock import WriteQueue, database_file, queue_path

BUSY_TIMEOUT_MS = 15_000
_WRITE = "workstation_write"


def database_url(url: str, password: str | None = None) -> URL:
    parsed = make_url(url)
    if password and parsed.get_backend_name() == "postgresql":
        parsed = parsed.set(password=password)
    return parsed


def _sqlite_pragmas(engine: Engine, autocheckpoint: int | None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        if autocheckpoint is not None:
            cursor.execute(f"PRAGMA wal_autocheckpoint = {autocheckpoint}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(_WRITE, False)
        execute(conn, "BEGIN IMMEDIATE" if write else "BEGIN", ())  # on the driver (prepared.py)


class Database:
    """One engine, a read session factory and a write session factory.

    ``checkpoint_every``: on a SQLite file, a thread checkpoints the WAL every so many
    seconds (:mod:`workstation.db.checkpoints`) instead of the commits; for a process
    that lives, such as a workstation. None: SQLite's default, for a command.
    """

    def __init__(
        self, url: str, *, password: str | None = None, checkpoint_every: float | None = None
    ) -> None:
        self.url = database_url(url, password)
        self.dialect = self.url.get_backend_name()
        sqlite = self.dialect == "sqlite"
        self.queue = WriteQueue(queue_path(self.url.database) if sqlite else None)
        file = database_file(self.url.database) if sqlite else None
        every = checkpoint_every
        self.checkpointer = (
            Checkpointer(file, every, self.queue) if every is not None and file else None
        )
        # hide_parameters: an error names the statement, never the customer's values in it
        # (they would reach the log and the screen with the error)
        if sqlite:
            self.engine = create_engine(
                self.url,
                connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
                hide_parameters=True,
            )
            _sqlite_pragmas(self.engine, SAFETY_NET_PAGES if self.checkpointer else None)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True, hide_parameters=True)
        explain_failures(self.engine, self.url)
        self.writer = self.engine.execution_options(**{_WRITE: True})
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.writer, expire_on_commit=False)
        if self.checkpointer:
            self.checkpointer.start()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read.begin() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that will write: commits on success, rolls back on error.

        On SQLite it waits for its turn in the write queue first and keeps it
        until the commit or rollback is done.
        """
        with self.queue.turn(), self._write.begin() as session:
            yield session

    @contextmanager
    def write_core(self) -> Iterator[CoreUnit]:
        """A unit of work that will write, without the ORM (:mod:`workstation.db.unit`): the
        same write queue, ``BEGIN IMMEDIATE``, commit on success and rollback on error."""
        with self.queue.turn(), self.writer.begin() as conn:
            unit = CoreUnit(conn)
            yield unit
            unit.commit_work()

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read-only unit of work that sees one consistent state throughout.

        SQLite gives this to any read transaction in WAL mode; PostgreSQL needs
        REPEATABLE READ, since READ COMMITTED sees each new commit.
        """
        if self.dialect == "sqlite":
            with self.read() as session:
                yield session
            return
        with self.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin(), Session(conn) as session:
                yield session

    def dispose(self) -> None:
        if self.checkpointer:
            self.checkpointer.stop()
        self.engine.dispose()
