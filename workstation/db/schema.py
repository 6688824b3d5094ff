"""Is the database at the schema this code expects? Answered without Alembic.

Alembic is slow to import, so start-up compares the ``alembic_version`` row
with the list below; a test keeps the list equal to the migration scripts.
"""

from __future__ import annotations

from sqlalchemy import inspect, text

from workstation.db.engine import Database
from workstation.domain.errors import WorkstationError

REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
"""Every migration revision, oldest first; the last one is the head."""
HEAD = REVISIONS[-1]


class SchemaMismatch(WorkstationError):
    """The database is not at this code's schema revision."""


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_schema(db: Database) -> None:
    """Raise :class:`SchemaMismatch` naming the command that fixes it."""
    revision = current_revision(db)
    if revision == HEAD:
        return
    if revision is None:
        raise SchemaMismatch("db.not_initialised")
    if revision in REVISIONS:
        raise SchemaMismatch("db.behind", current=revision, head=HEAD)
    raise SchemaMismatch("db.ahead", current=revision, head=HEAD)
