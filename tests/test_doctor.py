"""``workstation doctor``: one line per check, OK / WARN / FAIL, exit 1 on any FAIL."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections import namedtuple
from datetime import timedelta

import keyring
import pytest
from sqlalchemy import text

from tests.cli_support import Cli
from tests.conftest import make_config
from tests.faults import os_call_fails
from workstation.cli import doctor_system
from workstation.cli.doctor_system import clock_finding
from workstation.config import LoggingSection, PrintingSection
from workstation.db.engine import Database
from workstation.db.schema import HEAD
from workstation.secrets import JOURNAL_KEY, MemoryKeyring

pytestmark = pytest.mark.db

CHECKS = [
    "Keyring",
    "Database",
    "Schema",
    "Journal",
    "Templates",
    "Print font",
    "Printer",
    "Output folder",
    "Clock",
    "Disk (database)",
    "Disk (output)",
    "Log",
]
MAY_WARN = {"Print font", "Disk (database)", "Disk (output)"}
"""What depends on the machine the suite runs on (its fonts, its disk)."""


def doctor(tmp_path, url: str, printer: str | None = None, log_folder=None):
    """Run ``workstation doctor``; its exit code and each check's line (level, message)."""
    config = make_config(url, folder=tmp_path / "output").model_copy(
        update={
            "printing": PrintingSection(printer=printer),
            "logging": LoggingSection(folder=log_folder or tmp_path / "logs"),
        }
    )
    result = Cli.of(config, tmp_path)("doctor")
    lines = result.stdout.splitlines()
    found = {}
    for line in lines:
        level, _, rest = line.partition(" ")
        name, _, message = rest.strip().partition(": ")
        if level in ("OK", "WARN", "FAIL") and name in CHECKS:
            found[name] = (level, message)
    assert list(found) == CHECKS, result.stdout
    return result.exit_code, found, lines


def _execute(url: str, statement: str) -> None:
    db = Database(url)
    try:
        with db.engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        db.dispose()


def test_a_ready_workstation_passes_with_one_line_per_check(db_url, tmp_path):
    code, found, _ = doctor(tmp_path, db_url)
    assert code == 0
    assert {n: lv for n, (lv, _) in found.items() if lv != "OK" and n not in MAY_WARN} == {}
    assert found["Schema"][1] == f"schema {HEAD}, as this program expects"
    assert (
        found["Journal"][1].startswith("head #")
        and "signed with the journal key" in found["Journal"][1]
    )
    assert found["Output folder"][1] == f"the output folder is writable: {tmp_path / 'output'}"
    assert list((tmp_path / "output").iterdir()) == []  # the probe file is gone
    if db_url.startswith("sqlite"):
        assert found["Clock"][1].startswith("skipped: a SQLite database is on this machine")
        assert found["Disk (database)"][1].startswith(f"{db_url.removeprefix('sqlite:///')}: ")
    else:
        assert found["Clock"][1].startswith("within ")
        assert found["Disk (database)"][1].startswith("skipped: the database's disk")
    assert found["Log"][1].startswith(f"{tmp_path / 'logs' / 'counter-01.log'} (not written yet)")


def test_an_output_folder_that_cannot_be_written_fails(db_url, tmp_path, monkeypatch):
    folder = tmp_path / "output"
    folder.mkdir()
    os_call_fails(monkeypatch, "open", folder, errno.EROFS)  # read-only, as root sees it too
    code, found, _ = doctor(tmp_path, db_url)
    assert code == 1
    level, message = found["Output folder"]
    assert level == "FAIL" and "Read-only file system" in message and str(folder) in message


def _lpstat(tmp_path, monkeypatch, script: str) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    lpstat = bin_dir / "lpstat"
    lpstat.write_text(f"#!/bin/sh\n{script}\n")
    lpstat.chmod(lpstat.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.parametrize(
    ("script", "level", "said", "code"),
    [
        ('echo "printer Counter01 is idle.  enabled since now"', "OK", "is idle", 0),
        ('echo "printer Counter01 disabled since now -"', "WARN", "cupsenable Counter01", 0),
        ('echo "lpstat: Invalid destination name" >&2; exit 1', "FAIL", "does not exist", 1),
    ],
    ids=["present", "stopped", "missing"],
)
def test_the_printer_queue_is_asked_for_by_name(
    db_url, tmp_path, monkeypatch, script, level, said, code
):
    _lpstat(tmp_path, monkeypatch, script)
    exit_code, found, _ = doctor(tmp_path, db_url, printer="Counter01")
    assert exit_code == code
    assert found["Printer"][0] == level and said in found["Printer"][1]


def test_a_database_behind_this_program_fails_its_schema_line(db_url, tmp_path):
    _execute(db_url, "UPDATE alembic_version SET version_num = '0006'")
    code, found, _ = doctor(tmp_path, db_url)
    assert code == 1
    assert found["Database"][0] == "OK"
    level, message = found["Schema"]
    assert level == "FAIL" and "0006" in message and "workstation db upgrade" in message


def test_a_volatile_keyring_fails_the_keyring_and_the_journal(db_url, tmp_path):
    keyring.set_keyring(MemoryKeyring())  # as keyring builds it from PYTHON_KEYRING_BACKEND
    code, found, _ = doctor(tmp_path, db_url)
    assert code == 1
    for name in ("Keyring", "Journal"):
        level, message = found[name]
        assert level == "FAIL" and "workstation.secrets.MemoryKeyring" in message


def test_a_keyring_holding_another_key_than_the_journals_fails_the_journal(db_url, tmp_path):
    other = MemoryKeyring(explicit=True)
    other.set_password("counter-workstation", JOURNAL_KEY, "7b" * 32)
    keyring.set_keyring(other)
    code, found, _ = doctor(tmp_path, db_url)
    assert code == 1 and found["Keyring"][0] == "OK"
    level, message = found["Journal"]
    assert level == "FAIL" and "another key than the branch's" in message


def test_a_journal_head_unlike_its_last_entry_fails(db_url, tmp_path):
    _execute(db_url, f"UPDATE journal_head SET hash = '{'0' * 64}'")
    code, found, _ = doctor(tmp_path, db_url)
    assert code == 1
    assert found["Journal"][0] == "FAIL" and "workstation journal verify" in found["Journal"][1]


def test_little_free_space_is_a_warning_not_a_failure(db_url, tmp_path, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage(100 << 30, 0, 900 << 20))
    code, found, _ = doctor(tmp_path, db_url)
    assert code == 0
    level, message = found["Disk (output)"]
    assert (level, message) == (
        "WARN",
        f"{tmp_path / 'output'}: only 900.0 MiB free of 100.0 GiB (1%), below 1.0 GiB or 5%:"
        " make room before the disk fills",
    )
    if db_url.startswith("sqlite"):
        assert found["Disk (database)"][0] == "WARN"


def test_the_clock_is_compared_with_the_postgresql_servers(db_url, tmp_path, monkeypatch):
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite has no server clock (the check says it is skipped)")
    real = doctor_system.local_now
    monkeypatch.setattr(doctor_system, "local_now", lambda: real() + timedelta(minutes=3))
    code, found, _ = doctor(tmp_path, db_url)
    assert code == 1
    level, message = found["Clock"]
    assert level == "FAIL" and "is 180 s off the database server's" in message


@pytest.mark.parametrize(("skew", "level"), [(-119.4, "ok"), (30, "ok"), (121, "fail")])
def test_two_minutes_either_way_is_the_clocks_limit(skew, level):
    assert clock_finding(skew).level == level


def test_the_log_line_says_where_the_log_is_and_shows_its_last_problems(db_url, tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    stamp = "2026-11-27T10:00:0{}.000+08:00"
    (logs / "counter-01.log").write_text(
        "".join(
            f"{stamp.format(n)} {level} screens.base [1 MainThread] event {n}\n"
            for n, level in enumerate(["INFO", "ERROR", "INFO", "WARNING", "INFO"])
        )
        + "Traceback (most recent call last):\n  File x\n",
        encoding="utf-8",
    )
    code, found, lines = doctor(tmp_path, db_url)
    assert code == 0
    level, message = found["Log"]
    assert level == "OK" and message.startswith(f"{logs / 'counter-01.log'} (")
    assert f"commands log to {logs / 'admin.log'}" in message
    assert message.endswith("the last warnings and errors:")
    below = lines[lines.index(next(x for x in lines if x.startswith("OK     Log:"))) + 1 :]
    assert [x.strip().split("] ")[1] for x in below[:2]] == ["event 1", "event 3"]


def test_a_log_folder_that_cannot_be_written_is_a_warning(db_url, tmp_path):
    (tmp_path / "blocked").write_text("a file where the log folder should be")
    code, found, _ = doctor(tmp_path, db_url, log_folder=tmp_path / "blocked" / "logs")
    assert code == 0
    level, message = found["Log"]
    assert level == "WARN" and "cannot write to the log folder" in message
    assert "Not a directory" in message
