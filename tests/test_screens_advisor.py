"""Pilot: the supervisor's home shows the advisor during a cash surge (开 04); W opens the
flexible window for cash with a reason (refused without one), and the panel follows."""

from __future__ import annotations

import asyncio

import pytest

from screens.dialogs.flexible import FlexibleModal
from screens.home import HomeScreen
from screens.widgets.advisor_panel import AdvisorPanel
from tests.advisor_support import cash_surge
from tests.flows import signed_in
from tests.pilot import notices, settle, type_text
from tests.test_advisor import journal

pytestmark = pytest.mark.db


def panel(pilot) -> str:
    from tests.pilot import _plain

    return _plain(pilot.app.screen.query_one(AdvisorPanel).render())


async def advised(pilot, part: str, timeout: float = 10.0) -> str:
    """The panel once it shows ``part`` (it follows the database: bounded, then fail)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while part not in panel(pilot):
        assert loop.time() < deadline, panel(pilot)
        await settle(pilot)
        await pilot.pause(0.05)
    return panel(pilot)


async def test_the_supervisor_sees_the_surge_and_opens_04_for_cash(station):
    cash_surge(station)
    async with signed_in(station, "S001") as pilot:
        shown = await advised(pilot, "→ 需 2 窗：开 04 预计等候 4分")
        print(f"\n--- the advisor panel during the cash surge ---\n{shown}")
        await pilot.press("w")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, FlexibleModal)
        await pilot.press("1", "enter")  # 现金区, and no reason
        await settle(pilot)
        assert "请写明开弹性窗口的原因" in str(dialog.query_one("#error").render())
        await type_text(pilot, "缴费排队过长")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert "04 号弹性窗口已开给现金区" in notices(pilot.app)
        shown = await advised(pilot, "04 号弹性窗口：开给现金区（S001：缴费排队过长")
        print(f"--- after W, 1, reason, Enter ---\n{shown}")
    assert journal(station, "flexible.opened") == [
        ("S001", "04", {"counter": "04", "zone": "cash", "reason": "缴费排队过长"})
    ]
