"""The calling display: the latest call large, the board, the voice; one call at a time."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from screens.display_app import DisplayApp
from screens.display_view import display_view
from screens.widgets.big_text import BigText, big_rows, glyph
from tests import following
from tests.browser import ROOT
from tests.conftest import FAST, SHANGHAI
from tests.following import text
from tests.pilot import SIZE
from tests.queue_support import at_window, lobby
from workstation.cli import main
from workstation.config import QueueSection
from workstation.domain.i18n import Catalog
from workstation.domain.queue import PauseReason, Priority
from workstation.services.queue_views import QueueBoard
from workstation.services.voice import Announcer, FakeSpeaker
from workstation.station import open_station

POLL_S = 0.02


def test_every_capital_and_digit_is_drawn_three_rows_tall():
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
        rows = glyph(ch)
        assert [len(row) for row in rows] == [3, 3, 3], ch
        assert any(row.strip() for row in rows), ch
    assert glyph("→") == (" ", "→", " ")


def test_a_call_drawn_large_keeps_its_characters_apart():
    top, middle, bottom = big_rows("v07 → 04")
    assert len(top) == len(middle) == len(bottom)
    assert middle.split("→")[0].startswith("╲ ╱")  # V, lower case or not
    assert "→" in middle and "→" not in top + bottom


# -- the display app, following the database -----------------------------------------


def display(station, speaker: FakeSpeaker, lang: str = "zh") -> DisplayApp:
    """The display on ``station``'s database, a fake speaker, a quick poll."""
    return DisplayApp(lambda: station, lambda bell: Announcer(speaker), lang=lang, interval=POLL_S)


async def shown(pilot, check, timeout: float = 10.0) -> None:
    """Wait until the display has taken a reading for which ``check()`` holds (bounded)."""
    await following.shown(pilot, check, "#latest-call", timeout)


def latest_label(app: DisplayApp) -> str | None:
    return app.latest.ticket_label if app.latest else None


async def test_a_call_shows_large_and_is_spoken_with_its_window(station):
    speaker = FakeSpeaker()
    app = display(station, speaker)
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, lambda: True)
        assert "请留意叫号" in text(app, "#latest-call")
        assert text(app, "#title") == "上海浦东客户服务中心 · 叫号"
        station.queue.issue(lobby(station), "payment", Priority.NONE)
        teller = at_window(station, "T001")
        called = station.queue.call_next(teller, "01")
        await shown(pilot, lambda: latest_label(app) == called.label)
        assert called.label == "A001"
        assert text(app, "#latest-call") == "请 A001 号到 01 号窗口\nTicket A001, window 01"
        assert app.query_one("#latest-big", BigText).text == "A001 → 01"
        assert app.announcer.wait_idle(10)
    assert speaker.spoken == ["请A零零一号到一号窗口"]


async def test_calls_are_spoken_in_order_one_at_a_time_and_earlier_ones_are_not(station, station2):
    speaker = FakeSpeaker(delay=0.05)
    desk = lobby(station)
    for service in ("payment", "policy_service", "payment", "payment"):
        station.queue.issue(desk, service, Priority.NONE)
    one, two = at_window(station, "T001"), at_window(station2, "T002")
    station.queue.call_next(one, "01")  # A001, called before the display starts
    station.queue.finish(one, "01")
    app = display(station, speaker, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, lambda: latest_label(app) == "A001")
        station.queue.call_next(one, "01")  # A002
        station2.queue.call_next(two, "02")  # B001
        station.clock.advance(seconds=20)  # past the recall cooldown
        station2.queue.recall(two, "02")  # B001 again
        station.queue.finish(one, "01")
        station.queue.call_next(one, "01")  # A003
        await shown(pilot, lambda: latest_label(app) == "A003")
        assert app.announcer.wait_idle(10)
        calls = text(app, "#last-calls")
    assert speaker.spoken == [
        "请A零零二号到一号窗口",
        "请B零零一号到二号窗口",
        "请B零零一号到二号窗口",
        "请A零零三号到一号窗口",
    ]
    assert speaker.most_at_once == 1  # never two at once, none cut off
    assert [kind for kind, _ in speaker.events] == ["start", "end"] * 4
    assert [(c.ticket_label, c.recall) for c in app.announced] == [
        ("A002", False),
        ("B001", False),
        ("B001", True),
        ("A003", False),
    ]
    assert "B001 → window 02 (recall)" in calls and "A001 → window 01" in calls


async def test_a_paused_window_shows_with_its_reason(station):
    app = display(station, FakeSpeaker())
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, lambda: True)
        assert text(app, "#paused") == "所有开放窗口正在服务"
        teller = at_window(station, "T001")
        station.queue.pause_window(teller, "01", PauseReason.BREAK)
        reason = Catalog.load("zh")(PauseReason.BREAK.label)
        await shown(pilot, lambda: "01 号窗口暂停服务" in text(app, "#paused"))
        assert text(app, "#paused") == f"01 号窗口暂停服务：{reason}"
        station.queue.resume_window(teller, "01")
        await shown(pilot, lambda: text(app, "#paused") == "所有开放窗口正在服务")


def small_quota_pack(folder: Path) -> Path:
    """The demo pack with claims (理赔, C) limited to one ticket a day."""
    source = (ROOT / "forms/branches/insurance.toml").read_text(encoding="utf-8")
    head, claims = source.split('key = "claims"', 1)
    claims = claims.replace("daily_quota = 100", "daily_quota = 1", 1)
    path = folder / "small-quota.toml"
    path.write_text(head + 'key = "claims"' + claims, encoding="utf-8")
    return path


async def test_a_quota_reached_shows_a_notice(config, secrets, clock, tmp_path):
    pack = small_quota_pack(tmp_path)
    opened = open_station(
        config.model_copy(update={"queue": QueueSection(pack=pack)}), secrets, clock, FAST
    )
    app = display(opened, FakeSpeaker())
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, lambda: True)
        assert text(app, "#quota") == "各项业务均可取号"
        opened.queue.issue(lobby(opened), "claims", Priority.NONE)
        await shown(pilot, lambda: text(app, "#quota") == "理赔今日号票已发完")
        waiting = text(app, "#zones")
    assert "1 人等候" in waiting


def test_the_board_reads_in_each_language():
    board = QueueBoard(zones=(), last_calls=(), paused=(), quota_full=("x",), latest_event_id=0)
    view = display_view(board, {}, Catalog.load("en"), SHANGHAI)
    assert view.latest == "" and view.latest_line == "Please watch for your number"
    assert view.quota == "x: today's tickets are all issued"  # an unknown key: the key


def test_the_display_of_a_missing_demo_says_so(tmp_path):
    result = CliRunner().invoke(main, ["display", "--demo", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "workstation demo --data-dir" in result.output


async def test_an_open_incident_shows_its_notice_until_it_is_closed(station):
    """服务应急: the playbook's notice to customers, in both languages, while it is open."""

    incidents, supervisor = station.incidents, station.auth.sign_in("S001", "demo1234")
    app = display(station, FakeSpeaker(), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, lambda: True)
        banner = app.query_one("#incident-notice")
        assert text(app, "#incident-notice") == "" and not banner.display
        incidents.start(supervisor, "customer_dispute")  # no notice for the hall
        outage = incidents.start(supervisor, "system_outage")
        notice = outage.playbook.notice
        await shown(pilot, lambda: notice.zh in text(app, "#incident-notice"))
        assert text(app, "#incident-notice") == f"[Notice] {notice.zh}\n{notice.en}"
        assert banner.display
        incidents.close(supervisor, outage.id)
        await shown(pilot, lambda: text(app, "#incident-notice") == "")
        assert not banner.display
