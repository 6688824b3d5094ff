"""Pilot: review, the local approval and posting, by keyboard (the remote approval:
tests/test_screens_approval.py)."""

from __future__ import annotations

from screens.dialogs.confirm import ConfirmModal
from screens.posted import PostedScreen
from screens.review import ReviewScreen
from tests.flows import BIG, approve_here, fill_surrender, signed_in
from tests.ledger_support import on_shift
from tests.pilot import assert_shows, press_to, screen_text, settle


async def test_surrender_warns_asks_level_1_and_posts_after_a_local_override(station):
    on_shift(station, "T001")
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await fill_surrender(pilot)
        assert_shows(app, "需 1 级授权", "¥86,400.00", "尽职调查", "需要 1 级及以上主管授权")
        await pilot.press("f10")  # not yet: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        # acknowledge the due-diligence notice
        findings = app.screen.query_one("#findings")
        assert app.focused is findings
        await pilot.press("space")
        assert "还有" not in screen_text(app)
        # a supervisor approves at this counter
        await approve_here(pilot, "S001")
        assert isinstance(app.screen, ReviewScreen)
        assert "已授权：王强（S001）1 级 · 本地" in screen_text(app)
        await pilot.press("escape")  # 16.4: the approval is not thrown away without a word
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal) and "放弃主管的授权" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.approval is not None
        await press_to(pilot, "f10", PostedScreen)
        assert_shows(app, "交易已记账", "SH01-20261127-01-00001", "S001")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HomeScreen"


async def test_the_teller_cannot_approve_their_own_surrender(station):
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await fill_surrender(pilot)
        await approve_here(pilot, "T001", "space")
        assert "不能由柜员本人授权" in screen_text(app)


async def test_a_full_width_policy_number_reaches_the_review_as_found(station):
    """A Chinese input method types ｐ２０２４…: the form finds the policy, and so does the
    review (it used to say 查无保单 for the same text)."""
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        wide_id = "１１０１０５１９８００１０１００１６"
        await fill_surrender(pilot, "ｐ２０２４０００００１", wide_id)
        text = screen_text(app)
        assert "查无保单" not in text and "有阻断项" not in text
        assert_shows(app, "P2024000001", "需 1 级授权")
