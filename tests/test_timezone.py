"""The branch's time zone: stored in UTC, read in the branch's zone whatever the machine's.

The suite runs with ``TZ=UTC`` (tests/conftest.py); the demo branch is in Shanghai,
so every time a person reads must say 09:00 where the machine would say 01:00.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from printing.pipeline import print_document
from screens.home import HomeScreen
from screens.posted import PostedScreen
from tests.cli_support import config_file
from tests.conftest import SHANGHAI
from tests.flows import BIG, approve_here, fill_surrender, signed_in
from tests.ledger_support import on_shift, renewal_in_cash, surrender
from tests.pilot import screen_text, settle
from workstation.cli import main
from workstation.config import Config, load_config, render_config
from workstation.configfile import ConfigError
from workstation.domain.cash import Count
from workstation.domain.clock import (
    ManualClock,
    SystemClock,
    local_date,
    short_stamp,
    stamp,
    time_of_day,
)
from workstation.domain.i18n import Catalog
from workstation.domain.prints import DocumentKind
from workstation.services.overrides import Ask

DAWN_UTC = datetime(2026, 11, 26, 23, 0, tzinfo=UTC)
"""07:00 on 27 November in Shanghai: still the 26th on a UTC machine."""


def test_the_machine_runs_on_utc_during_the_suite():
    assert datetime.now().astimezone().utcoffset().total_seconds() == 0


def test_one_formatter_reads_a_utc_time_in_the_branch_zone():
    assert stamp(DAWN_UTC, SHANGHAI) == "2026-11-27 07:00:00"
    assert time_of_day(DAWN_UTC, SHANGHAI) == "07:00:00"
    assert time_of_day(DAWN_UTC, SHANGHAI, seconds=False) == "07:00"
    assert short_stamp(DAWN_UTC, SHANGHAI) == "11-27 07:00"
    assert stamp(DAWN_UTC, ZoneInfo("Europe/London")) == "2026-11-26 23:00:00"


def test_the_system_clock_tells_branch_time_and_the_branch_date():
    clock = SystemClock(SHANGHAI)
    assert clock.now().utcoffset().total_seconds() == 8 * 3600
    manual = ManualClock(DAWN_UTC, zone=SHANGHAI)
    assert manual.now().hour == 7
    assert local_date(manual).isoformat() == "2026-11-27"


def test_the_zone_defaults_to_shanghai_and_an_unknown_zone_is_refused(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[database]\nurl = "sqlite:///x.db"\n[branch]\ncode = "SH01"\ncounter = "01"\n')
    assert load_config(path).branch.zone == SHANGHAI
    path.write_text(
        '[database]\nurl = "sqlite:///x.db"\n'
        '[branch]\ncode = "SH01"\ncounter = "01"\ntimezone = "Asia/Atlantis"\n'
    )
    with pytest.raises(ConfigError) as refused:
        load_config(path)
    zh, en = Catalog.load("zh")(refused.value.msg), Catalog.load("en")(refused.value.msg)
    assert "branch.timezone" in en and "IANA" in en
    assert "未知时区" in zh


def test_a_configured_zone_is_written_back_by_render_config(tmp_path):
    config = Config.model_validate(
        {
            "database": {"url": "sqlite:///x.db"},
            "branch": {"code": "SH01", "counter": "01", "timezone": "Asia/Urumqi"},
        }
    )
    path = tmp_path / "config.toml"
    path.write_text(render_config(config), encoding="utf-8")
    assert load_config(path).branch.zone == ZoneInfo("Asia/Urumqi")


@pytest.fixture
def dawn_clock() -> ManualClock:
    return ManualClock(DAWN_UTC, zone=SHANGHAI)


def test_a_posting_at_seven_in_shanghai_falls_on_the_shanghai_business_date(
    station, dawn_clock, clock
):
    clock._now = dawn_clock.now()  # the station's own clock, moved to 07:00 Shanghai
    who = on_shift(station)
    result = station.postings.post(renewal_in_cash(station), who)
    assert result.business_date.isoformat() == "2026-11-27"
    assert result.serial == "SH01-20261127-01-00001"
    assert stamp(result.posted_at, station.clock.zone) == "2026-11-27 07:00:00"


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_the_receipt_prints_branch_time(station):
    who = on_shift(station)
    sub = surrender(station)
    ask = Ask("posting", sub.idempotency_key, sub.digest(station.clock.now().date()), 1)
    station.overrides.approve_local(who, ask, "S001", "demo1234", "identity_verified")
    _context, assessment = station.postings.review(sub, who)
    seen = frozenset(f.code for f in assessment.warnings)
    result = station.postings.post(sub, who, seen)
    outcome = print_document(station, who, DocumentKind.RECEIPT, result.serial)
    text = _pdf_text(outcome.path)
    assert "2026-11-27 09:00:00" in text
    assert "01:00:00" not in text


def test_the_vault_slip_and_the_journal_listing_read_branch_time(station, config, tmp_path):
    who = on_shift(station)
    _view, transfer = station.till.vault_transfer(
        who, "from_vault", Count.of(y100=10), "S001", "demo1234"
    )
    slip = station.reports.vault_slip(transfer)
    assert slip.at == "2026-11-27 09:00:00"
    path = config_file(config, tmp_path)
    shown = CliRunner().invoke(main, ["--config", str(path), "journal", "show", "--last", "5"])
    assert shown.exit_code == 0, shown.output
    assert "2026-11-27 09:00:00" in shown.stdout
    assert "01:00:00" not in shown.stdout


async def test_every_time_on_the_teller_screens_is_branch_time(station):
    """Status bar, sign-in time, approval line and posted time agree: 09:00, never 01:00."""
    on_shift(station, "T001")
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert text.count("2026-11-27 09:00:00") == 2, text  # status bar and 登录时间
        assert "01:00" not in text
        await fill_surrender(pilot)
        await pilot.press("space")  # acknowledge the due-diligence notice
        await approve_here(pilot, "S001")
        text = screen_text(app)
        assert "已授权：王强（S001）1 级 · 本地 · 09:00:00" in text
        assert "01:00" not in text
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, PostedScreen)
        text = screen_text(app)
        assert text.count("2026-11-27 09:00:00") == 2, text  # status bar and 记账时间
        assert "01:00" not in text


def test_no_code_reads_the_machine_zone():
    """Every time a person reads goes through the branch's zone: no bare ``astimezone()``,
    ``datetime.now()`` or ``date.today()`` anywhere in the program."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    found = []
    for package in ("workstation", "forms", "printing", "screens"):
        for path in (root / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                    continue
                name, owner = node.func.attr, node.func.value
                bare = not node.args and not node.keywords
                machine = (
                    (name == "astimezone" and bare)
                    or (name == "now" and bare and getattr(owner, "id", "") == "datetime")
                    or (name == "today" and getattr(owner, "id", "") in ("date", "datetime"))
                )
                if machine:
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not found, found
