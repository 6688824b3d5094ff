"""Counter PCs for the join and branch tests: each its own keyring, driven through the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import keyring
from click.testing import CliRunner, Result

from tests.conftest import make_config
from workstation.cli import main
from workstation.config import render_config
from workstation.secrets import MemoryKeyring

PASSPHRASE = re.compile(r"\b(?:[2-9A-Z]{4}-){5}[2-9A-Z]{4}\b")


def run(config: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["--config", str(config), "--lang", "en", *args], input=input)


def other_pc() -> MemoryKeyring:
    """A PC of its own: an empty keyring, from now on the one keyring finds."""
    backend = MemoryKeyring(explicit=True)
    keyring.set_keyring(backend)
    return backend


def refused(result: Result, *said: str) -> None:
    assert result.exit_code == 1, result.output
    [line] = result.stderr.strip().splitlines()
    for words in said:
        assert words in line, line
    assert "Traceback" not in result.output


def counter01_config(db_url: str, folder: Path) -> Path:
    """Counter 01's configuration file; its keyring (the autouse one) holds the branch's key."""
    path = folder / "pc1.toml"
    path.write_text(render_config(make_config(db_url)), encoding="utf-8")
    return path


def export(config: Path, target: Path) -> str:
    """``secrets export`` on the PC of ``config``; the one-time passphrase it printed."""
    done = run(config, "secrets", "export", "--to", str(target))
    assert done.exit_code == 0, done.output
    assert "shown only now" in done.stdout
    found = PASSPHRASE.search(done.stdout)
    assert found is not None, done.stdout
    return found.group(0)


def join(db_url: str, config: Path, *extra: str, input: str | None = None) -> Result:
    return run(config, "join", "--db", db_url, "--counter", "02", *extra, input=input)
