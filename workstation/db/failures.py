"""Database failures told as one line that names the problem and the fix.

SQLite and PostgreSQL report a full disk, a read-only folder or a file that
is not a database in their own words, deep inside SQLAlchemy. ``install``
hooks the engine's ``handle_error`` event, so every statement, commit and
connection attempt (sessions, Alembic, schema checks) raises a
:class:`StorageError` with a catalog message instead. SQLAlchemy has rolled
the transaction back by then: nothing of the failed unit of work is kept.
Errors that are bugs (a constraint violated, bad SQL) are left as they are.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL, ExceptionContext

from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Msg, msg


class StorageError(WorkstationError):
    """The database or its disk refused: the message says which and what to do."""


SQLITE_PHRASES = (
    ("file is not a database", "storage.not_a_database"),
    ("file is encrypted or is not a database", "storage.not_a_database"),
    ("malformed", "storage.damaged"),
    ("database or disk is full", "storage.disk_full"),
    ("readonly database", "storage.read_only"),
    ("unable to open database file", "storage.cannot_open"),
    ("disk i/o error", "storage.io_error"),
    ("database is locked", "storage.busy"),
)
"""What SQLite says (lower case), and the message that explains it."""

PG_CODES = {
    "53100": "storage.disk_full",
    "25006": "storage.read_only",
    "58030": "storage.io_error",
    "55P03": "storage.busy",
}
"""PostgreSQL SQLSTATE codes: disk_full, read_only_sql_transaction, io_error, lock_not_available."""

ERRNOS = {
    errno.ENOSPC: "storage.disk_full",
    errno.EDQUOT: "storage.disk_full",
    errno.EROFS: "storage.read_only",
    errno.EACCES: "storage.read_only",
    errno.EPERM: "storage.read_only",
    errno.EIO: "storage.io_error",
}


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def where(url: URL) -> str:
    """The database as a person knows it: the SQLite file, or the server without password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def folder_problem(path: Path) -> str | None:
    """Why SQLite cannot create its files beside ``path``, found without writing anything."""
    folder = path.parent
    if not folder.exists():
        return f"{folder}: {os.strerror(errno.ENOENT)}"
    if not folder.is_dir():
        return f"{folder}: {os.strerror(errno.ENOTDIR)}"
    if os.statvfs(folder).f_flag & os.ST_RDONLY:
        return f"{folder}: {os.strerror(errno.EROFS)}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{folder}: {os.strerror(errno.EACCES)}"
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return f"{path}: {os.strerror(errno.EACCES)}"
    return None


def _sqlite_key(error: BaseException) -> str | None:
    said = str(error).lower()
    return next((key for phrase, key in SQLITE_PHRASES if phrase in said), None)


def describe(error: BaseException, url: URL) -> Msg | None:
    """The message for a driver error on ``url``; None when it is not a storage failure."""
    key: str | None
    if isinstance(error, OSError) and error.errno in ERRNOS:
        key, reason = ERRNOS[error.errno], error.strerror or str(error)
    elif url.get_backend_name() == "sqlite":
        key, reason = _sqlite_key(error), one_line(error)
        if key in ("storage.cannot_open", "storage.read_only") and url.database:
            reason = folder_problem(Path(url.database)) or reason
    else:
        code = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
        key, reason = PG_CODES.get(code or ""), one_line(error)
    if key is None:
        return None
    path = where(url)
    folder = str(Path(path).parent) if url.get_backend_name() == "sqlite" else path
    return msg(key, path=path, folder=folder, reason=reason)


def explained(error: BaseException, url: URL) -> StorageError | None:
    """The :class:`StorageError` a driver error on ``url`` raises, if it is a storage failure."""
    said = describe(error, url)
    return None if said is None else StorageError(said)


def install(engine: Engine, url: URL) -> None:
    """Storage failures on ``engine`` raise :class:`StorageError` (after SQLAlchemy's cleanup)."""

    @event.listens_for(engine, "handle_error")
    def _explain(context: ExceptionContext) -> BaseException | None:
        if context.is_pre_ping:  # a dropped connection SQLAlchemy replaces by itself
            return None
        said = describe(context.original_exception, url)
        if said is None and (context.is_disconnect or context.connection is None):
            reason = one_line(context.original_exception)
            said = msg("storage.unreachable", path=where(url), reason=reason)
        return None if said is None else StorageError(said)
