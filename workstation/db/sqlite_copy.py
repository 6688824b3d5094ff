"""SQLite backups through the online backup API, consistent while counters work.

The copy is made on a connection of its own that first opens a read
transaction and reads the journal head and schema revision in it; the
backup API then copies the pages from that same connection in one step
(``pages=-1``), and a backup step on a connection that is already in a read
transaction reads that transaction's snapshot (WAL). So the copy and the
head in its manifest are one state, whatever commits meanwhile, and the
writers never wait for the backup. The copy is then switched to
``journal_mode=DELETE``: one self-contained file, no -wal beside it.

A restore runs the backup API the other way, from the file into the
configured path (which must hold no table), then puts it back in WAL mode.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from workstation.db.copies import BackupError, State, Taken
from workstation.db.engine import BUSY_TIMEOUT_MS, Database
from workstation.db.failures import StorageError, describe

_HEAD = "SELECT seq, hash FROM journal_head"
_REVISION = "SELECT version_num FROM alembic_version"


def database_path(db: Database) -> Path:
    """The file of a SQLite database (an in-memory one cannot be copied)."""
    name = db.url.database
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError("backup.not_a_file", url=str(db.url))
    return Path(name)


def _open(path: Path, mode: str = "rw") -> sqlite3.Connection:
    """A plain connection in autocommit (we issue BEGIN); ``mode`` is ro, rw or rwc."""
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    return sqlite3.connect(
        uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )


def _state(conn: sqlite3.Connection) -> State:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables:
        raise BackupError("db.not_initialised")
    (revision,) = conn.execute(_REVISION).fetchone()
    seq, digest = conn.execute(_HEAD).fetchone()
    return State(int(seq), str(digest), str(revision))


def _explained(error: sqlite3.Error, path: Path) -> StorageError | sqlite3.Error:
    """The one-line storage message for ``error`` on the file ``path``, if it is one."""
    said = describe(error, make_url(f"sqlite:///{path}"))
    return error if said is None else StorageError(said)


def take(db: Database, out: Path) -> Taken:
    """Copy ``db`` into the (empty, existing) file ``out``; the state the copy holds."""
    source_path = database_path(db)
    try:
        source = _open(source_path)
    except sqlite3.Error as error:
        raise _explained(error, source_path) from None
    try:
        try:
            source.execute("BEGIN")  # one read snapshot for the head and every page copied
            state = _state(source)
        except sqlite3.Error as error:
            raise _explained(error, source_path) from None
        _copy(source, out)
    finally:
        source.close()  # ends the read transaction
    return Taken(state, f"SQLite {sqlite3.sqlite_version}")


def _copy(source: sqlite3.Connection, out: Path) -> None:
    try:
        target = _open(out)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
    except sqlite3.Error as error:
        raise _explained(error, out) from None


def restore(source: Path, db: Database) -> None:
    """Copy the backup file ``source`` into ``db``'s file, which holds no table."""
    path = database_path(db)
    db.dispose()  # no pooled connection of ours may hold the file while pages go in
    try:
        backup = _open(source, "ro")
        try:
            target = _open(path, "rwc")
            try:
                backup.backup(target)
                target.execute("PRAGMA journal_mode = WAL")
            finally:
                target.close()
        finally:
            backup.close()
    except sqlite3.Error as error:
        raise _explained(error, path) from None
