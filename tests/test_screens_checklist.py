"""The checklist screen by keyboard: the lobby ticks the morning's items and opens the branch;
a teller, with items outstanding, has a supervisor open it for a written reason."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from screens.checklist import ChecklistScreen
from screens.lobby import LobbyScreen
from tests.flows import PASSWORD, signed_in
from tests.pilot import burst, press_to, screen_text, settle
from workstation.domain.checklist import ChecklistKind, OpeningMode

pytestmark = pytest.mark.db


@pytest.fixture
def morning(station):
    """The day after the demo's first: nothing ticked, the branch not open."""
    station.clock.advance(days=1)
    return station


def _rows(app) -> str:
    """What the checklist's table shows, a row a line."""
    table = app.screen.query_one("#items", DataTable)
    return "\n".join(" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count))


async def test_the_lobby_ticks_every_item_opens_the_branch_and_then_issues(morning):
    station = morning
    items = station.queue.pack.checklists.opening
    async with signed_in(station, "L001") as pilot:
        lobby = pilot.app.screen
        assert isinstance(lobby, LobbyScreen)
        await settle(pilot)
        assert "营业前准备未完成" in screen_text(pilot.app)
        await press_to(pilot, "ctrl+o", ChecklistScreen)
        text = screen_text(pilot.app)
        assert "营业前准备未完成" in text and "已完成 0/11" in text, text
        assert "便民设施齐备" in _rows(pilot.app)
        await pilot.press("f10")  # nothing done yet: refused, said on the screen
        await settle(pilot)
        assert "营业前准备还有 11 项未完成" in screen_text(pilot.app)
        for _ in items:
            await pilot.press("space")
            await settle(pilot)
            await pilot.press("down")
        assert "已完成 11/11" in screen_text(pilot.app)
        await pilot.press("f10")
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "已开门营业" in text and "刘洋" in text and "正常开门" in text, text
        await pilot.press("escape")
        await settle(pilot)
        lobby.refresh_board()
        await settle(pilot)
        assert "营业前准备未完成" not in screen_text(pilot.app)
    view = station.checklists.today()
    assert view.opening.mode is OpeningMode.NORMAL and view.opening.opened_by == "L001"
    assert all(item.done and item.staff_id == "L001" for item in view.items)
    assert station.queue.issue(station.auth.sign_in("L001", PASSWORD), "payment", "none")


async def test_space_unticks_and_c_shows_the_closing_list(morning):
    station = morning
    async with signed_in(station, "T002") as pilot:
        await press_to(pilot, "ctrl+o", ChecklistScreen)
        await pilot.press("space")
        await settle(pilot)
        assert "✓ 灯光照明正常，营业厅环境整洁 李娜 T002 09:00" in _rows(pilot.app)
        await pilot.press("space")  # again: not done any more
        await settle(pilot)
        assert "已完成 0/11" in screen_text(pilot.app)
        await pilot.press("c")
        await settle(pilot)
        assert "门窗关闭" in _rows(pilot.app) and "营业终了" in screen_text(pilot.app)
        await pilot.press("space")
        await settle(pilot)
    (first,) = [i for i in station.checklists.today().items if i.key == "lights_clean"]
    assert not first.done and first.staff_id == "T002"
    closing = station.checklists.today(ChecklistKind.CLOSING)
    assert [i.key for i in closing.items if i.done] == ["cash_vault"]


async def test_a_supervisor_opens_the_branch_with_items_outstanding_for_a_reason(morning):
    station = morning
    why = "评价器故障已报修"
    async with signed_in(station, "T001") as pilot:
        await press_to(pilot, "ctrl+o", ChecklistScreen)
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("f9")
        await pilot.pause()
        await burst(pilot, why, "<enter>")  # the reason, then the supervisor's dialog
        await pilot.pause()
        assert "未完成 10 项" in screen_text(pilot.app)
        await burst(pilot, "S001", "<enter>", PASSWORD, "<enter>", "4", "<enter>")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ChecklistScreen)
        assert "主管授权开门" in screen_text(pilot.app)
    opening = station.checklists.today().opening
    assert opening.mode is OpeningMode.OVERRIDE and opening.approver == "S001"
    assert opening.reason == why and opening.reason_code == "exception"
    assert len(opening.outstanding) == 10 and opening.opened_by == "T001"
