"""The schema comes only from Alembic; start-up refuses a database at another revision."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from workstation.db import schema
from workstation.db.engine import Database
from workstation.db.migrate import downgrade, script_revisions, upgrade
from workstation.db.models import Base
from workstation.db.schema import HEAD, SchemaMismatch, check_schema, current_revision
from workstation.domain.i18n import Catalog

pytestmark = pytest.mark.db
EN = Catalog.load("en")


@pytest.fixture
def empty_db(databases):
    url = databases.empty()
    db = Database(url)
    yield db
    db.dispose()
    databases.drop(url)


def test_the_revision_list_matches_the_scripts():
    assert list(schema.REVISIONS) == script_revisions()


def test_empty_to_head_gives_exactly_the_models(empty_db):
    assert current_revision(empty_db) is None
    upgrade(empty_db)
    assert current_revision(empty_db) == HEAD
    check_schema(empty_db)
    with empty_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    with empty_db.read() as s:
        assert s.execute(text("SELECT seq, hash FROM journal_head")).one() == (0, "0" * 64)


def test_downgrade_to_base_and_up_again(empty_db):
    upgrade(empty_db)
    downgrade(empty_db, "base")
    assert current_revision(empty_db) is None
    upgrade(empty_db)
    assert current_revision(empty_db) == HEAD


def test_an_empty_database_is_refused_with_the_fix(empty_db):
    with pytest.raises(SchemaMismatch) as refused:
        check_schema(empty_db)
    assert "workstation init" in EN(refused.value.msg)


def test_a_database_behind_head_is_refused_with_the_fix(empty_db, monkeypatch):
    upgrade(empty_db)
    # The code moves on to a newer revision; this database stays at the old head.
    newer = f"{int(HEAD) + 1:04d}"
    monkeypatch.setattr(schema, "REVISIONS", (*schema.REVISIONS, newer))
    monkeypatch.setattr(schema, "HEAD", newer)
    with pytest.raises(SchemaMismatch) as refused:
        check_schema(empty_db)
    assert refused.value.msg.key == "db.behind"
    assert "upgrade the database with `workstation db upgrade`" in EN(refused.value.msg)


def test_a_database_ahead_of_the_code_is_refused(empty_db):
    upgrade(empty_db)
    # Moved past this program by hand, not by a newer program's db upgrade: no version known.
    with empty_db.write() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaMismatch) as refused:
        check_schema(empty_db)
    assert refused.value.msg.key == "db.ahead_unknown"
    assert "upgrade this program on this computer" in EN(refused.value.msg)


def test_an_upgrade_records_the_program_that_ran_it(empty_db):
    upgrade(empty_db, "0007")
    with empty_db.read() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0007"
    upgrade(empty_db)
    upgrade(empty_db)  # nothing to do: nothing recorded
    with empty_db.read() as s:
        rows = s.execute(text("SELECT revision, program_version FROM schema_upgrades")).all()
    assert rows == [(HEAD, schema.program_version())]


def test_sqlite_connections_use_wal_foreign_keys_and_full_sync(empty_db):
    if empty_db.dialect != "sqlite":
        pytest.skip("SQLite pragmas")
    with empty_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
