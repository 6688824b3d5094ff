"""The command line as an administrator uses it: one clear line and an exit code on error."""

from __future__ import annotations

from functools import partialmethod

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from textual.app import App

from screens.app import WorkstationApp
from tests.cli_support import Cli
from tests.conftest import make_config
from tests.pilot import ready
from tests.printing_support import prepare_receipt
from workstation.cli import main
from workstation.config import render_config
from workstation.db.engine import Database
from workstation.db.schema import HEAD
from workstation.domain.prints import DocumentKind
from workstation.services.auth import AuthError

pytestmark = pytest.mark.db


@pytest.fixture
def cli(config, tmp_path):
    return Cli.of(config, tmp_path)


def _staff_add(cli, staff_id: str, name: str, password: str):
    """``staff add`` of a teller, the password on stdin."""
    add = ("staff", "add", staff_id, "--name", name, "--role", "teller", "--password-stdin")
    return cli(*add, input=f"{password}\n")


def test_init_creates_a_branch_an_administrator_and_a_config(databases, tmp_path):
    url = databases.empty()
    path = tmp_path / "new.toml"
    init = ["--config", str(path), "--lang", "en", "init", "--db", url]
    branch = ["--branch", "bj01", "--branch-name", "北京朝阳客户服务中心", "--counters", "3"]
    result = CliRunner().invoke(main, [*init, *branch, "--password-stdin"], input="admin123\n")
    assert result.exit_code == 0, result.output
    assert "Initialised branch BJ01: 3 counters, administrator A001" in result.stdout
    assert path.exists() and "BJ01" in path.read_text()
    listed = CliRunner().invoke(main, ["--config", str(path), "--lang", "en", "staff", "list"])
    assert "A001" in listed.stdout and "Administrator" in listed.stdout
    init = ["--config", str(path), "init", "--db", url]
    branch = ["--branch", "BJ01", "--branch-name", "x"]
    again = CliRunner().invoke(main, [*init, *branch, "--password-stdin"], input="admin123\n")
    assert again.exit_code == 1
    assert "already initialised" in again.stderr
    databases.drop(url)


def test_staff_add_list_unlock_passwd(cli, station):
    added = _staff_add(cli, "t010", "测试员", "pass1234")
    assert added.exit_code == 0, added.output
    assert "Added staff member T010 测试员 (Teller)" in added.stdout
    for _ in range(5):
        with pytest.raises(AuthError):
            station.auth.sign_in("T010", "wrong")
    listed = cli("staff", "list")
    assert "T010" in listed.stdout and "5" in listed.stdout
    assert cli("staff", "unlock", "T010").exit_code == 0
    assert cli("staff", "passwd", "T010", "--password-stdin", input="newpass99\n").exit_code == 0
    assert station.auth.sign_in("T010", "newpass99").staff.name == "测试员"


def test_a_user_mistake_is_one_line_on_stderr_without_a_traceback(cli):
    result = cli("staff", "unlock", "NOBODY")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "No staff member with ID NOBODY" in result.stderr
    assert "Traceback" not in result.output


def test_a_weak_password_is_refused(cli):
    result = _staff_add(cli, "T011", "某人", "short")
    assert result.exit_code == 1 and "at least 8 characters" in result.stderr


def test_a_bad_config_stops_every_command(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[database]\nurl = "sqlite:///x.db"\n[branch]\ncode = "SH01"\ncounter = "1"\n')
    result = CliRunner().invoke(main, ["--config", str(path), "journal", "verify"])
    assert result.exit_code == 1
    assert "branch.counter" in result.stderr and "Traceback" not in result.output


def test_journal_verify_and_show(cli, station):
    station.auth.sign_in("T001", "demo1234")
    verified = cli("journal", "verify", "--batch-size", "3")
    assert verified.exit_code == 0
    assert verified.stdout.startswith("Journal intact: 9 entries, last #9")  # the demo opened
    shown = cli("journal", "show", "--last", "3")
    assert "sign_in" in shown.stdout and "T001" in shown.stdout
    with station.db.write() as s:
        s.execute(text("UPDATE journal_entries SET payload = '{}' WHERE seq = 2"))
    broken = cli("journal", "verify")
    assert broken.exit_code == 1
    assert "Journal broken at entry #2" in broken.stderr


def test_db_current_and_upgrade(cli, databases, tmp_path):
    assert "up to date" in cli("db", "current").stdout
    url = databases.empty()
    path = tmp_path / "empty.toml"
    path.write_text(render_config(make_config(url)), encoding="utf-8")
    behind = CliRunner().invoke(main, ["--config", str(path), "--lang", "en", "db", "current"])
    assert behind.exit_code == 1 and "workstation init" in behind.stderr
    upgraded = CliRunner().invoke(main, ["--config", str(path), "--lang", "en", "db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    db = Database(url)
    with db.read() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    db.dispose()
    databases.drop(url)


def test_secrets_check_and_set(cli):
    checked = cli("secrets", "check")
    assert checked.exit_code == 0
    assert "MemoryKeyring" in checked.stdout and "journal-key: set" in checked.stdout
    stored = cli("secrets", "set", "database-password", "--stdin", input="pg-secret\n")
    assert stored.exit_code == 0
    assert "database-password: set" in cli("secrets", "check").stdout


def test_secrets_check_fails_closed_on_the_headless_default(cli):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    result = cli("secrets", "check")
    assert result.exit_code == 1 and "is refused" in result.stderr


def test_the_workstation_refuses_to_start_on_a_database_behind_head(
    databases, tmp_path, monkeypatch
):
    monkeypatch.setattr(WorkstationApp, "run", partialmethod(App.run, headless=True))
    url = databases.empty()
    path = tmp_path / "behind.toml"
    path.write_text(render_config(make_config(url)), encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert "The database is not initialised: run workstation init" in result.stderr
    databases.drop(url)


def test_the_workstation_opens_the_configured_station(cli, monkeypatch):
    seen = {}

    async def until_open(pilot):
        app = pilot.app
        await ready(pilot)
        seen["place"] = (app.station.branch.code, app.station.counter.code)
        app.exit()

    monkeypatch.setattr(
        WorkstationApp, "run", partialmethod(App.run, headless=True, auto_pilot=until_open)
    )
    assert cli().exit_code == 0
    assert seen["place"] == ("SH01", "01")


def test_the_workstation_refuses_an_invalid_config_before_anyone_signs_in(
    config, tmp_path, monkeypatch
):
    monkeypatch.setattr(WorkstationApp, "run", partialmethod(App.run, headless=True))
    path = tmp_path / "invalid.toml"
    path.write_text(render_config(config).replace('counter = "01"', 'counter = "1"'))
    result = CliRunner().invoke(main, ["--config", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert "branch.counter is wrong: the format is wrong" in result.stderr


def test_the_workstation_without_a_config_file_says_how_to_make_one(tmp_path):
    result = CliRunner().invoke(main, ["--config", str(tmp_path / "none.toml")])
    assert result.exit_code == 1
    assert "workstation init" in result.stderr


def test_forms_check_lists_every_problem_and_exits_1(tmp_path):
    from forms.loader import BUILTIN_PACKS

    good = CliRunner().invoke(main, ["--lang", "en", "forms", "check", str(BUILTIN_PACKS[0])])
    assert good.exit_code == 0 and "All 13 business templates pass" in good.stdout
    bad = tmp_path / "pack"
    bad.mkdir()
    (bad / "9000-x.toml").write_text('code = "90"\n', encoding="utf-8")
    (bad / "9001-y.toml").write_text("code = \n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "en", "forms", "check", str(bad)])
    assert result.exit_code == 1
    assert "9000-x.toml: code: wrong format" in result.stderr
    assert "9001-y.toml: (file): not valid TOML" in result.stderr


def _printed_receipt(station):
    from printing.pipeline import print_document
    from tests.ledger_support import contact_change, on_shift

    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    outcome = print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
    data = prepare_receipt(station, posted.serial, teller, "核验测试").data
    return data.qr_payload, outcome.path


def test_receipt_verify_tells_a_real_receipt_from_a_forged_one(cli, station):
    payload, _path = _printed_receipt(station)
    genuine = cli("receipt", "verify", payload)
    assert genuine.exit_code == 0, genuine.output
    assert "genuine" in genuine.stdout.lower() and payload.split("|")[1] in genuine.stdout
    forged = payload[:-4] + ("0000" if not payload.endswith("0000") else "1111")
    refused = cli("receipt", "verify", forged)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert payload.split("|")[1] in refused.stderr


def test_receipt_verify_reads_the_qr_code_from_a_scan(cli, station, tmp_path):
    import shutil
    import subprocess

    if not (shutil.which("zbarimg") and shutil.which("pdftoppm")):
        pytest.skip("zbarimg and pdftoppm are not installed (CI installs zbar-tools, poppler)")
    payload, path = _printed_receipt(station)
    scan = tmp_path / "scan"
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", str(path), str(scan)])
    read = cli("receipt", "verify", str(tmp_path / "scan-1.png"))
    assert read.exit_code == 0, read.output
    assert payload.split("|")[1] in read.stdout
