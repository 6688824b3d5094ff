"""Pilot: after the branch close home says when the next business date opens; a level-2
supervisor opens it early from home (issue 16.11)."""

from __future__ import annotations

from textual.widgets import Input

from screens.dialogs.next_day import NextDayModal
from screens.home import HomeScreen
from tests.flows import BIG, signed_in
from tests.ledger_support import on_shift
from tests.pilot import assert_shows, burst, press_to, screen_text, settle
from workstation.domain.cash import Count


async def test_close_then_home_says_when_and_the_supervisor_opens_the_next_date(station):
    teller = on_shift(station, "T001")
    station.closing.close(teller, Count())
    # the close by its service: its screen is walked in test_screens_handover.py, and the
    # return to home that shows the line is walked below, from the dialog
    station.closing.close_branch(station.auth.sign_in("S001", "demo1234"), "demo1234")
    async with signed_in(station, "M001", BIG) as pilot:
        app = pilot.app
        assert_shows(app, "营业日 2026-11-27 已日终。下一营业日 2026-11-30（周一）08:00 开始")

        dialog = await press_to(pilot, "ctrl+n", NextDayModal)
        assert dialog.query_one("#date", Input).value == "2026-11-30"  # the next business date
        await burst(pilot, "<enter>", "demo1234", "<enter>")  # no reason: refused, stays
        assert isinstance(app.screen, NextDayModal)
        assert "请填写提前开始营业日的原因" in screen_text(app)
        await pilot.click("#reason")
        await burst(pilot, "急诊理赔", "<enter>", "demo1234", "<enter>")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert_shows(app, "营业日：2026-11-30（周一），由 M001 提前开始（急诊理赔）")
        assert "已日终" not in screen_text(app)
