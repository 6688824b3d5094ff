"""The demo's second counter: another process on the same demo folder, nothing reseeded.

``workstation demo`` writes the demo's published key next to its database;
``workstation demo --join DIR --counter 02`` reads it back into its own
in-process keyring, so both sign one journal. A real keyring never takes that key.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from screens.app import WorkstationApp
from screens.journal import JournalScreen
from screens.posting_detail import PostingDetailScreen
from tests.conftest import FAST
from tests.keyrings import FILE, DiskKeyring
from tests.ledger_support import contact_change, on_shift
from tests.pilot import burst, make_app, ready, screen_text, settle, sign_in
from workstation.cli import main
from workstation.cli.demo import KEYS_FILE, demo_accounts, join_demo, prepare_demo
from workstation.db.ledger import Posting
from workstation.domain.clock import SystemClock
from workstation.secrets import DEMO_JOURNAL_KEY, JOURNAL_KEY, Secrets, SecretsError
from workstation.station import open_station

BIG = (140, 42)


@pytest.fixture
def demo_dir(tmp_path):
    """A demo folder as ``workstation demo`` leaves it, with counter 01's posting in it."""
    folder = tmp_path / "demo"
    config, secrets = prepare_demo(folder, "zh")
    station = open_station(config, secrets, SystemClock(config.branch.zone), FAST)
    try:
        teller = on_shift(station, "T001")
        station.postings.post(contact_change(station), teller)
    finally:
        station.close()
    return folder


def _postings(station) -> list[str]:
    with station.db.read() as s:
        return list(s.scalars(select(Posting.serial)))


def _join(folder, *extra: str):
    args = ["--lang", "en", "demo", "--join", str(folder), *extra, "--no-run"]
    return CliRunner().invoke(main, args)


async def test_a_second_demo_counter_signs_in_and_sees_counter_01s_posting(demo_dir):
    assert (demo_dir / KEYS_FILE).read_text().count(DEMO_JOURNAL_KEY) == 1
    joined = _join(demo_dir, "--counter", "02")
    assert joined.exit_code == 0, joined.output
    config, secrets = join_demo(demo_dir, "02", "zh")
    assert config.branch.counter == "02" and secrets.in_memory
    station = open_station(config, secrets, SystemClock(config.branch.zone), FAST)
    [serial] = _postings(station)  # counter 01's posting is there: nothing was reseeded
    assert "-01-" in serial
    app = WorkstationApp(
        lambda: station,
        clock=station.clock,
        demo_accounts=demo_accounts(),
        demo_dir=demo_dir,
        idle_check_seconds=3600,
    )
    try:
        async with app.run_test(size=BIG) as pilot:
            await ready(pilot)
            assert "上海浦东客户服务中心 · 02号窗口" in screen_text(app)
            await sign_in(pilot, "S001", "demo1234")
            await pilot.press("f5")
            await settle(pilot)
            assert isinstance(app.screen, JournalScreen)
            await burst(pilot, serial, "<enter>")
            await settle(pilot)
            assert app.screen.query_one("#results").row_count == 1
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, PostingDetailScreen)
            assert serial in screen_text(app) and "联系方式变更" in screen_text(app)
    finally:
        station.close()


async def test_the_demo_sign_in_says_how_to_open_counter_02(station, tmp_path):
    app = make_app(station, demo=True)
    app.demo_dir = tmp_path / "my demo"
    async with app.run_test(size=BIG) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert f"workstation demo --join '{tmp_path / 'my demo'}' --counter 02" in text
        assert "make demo-counter" in text
    plain = make_app(station)
    async with plain.run_test(size=BIG) as pilot:
        await ready(pilot)
        assert "--join" not in screen_text(plain)


def test_demo_join_refuses_a_folder_without_a_demo(tmp_path):
    result = _join(tmp_path / "nothing", "--counter", "02")
    assert result.exit_code == 1
    assert "No demo in" in result.stderr and "config.toml is missing" in result.stderr


def test_demo_join_refuses_a_key_file_holding_another_key(demo_dir):
    keys = demo_dir / KEYS_FILE
    keys.write_text(keys.read_text().replace(DEMO_JOURNAL_KEY, "5a" * 32))
    result = _join(demo_dir, "--counter", "02")
    assert result.exit_code == 1 and "is not a demo key file" in result.stderr


def test_demo_join_refuses_a_database_the_demo_key_did_not_sign(demo_dir, db_url):
    """A demo folder pointed at another database: its journal is not the demo's, refused."""
    config = demo_dir / "config.toml"
    config.write_text(config.read_text().replace(f"sqlite:///{demo_dir / 'demo.db'}", db_url))
    result = _join(demo_dir, "--counter", "02")
    assert result.exit_code == 1
    assert "does not open the journal of branch SH01" in result.stderr


def test_demo_join_refuses_an_unknown_counter_and_counter_without_join(demo_dir):
    unknown = _join(demo_dir, "--counter", "09")
    assert unknown.exit_code == 1 and "has no counter 09" in unknown.stderr
    alone = CliRunner().invoke(main, ["demo", "--counter", "02", "--no-run"])
    assert alone.exit_code == 2 and "--counter goes with --join" in alone.output


def test_a_real_keyring_refuses_the_demo_key(tmp_path, monkeypatch):
    monkeypatch.setenv(FILE, str(tmp_path / "keys.json"))
    real = Secrets(DiskKeyring())
    with pytest.raises(SecretsError) as refused:
        real.set(JOURNAL_KEY, DEMO_JOURNAL_KEY)
    assert refused.value.msg.key == "secrets.demo_key"
    assert not (tmp_path / "keys.json").exists()
