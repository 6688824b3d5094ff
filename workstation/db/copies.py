"""What the SQLite and PostgreSQL backups share: the state a copy holds, emptiness, refusals.

A backup reads the journal head and the schema revision in the same
consistent snapshot as the data it copies, so its manifest describes exactly
that copy (:mod:`workstation.db.sqlite_copy`, :mod:`workstation.db.pg_copy`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, inspect, text

from workstation.db.engine import Database
from workstation.domain.errors import WorkstationError


class BackupError(WorkstationError):
    """A backup or restore refused or failed: the message says why, and what was kept."""


@dataclass(frozen=True)
class State:
    """The journal head and schema revision, read in the copy's snapshot."""

    seq: int
    hash: str
    revision: str


@dataclass(frozen=True)
class Taken:
    """A finished copy: the state it holds and the tool that made it."""

    state: State
    tool: str
    """The tool and its version, e.g. ``SQLite 3.40.1`` or ``pg_dump (PostgreSQL) 15.18``."""
    tool_major: int | None = None
    """pg_dump's major version: a pg_restore at least as new reads the archive."""


def read_state(conn: Connection) -> State:
    """The head and revision as ``conn``'s current transaction sees them."""
    if not inspect(conn).has_table("alembic_version"):
        raise BackupError("db.not_initialised")
    revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    head = conn.execute(text("SELECT seq, hash FROM journal_head")).one()
    return State(int(head[0]), str(head[1]), str(revision))


def table_count(db: Database) -> int:
    """How many tables the database (its default schema on PostgreSQL) holds."""
    with db.engine.connect() as conn:
        return len(inspect(conn).get_table_names())
