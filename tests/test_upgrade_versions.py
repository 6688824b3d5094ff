"""Two program versions on one database: `workstation db upgrade` once by the newer program,
and a counter on the other version refuses to start in one line naming the side to upgrade.

The newer program is this one plus a test-only Alembic revision (a versions folder of its
own) and a higher version number; the migration really runs, on SQLite in `make test` and
on PostgreSQL in CI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import inspect

import workstation
from tests.cli_support import Cli
from tests.conftest import FAST, make_config
from workstation.db import migrate, schema
from workstation.db.engine import Database
from workstation.db.schema import SchemaMismatch
from workstation.domain.i18n import Catalog
from workstation.station import open_station

pytestmark = pytest.mark.db
EN, ZH = Catalog.load("en"), Catalog.load("zh")
NEWER, NEWER_VERSION = "0900", "0.2.0"
SCRIPT = '''"""test only: the newer program's migration"""
import sqlalchemy as sa
from alembic import op

revision = "{newer}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("newer_program_notes", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("newer_program_notes")
'''


@pytest.fixture
def newer_program(tmp_path, monkeypatch):
    """Entering it runs this process as the newer program; leaving it, as the older one."""
    versions = tmp_path / "newer_versions"
    versions.mkdir()
    script = SCRIPT.format(newer=NEWER, head=schema.HEAD)
    (versions / f"{NEWER}_newer_program.py").write_text(script)
    original = migrate.alembic_config

    def with_newer_scripts():
        config = original()
        config.set_main_option("path_separator", "os")
        folders = (str(migrate.MIGRATIONS / "versions"), str(versions))
        config.set_main_option("version_locations", os.pathsep.join(folders))
        return config

    @contextmanager
    def running() -> Iterator[None]:
        with monkeypatch.context() as patch:
            patch.setattr(migrate, "alembic_config", with_newer_scripts)
            patch.setattr(schema, "REVISIONS", (*schema.REVISIONS, NEWER))
            patch.setattr(schema, "HEAD", NEWER)
            patch.setattr(workstation, "__version__", NEWER_VERSION)
            yield

    return running


def _refusal(config, secrets, clock) -> SchemaMismatch:
    with pytest.raises(SchemaMismatch) as refused:
        open_station(config, secrets, clock, FAST).close()
    return refused.value


def _one_line(result) -> str:
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_each_program_version_refuses_the_other_schema_naming_the_side_to_upgrade(
    databases, newer_program, secrets, clock, tmp_path
):
    url = databases.copy()  # the branch as the current program (0.1.0) set it up
    config = make_config(url)
    cli = Cli.at(url, tmp_path / "counter")
    old_version = workstation.__version__

    with newer_program():  # a counter updated before the server: the database is behind
        refused = _refusal(config, secrets, clock)
        assert refused.msg.key == "db.behind"
        assert "upgrade the database with `workstation db upgrade`" in EN(refused.msg)
        assert "请升级数据库" in ZH(refused.msg) and "workstation db upgrade" in ZH(refused.msg)
        line = _one_line(cli("journal", "verify"))
        assert f"(version {NEWER_VERSION}, schema {NEWER})" in line

        upgraded = cli("db", "upgrade")  # once, on the server, by the newer program
        assert upgraded.exit_code == 0, upgraded.output
        assert f"Database upgraded to {NEWER}" in upgraded.stdout
        open_station(config, secrets, clock, FAST).close()  # the newer counter starts

    db = Database(url)
    try:
        with db.engine.connect() as conn:
            assert inspect(conn).has_table("newer_program_notes")  # the migration ran
    finally:
        db.dispose()

    # A counter still on the older program: this program must be upgraded, to 0.2.0.
    refused = _refusal(config, secrets, clock)
    assert refused.msg.key == "db.ahead"
    assert f"upgrade this program to version {NEWER_VERSION}" in EN(refused.msg)
    assert f"把本程序升级到版本 {NEWER_VERSION}" in ZH(refused.msg)
    line = _one_line(cli("journal", "verify"))
    assert f"(version {old_version}, schema {schema.HEAD})" in line
    assert f"upgrade this program to version {NEWER_VERSION}" in line
    # Its own db upgrade cannot go backwards and says the same, instead of an Alembic trace.
    assert f"upgrade this program to version {NEWER_VERSION}" in _one_line(cli("db", "upgrade"))
    databases.drop(url)
