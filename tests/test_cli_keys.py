"""Keys that would not outlive the process are refused before anyone relies on them."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from click.testing import CliRunner
from keyring.backends import chainer

from tests.cli_support import config_file
from tests.keyrings import FILE, DiskKeyring
from workstation.cli import main
from workstation.secrets import JOURNAL_KEY, SERVICE, MemoryKeyring

pytestmark = pytest.mark.db
ROOT = Path(__file__).resolve().parents[1]


def _chosen_from_the_environment(monkeypatch, backend: str) -> None:
    """As a new process would: keyring picks its backend from PYTHON_KEYRING_BACKEND."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # a new process can load tests.keyrings too
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)


def _init(tmp_path, url: str):
    args = ["init", "--db", url, "--branch", "BJ01", "--branch-name", "北京朝阳客户服务中心"]
    return CliRunner().invoke(
        main,
        ["--config", str(tmp_path / "new.toml"), "--lang", "en", *args, "--password-stdin"],
        input="admin123\n",
    )


def _refused(result, *said: str) -> str:
    assert isinstance(result.exception, SystemExit) and result.exit_code == 1, result.output
    [line] = result.stderr.strip().splitlines()
    for words in said:
        assert words in line
    assert "Stored" not in result.stdout and "journal key in the keyring" not in result.stdout
    return line


def _init_refused(tmp_path: Path, monkeypatch, backend: str, *said: str) -> Path:
    """``init`` with ``backend`` chosen by the environment is refused, saying ``said``,
    and leaves no database behind; the database it would have made."""
    _chosen_from_the_environment(monkeypatch, backend)
    database = tmp_path / "ws.db"
    _refused(_init(tmp_path, f"sqlite:///{database}"), *said)
    assert not database.exists()
    return database


def test_init_refuses_an_in_memory_keyring_chosen_by_the_environment(tmp_path, monkeypatch):
    _init_refused(
        tmp_path,
        monkeypatch,
        "workstation.secrets.MemoryKeyring",
        "Keyring backend workstation.secrets.MemoryKeyring is refused",
        "only in this process's memory",
        "Unset PYTHON_KEYRING_BACKEND",
    )
    assert not (tmp_path / "new.toml").exists()


@pytest.mark.parametrize("command", [("secrets", "check"), ("journal", "verify")])
def test_commands_refuse_an_in_memory_keyring_chosen_by_the_environment(
    cli_config, monkeypatch, command
):
    _chosen_from_the_environment(monkeypatch, "workstation.secrets.MemoryKeyring")
    result = CliRunner().invoke(main, ["--config", str(cli_config), "--lang", "en", *command])
    _refused(result, "workstation.secrets.MemoryKeyring is refused")


def test_a_chain_holding_an_in_memory_keyring_is_refused(cli_config, tmp_path, monkeypatch):
    monkeypatch.setenv(FILE, str(tmp_path / "keys.json"))
    members = [DiskKeyring(), MemoryKeyring(explicit=True)]
    monkeypatch.setattr(chainer.ChainerBackend, "backends", members, raising=False)
    _chosen_from_the_environment(monkeypatch, "keyring.backends.chainer.ChainerBackend")
    result = CliRunner().invoke(
        main, ["--config", str(cli_config), "--lang", "en", "secrets", "check"]
    )
    _refused(result, "workstation.secrets.MemoryKeyring is refused")


def test_a_key_is_read_back_from_a_new_process_before_it_is_said_stored(tmp_path, monkeypatch):
    """A backend that forgets at exit under an innocent name is caught; one that keeps passes."""
    database = _init_refused(
        tmp_path,
        monkeypatch,
        "tests.keyrings.ForgetfulKeyring",
        "tests.keyrings.ForgetfulKeyring keeps journal-key only inside this process",
        "get_password() = None",
    )

    monkeypatch.setenv(FILE, str(tmp_path / "keys.json"))
    _chosen_from_the_environment(monkeypatch, "tests.keyrings.DiskKeyring")
    kept = _init(tmp_path, f"sqlite:///{database}")
    assert kept.exit_code == 0, kept.output
    assert "Created the electronic journal key in the keyring" in kept.stdout
    stored = json.loads((tmp_path / "keys.json").read_text())
    assert len(stored[f"{SERVICE}/{JOURNAL_KEY}"]) == 64


def test_a_backend_that_drops_what_it_is_given_is_caught_on_reading_back(cli_config, monkeypatch):
    _chosen_from_the_environment(monkeypatch, "tests.keyrings.DroppingKeyring")
    command = ["secrets", "set", "database-password", "--stdin"]
    result = CliRunner().invoke(
        main, ["--config", str(cli_config), "--lang", "en", *command], input="pg-secret\n"
    )
    _refused(
        result, "Keyring backend tests.keyrings.DroppingKeyring did not keep database-password"
    )


@pytest.fixture
def cli_config(config, tmp_path):
    return config_file(config, tmp_path)
