"""Pilot: a supervisor opens the staffing plan from home (^T) and tries one more window."""

from __future__ import annotations

from screens.actions import allowed
from screens.staffing_plan import StaffingPlanScreen
from tests.flows import BIG, signed_in
from tests.pilot import screen_text, settle, type_text
from tests.staffing_support import four_mondays
from workstation.domain.staff import Role


def cells(table, row: str) -> dict[str, str]:
    keys = [str(c.key.value) for c in table.ordered_columns]
    return dict(zip(keys, (str(c) for c in table.get_row(row)), strict=True))


async def test_plus_on_an_hour_shortens_its_expected_wait(station):
    four_mondays(station)
    async with signed_in(station, "S001", BIG) as pilot:
        await pilot.press("ctrl+t")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, StaffingPlanScreen)
        text = screen_text(pilot.app)
        assert "2026-11-30" in text and "明天 2026-11-28（周六）不营业" in text
        table = screen.query_one("#plan")
        before = cells(table, "10")
        assert before["zone:cash"] == "12.0·2" and before["wait"] == "1:40"
        await pilot.press("down", "down", "right", "plus")  # 10:00, the cash zone: 3 windows
        after = cells(table, "10")
        assert after["zone:cash"] == "12.0·3"
        assert (after["wait"], after["level"]) == ("0:14", "100.0%")  # from 1:40 and 98.3%
        await pilot.press("minus", "minus", "minus")  # none: the queue grows without end
        assert cells(table, "10")["wait"] == "∞"
        await pilot.press("0")
        assert cells(table, "10") == before
        await pilot.press("p")  # the plan on paper, through the pipeline
        await settle(pilot)
        assert (station.config.output.folder / "SH01-20261130-staffing_plan.pdf").exists()
        await pilot.press("d")  # another date: a Sunday, of which there is no history
        await type_text(pilot, "2026-11-29")
        await pilot.press("enter")
        await settle(pilot)
        assert "近一年没有周日的营业记录" in screen_text(pilot.app)


def test_only_supervisors_have_the_plan_key():
    assert [role for role in Role if allowed("staffing_plan", role)] == [Role.SUPERVISOR]
