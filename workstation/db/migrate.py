"""Alembic, driven from code: upgrade and report. Imported only when needed.

An upgrade that moves the schema records, in the same transaction, the
revision it reached and this program's version (``schema_upgrades``), so a
counter still on an older program can say which version to install.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, insert, inspect, text

from workstation.db.engine import Database
from workstation.db.models import SchemaUpgrade
from workstation.db.schema import UPGRADES, program_version

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def script_revisions() -> list[str]:
    """Revisions of the migration scripts, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if found is None else str(found)


def _record(connection: Connection, before: str | None) -> None:
    """Note who moved the schema, if it moved and the table is there."""
    after = _revision(connection)
    if after is None or after == before or not inspect(connection).has_table(UPGRADES):
        return
    row = {"revision": after, "program_version": program_version()}
    connection.execute(insert(SchemaUpgrade), [{**row, "upgraded_at": _now()}])


def _now() -> datetime:
    return datetime.now(UTC)


def upgrade(db: Database, revision: str = "head") -> None:
    config = alembic_config()
    with db.writer.begin() as connection:
        before = _revision(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        _record(connection, before)


def downgrade(db: Database, revision: str) -> None:
    config = alembic_config()
    with db.writer.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
