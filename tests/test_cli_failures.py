"""A broken database or keyring reaches the administrator as one line, and changes nothing."""

from __future__ import annotations

import os
import shutil
from functools import partialmethod

import keyring
import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url
from textual.app import App

from screens.app import WorkstationApp
from tests.cli_support import config_file
from tests.conftest import make_config
from tests.faults import read_only
from workstation.cli import main

pytestmark = pytest.mark.db

COMMANDS = [
    ("staff", "list"),
    ("journal", "verify"),
    ("journal", "show"),
    ("db", "current"),
    ("db", "upgrade"),
    ("receipt", "verify", "CW1|SH01-20261127-01-00001|abc"),
]


def _config(tmp_path, url: str):
    return config_file(make_config(url), tmp_path)


def _run(path, *args: str, input: str | None = None):
    return CliRunner().invoke(main, ["--config", str(path), "--lang", "en", *args], input=input)


def _one_line(result) -> str:
    """The command failed on purpose (no exception escaped) with one line on stderr."""
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("错误 / Error: ")
    return lines[0]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_file_that_is_not_a_database_is_one_line_and_left_as_it_was(tmp_path, command):
    bad = tmp_path / "ws.db"
    noise = os.urandom(8192)
    bad.write_bytes(noise)
    line = _one_line(_run(_config(tmp_path, f"sqlite:///{bad}"), *command))
    assert f"{bad} is not a Counter Workstation database" in line
    assert "Point database.url at the right file, or restore the database" in line
    assert f"{bad} 不是柜面工作站数据库" in line  # and in Chinese, on the same line
    assert bad.read_bytes() == noise
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml", "ws.db"]


def test_doctor_names_the_broken_database_on_its_line(tmp_path):
    bad = tmp_path / "ws.db"
    bad.write_bytes(os.urandom(4096))
    result = _run(_config(tmp_path, f"sqlite:///{bad}"), "doctor")
    assert isinstance(result.exception, SystemExit) and result.exit_code == 1
    [line] = [x for x in result.stdout.splitlines() if "Database" in x]
    assert line.startswith("FAIL") and f"{bad} is not a Counter Workstation database" in line


def test_the_workstation_does_not_start_on_a_file_that_is_not_a_database(tmp_path, monkeypatch):
    monkeypatch.setattr(WorkstationApp, "run", partialmethod(App.run, headless=True))
    bad = tmp_path / "ws.db"
    bad.write_bytes(os.urandom(4096))
    result = _run(_config(tmp_path, f"sqlite:///{bad}"))
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert f"{bad} is not a Counter Workstation database" in result.stderr


@pytest.mark.parametrize("command", [("db", "current"), ("db", "upgrade"), ("staff", "list")])
def test_a_database_folder_that_is_a_file_is_one_line(tmp_path, command):
    """The configured folder cannot exist: a file stands where it should be."""
    (tmp_path / "data").write_text("not a folder")
    url = f"sqlite:///{tmp_path / 'data' / 'ws.db'}"
    line = _one_line(_run(_config(tmp_path, url), *command))
    assert f"Cannot open the database {tmp_path / 'data' / 'ws.db'}" in line
    assert "Not a directory" in line and f"Check that the folder {tmp_path / 'data'}" in line
    assert (tmp_path / "data").read_text() == "not a folder"


@pytest.mark.parametrize("command", [("db", "current"), ("db", "upgrade")])
def test_a_read_only_database_folder_is_one_line_and_nothing_changes(databases, tmp_path, command):
    """A read-only bind mount on the folder (root ignores chmod); skipped where mount is denied."""
    folder = tmp_path / "data"
    folder.mkdir()
    source = databases.copy()
    if make_url(source).get_backend_name() != "sqlite":
        pytest.skip("a folder is a SQLite matter")
    target = folder / "ws.db"
    shutil.copyfile(make_url(source).database, target)
    before = target.read_bytes()
    path = _config(tmp_path, f"sqlite:///{target}")
    with read_only(folder):
        line = _one_line(_run(path, *command))
    assert str(target) in line and "Read-only file system" in line
    assert f"folder {folder}" in line
    assert target.read_bytes() == before
    databases.drop(source)


@pytest.mark.parametrize("command", [("db", "current"), ("db", "upgrade"), ("staff", "list")])
def test_a_database_server_that_does_not_answer_is_one_line(tmp_path, command):
    pytest.importorskip("psycopg")
    url = "postgresql+psycopg://ws@127.0.0.1:1/ws"  # nothing listens on port 1
    line = _one_line(_run(_config(tmp_path, url), *command))
    assert f"Cannot reach the database {url}" in line and "database.url" in line


# -- the keyring ------------------------------------------------------------------


def _chosen_from_the_environment(monkeypatch, backend: str) -> None:
    """As a new process would: keyring picks its backend from PYTHON_KEYRING_BACKEND."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)


BAD_BACKENDS = [
    ("keyrings.nosuch.Keyring", "ModuleNotFoundError"),
    ("keyring.backends.NoSuchKeyring", "AttributeError"),
    ("keyring.backends.Windows.WinVaultKeyring", "Requires Windows"),  # dependency missing
]


@pytest.mark.parametrize(("backend", "said"), BAD_BACKENDS)
@pytest.mark.parametrize("command", [("secrets", "check"), ("staff", "list"), ("doctor",)])
def test_a_keyring_backend_that_cannot_load_is_one_line(
    config, tmp_path, monkeypatch, backend, said, command
):
    path = config_file(config, tmp_path)
    _chosen_from_the_environment(monkeypatch, backend)
    result = _run(path, *command)
    if command == ("doctor",):  # one line per check, each keyring-bound check failing
        assert isinstance(result.exception, SystemExit) and result.exit_code == 1
        lines = [x for x in result.stdout.splitlines() if backend in x]
        assert lines and all(x.startswith("FAIL") for x in lines)
        line = lines[0]
    else:
        line = _one_line(result)
    assert f"The keyring backend {backend} cannot be loaded" in line and said in line
    assert "unset PYTHON_KEYRING_BACKEND" in line


def test_the_workstation_does_not_start_with_a_keyring_that_cannot_load(
    config, tmp_path, monkeypatch
):
    monkeypatch.setattr(WorkstationApp, "run", partialmethod(App.run, headless=True))
    path = config_file(config, tmp_path)
    _chosen_from_the_environment(monkeypatch, "keyrings.nosuch.Keyring")
    result = _run(path)
    assert result.exit_code == 2 and result.stderr.strip().count("\n") == 0
    assert "The keyring backend keyrings.nosuch.Keyring cannot be loaded" in result.stderr
