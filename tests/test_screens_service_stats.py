"""Pilot: a supervisor opens today's service statistics from home (V) and refreshes them (R)."""

from __future__ import annotations

from screens.service_stats import ServiceStatsScreen
from tests.flows import BIG, signed_in
from tests.pilot import settle
from tests.queue_support import lobby
from tests.stats_support import scripted_day
from workstation.domain.queue import Priority


def row(table, key: str) -> list[str]:
    return [str(cell) for cell in table.get_row(key)]


async def test_a_supervisor_sees_todays_figures_and_refreshes_them(station, station2):
    scripted_day(station, station2)
    async with signed_in(station, "S001", BIG) as pilot:
        app = pilot.app
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ServiceStatsScreen)
        table = app.screen.query_one("#stats")
        # the branch: 6 served, wait p50 5:00, p90 52:00, … 满意率 60.0%, idle 1:23:00
        assert row(table, "overall:")[:4] == ["全网点", "6", "5:00", "52:00"]
        assert "60.0%" in row(table, "overall:") and "1:23:00" in row(table, "overall:")
        assert row(table, "teller:T001")[:2] == ["柜员 T001 张敏", "5"]
        assert str(table.get_cell("counter:02", "Idle time")) == "42:00"  # idle at window 02
        # A005's 不满意 opened a complaint about T001: the opinion book's figure
        assert str(table.get_cell("teller:T001", "extra:opinions_received")) == "1"
        assert str(table.get_cell("teller:T002", "extra:opinions_received")) == "—"
        assert row(table, "service:payment")[6] == "60.0%"  # SLA attainment
        assert "缴费等候P90 52:00 超过目标 15:00" in str(app.screen.query_one("#analysis").render())
        teller = station.auth.sign_in("T001", "demo1234")  # 11:00: one more served
        station.queue.open_window(teller, "01")
        station.queue.issue(lobby(station), "payment", Priority.NONE)
        station.queue.call_next(teller, "01")
        station.clock.advance(minutes=2)
        station.queue.finish(teller, "01")
        await pilot.press("r")
        await settle(pilot)
        assert row(table, "overall:")[1] == "7"


async def test_a_teller_has_no_statistics_key(station):
    async with signed_in(station, "T001", BIG) as pilot:
        await pilot.press("v")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ServiceStatsScreen)
