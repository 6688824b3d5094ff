"""Pilot: look a posting up in the journal and reverse it with a supervisor, by keyboard."""

from __future__ import annotations

from screens.journal import JournalScreen
from screens.posting_detail import PostingDetailScreen
from tests.flows import BIG, signed_in
from tests.ledger_support import contact_change, on_shift
from tests.pilot import burst, screen_text, settle


async def test_find_a_posting_and_reverse_it(station):
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        await burst(pilot, posted.serial, "<enter>")
        await settle(pilot)
        table = app.screen.query_one("#results")
        assert table.row_count == 1
        assert app.focused is table  # found: Enter now opens it
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PostingDetailScreen)
        assert "联系方式变更" in screen_text(app) and "已记账" in screen_text(app)
        await pilot.press("f9")
        await pilot.pause()
        await burst(pilot, "客户要求撤销", "<enter>")  # Enter: approval at this counter
        await settle(pilot)
        await burst(pilot, "S001", "<enter>", "demo1234", "<enter>", "2", "<enter>")
        await settle(pilot)
        assert isinstance(app.screen, PostingDetailScreen)
        text = screen_text(app)
        assert "已冲正" in text and "SH01-20261127-01-00002" in text
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#results").row_count >= 1


async def test_a_teller_does_not_see_another_tellers_postings(station, station2):
    other = on_shift(station2, "T002")
    station2.postings.post(contact_change(station2), other)
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await pilot.press("f5")
        await settle(pilot)
        assert app.screen.query_one("#results").row_count == 0
        assert not app.screen.query_one("#q-teller").display
