"""Is the database at the schema this code expects? Answered without Alembic.

Alembic is slow to import, so start-up compares the ``alembic_version`` row
with the list below; a test keeps the list equal to the migration scripts.
A mismatch is refused in one line that says which side to upgrade: the
database (``workstation db upgrade``, once, on the server) when this program
is newer, or this program (to the version that upgraded the database, which
``schema_upgrades`` records) when it is older.
"""

from __future__ import annotations

from sqlalchemy import inspect, text

import workstation
from workstation.db.engine import Database
from workstation.domain.errors import WorkstationError

REVISIONS = (
    *("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010"),
    *("0011", "0012", "0013", "0014", "0015", "0016", "0017", "0018", "0019"),
)
"""Every migration revision, oldest first; the last one is the head."""
HEAD = REVISIONS[-1]
UPGRADES = "schema_upgrades"
"""The table where each upgrade records the program version that ran it (from 0008)."""


class SchemaMismatch(WorkstationError):
    """The database is not at this code's schema revision."""


def program_version() -> str:
    """This program's version, as upgrades record it and refusals name it."""
    return workstation.__version__


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if revision is None else str(revision)


def upgraded_by(db: Database, revision: str) -> str | None:
    """The program version that moved the schema to ``revision``, if the database says."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table(UPGRADES):
            return None
        newest = text(f"SELECT revision, program_version FROM {UPGRADES} ORDER BY id DESC LIMIT 1")
        row = conn.execute(newest).first()
    return str(row[1]) if row is not None and row[0] == revision else None


def check_schema(db: Database) -> None:
    """Raise :class:`SchemaMismatch` naming the side to upgrade and how."""
    revision = current_revision(db)
    if revision == HEAD:
        return
    if revision is None:
        raise SchemaMismatch("db.not_initialised")
    mine = program_version()
    if revision in REVISIONS:
        raise SchemaMismatch("db.behind", current=revision, head=HEAD, version=mine)
    needed = upgraded_by(db, revision)
    if needed is None:
        raise SchemaMismatch("db.ahead_unknown", current=revision, head=HEAD, version=mine)
    raise SchemaMismatch("db.ahead", current=revision, head=HEAD, version=mine, needed=needed)
