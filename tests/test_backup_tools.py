"""pg_dump and pg_restore: found in WORKSTATION_PG_BIN, [database] pg_bin or PATH, new enough,
else one line naming the package; the password reaches them only through their environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.cli_support import Cli
from tests.databases import PG_URL
from workstation.db.copies import BackupError
from workstation.db.engine import Database
from workstation.db.pg_copy import PG_BIN_ENV, find_tool, libpq_target
from workstation.domain.i18n import Catalog

EN, ZH = Catalog.load("en"), Catalog.load("zh")
only_pg = pytest.mark.skipif(not PG_URL, reason="needs WORKSTATION_TEST_PG_URL (CI runs it)")


def _fake(folder: Path, name: str, version: str, body: str = "exit 1") -> Path:
    """An executable that says it is PostgreSQL ``version``'s ``name`` and does ``body``."""
    folder.mkdir(parents=True, exist_ok=True)
    tool = folder / name
    says = f'if [ "$1" = --version ]; then echo "{name} (PostgreSQL) {version}"; exit 0; fi'
    tool.write_text(f"#!/bin/sh\n{says}\n{body}\n")
    tool.chmod(0o755)
    return tool


def test_a_missing_pg_dump_is_one_line_naming_the_package(tmp_path, monkeypatch):
    monkeypatch.delenv(PG_BIN_ENV, raising=False)
    with pytest.raises(BackupError) as refused:
        find_tool("pg_dump", tmp_path, 15)
    said = EN(refused.value.msg)
    assert f"pg_dump was not found in {tmp_path}: install postgresql-client-15" in said
    assert "安装 postgresql-client-15" in ZH(refused.value.msg)
    assert "\n" not in str(refused.value)


def test_a_pg_dump_older_than_the_server_is_refused(tmp_path, monkeypatch):
    _fake(tmp_path, "pg_dump", "13.2")
    monkeypatch.setenv(PG_BIN_ENV, str(tmp_path))
    with pytest.raises(BackupError) as refused:
        find_tool("pg_dump", None, 15)
    said = EN(refused.value.msg)
    assert "is PostgreSQL 13, older than the 15" in said
    assert "install postgresql-client-15" in said


def test_the_environment_folder_wins_over_the_configured_one_and_path(tmp_path, monkeypatch):
    chosen = _fake(tmp_path / "env", "pg_restore", "16.1")
    _fake(tmp_path / "configured", "pg_restore", "15.4")
    monkeypatch.setenv(PG_BIN_ENV, str(tmp_path / "env"))
    found = find_tool("pg_restore", tmp_path / "configured", 15)
    assert (found.path, found.major) == (chosen, 16)
    monkeypatch.delenv(PG_BIN_ENV)
    assert find_tool("pg_restore", tmp_path / "configured", 15).major == 15
    monkeypatch.setenv("PATH", str(tmp_path / "env"))
    assert find_tool("pg_restore", None, 15).path == chosen


def test_the_password_is_in_the_childs_environment_not_its_command_line():
    url = make_url("postgresql+psycopg://teller@db.branch:5432/ws").set(password="s3cr:t@x")
    address, env = libpq_target(url)
    assert address == "postgresql://teller@db.branch:5432/ws"
    assert env["PGPASSWORD"] == "s3cr:t@x"
    assert "PGPASSWORD" not in os.environ


@pytest.mark.db
@only_pg
def test_backup_without_pg_dump_says_what_to_install(databases, tmp_path, monkeypatch):
    url = databases.copy()
    monkeypatch.setenv(PG_BIN_ENV, str(tmp_path / "nothing-here"))
    refused = Cli.at(url, tmp_path / "cfg")("backup", "--to", str(tmp_path / "backups"))
    assert refused.exit_code == 1
    assert "pg_dump was not found" in refused.stderr
    assert "install postgresql-client-15" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert not list((tmp_path / "backups").glob("*"))  # no half-made backup left behind
    databases.drop(url)


@pytest.mark.db
@only_pg
def test_pg_dump_gets_the_keyring_password_only_in_its_environment(
    databases, tmp_path, monkeypatch
):
    """A stand-in pg_dump writes down its arguments and environment, then fails."""
    url = databases.copy()
    said = tmp_path / "said"
    body = f'echo "$@" > {said}/argv; echo "$PGPASSWORD" > {said}/password; exit 1'
    said.mkdir()
    _fake(tmp_path / "bin", "pg_dump", "99.0", body)
    monkeypatch.setenv(PG_BIN_ENV, str(tmp_path / "bin"))
    monkeypatch.setattr("workstation.secrets.Secrets.get", lambda self, name: "pw-from-keyring")
    refused = Cli.at(url, tmp_path / "cfg")("backup", "--to", str(tmp_path / "backups"))
    assert refused.exit_code == 1 and "pg_dump failed" in refused.stderr
    argv = (said / "argv").read_text()
    assert "--snapshot=" in argv and "--format=custom" in argv and "--no-password" in argv
    assert "pw-from-keyring" not in argv
    assert (said / "password").read_text().strip() == "pw-from-keyring"
    databases.drop(url)


@pytest.mark.db
@only_pg
def test_pg_restore_is_checked_against_the_server_before_anything_changes(
    databases, tmp_path, monkeypatch
):
    from workstation.db import pg_copy

    url = databases.empty()
    target = Database(url)
    _fake(tmp_path / "bin", "pg_restore", "10.1")
    with pytest.raises(BackupError) as refused:
        pg_copy.restore(tmp_path / "x.pgdump", target, tmp_path / "bin", 15)
    assert "install postgresql-client-15" in EN(refused.value.msg)
    target.dispose()
    databases.drop(url)
