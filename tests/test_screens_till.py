"""Pilot: a teller's day at the till by keyboard — open, vault, post, close — and its paper."""

from __future__ import annotations

import asyncio
import contextlib
from decimal import Decimal

from sqlalchemy import select
from textual.worker import WorkerFailed

from screens.dialogs.confirm import ConfirmModal
from screens.home import HomeScreen
from screens.posted import PostedScreen
from screens.review import ReviewScreen
from screens.till import OpenShiftScreen, TillScreen
from screens.till_ops import CloseScreen, VaultScreen
from screens.widgets.count_form import CountForm
from tests.flows import (
    BIG,
    count_keys,
    open_business,
    open_empty_shift,
    post_contact_change,
    review_contact_change,
    signed_in,
)
from tests.pilot import (
    burst,
    make_app,
    notices,
    press_to,
    ready,
    screen_text,
    settle,
    sign_in,
    type_text,
)
from tests.printing_support import pdf_text
from workstation.db.ledger import Posting
from workstation.db.tills import Shift
from workstation.domain.cash import Count


async def vault_in_10000(pilot) -> None:
    app = pilot.app
    await press_to(pilot, "f2", VaultScreen)
    await burst(pilot, *count_keys(100, 0, 0, 0, 0, 0, 0, 0))
    assert "合计 ¥10,000.00" in screen_text(app)
    await burst(pilot, "S001", "<enter>", "demo1234", "<enter>")
    await settle(pilot)
    await settle(pilot)
    assert isinstance(app.screen, TillScreen)


async def renewal_in_cash_by_keyboard(pilot) -> None:
    """张三 pays ¥12,000.00 renewal premium in cash, hands over ¥12,050.00."""
    app = pilot.app
    await open_business(pilot, "1101", "P2024000001")
    await burst(pilot, "<enter>", "张三", "<enter>", "110105198001010016", "<enter>")
    await burst(pilot, "长期", "<enter>", "13800138000", "<enter>", "1", "<enter>")  # 1 = 本人
    await pilot.pause()
    await burst(pilot, "<enter>", "1", "<enter>")  # the premium due as filled in; 1 = 现金
    await pilot.pause()
    await burst(pilot, "<enter>", "<enter>")  # on the documents, then: the payer's ID card seen
    await press_to(pilot, "f10", ReviewScreen)
    assert app.screen.query_one("#tender").display
    await pilot.press("tab")
    await type_text(pilot, "12050")
    await pilot.pause()
    assert "找零 ¥50.00" in screen_text(app)
    await press_to(pilot, "f10", PostedScreen)
    assert "实收 ¥12,050.00，找零 ¥50.00" in screen_text(app)
    await pilot.press("enter")
    await settle(pilot)


async def survival_benefit_in_cash_by_keyboard(pilot) -> None:
    """周八 collects a ¥3,000.00 survival benefit in cash."""
    app = pilot.app
    await open_business(pilot, "3301", "P2016000006")
    await burst(pilot, "<enter>", "110108194912310029", "<enter>", "长期", "<enter>")
    # the phone as filled, in person, 2 = 生存保险金
    await burst(pilot, "<enter>", "<enter>", "2", "<enter>")
    await pilot.pause()
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, "3000")
    await burst(pilot, "<enter>", "2", "<enter>")  # 2 = 现金
    await pilot.pause()
    await burst(pilot, "<enter>", "<enter>", "<enter>", "<enter>")  # on the documents, tick 3
    await press_to(pilot, "f10", ReviewScreen)
    assert not app.screen.query_one("#tender").display  # cash goes out: nothing received
    await press_to(pilot, "f10", PostedScreen)
    assert "¥3,000.00  付款 · 现金" in screen_text(app)
    await pilot.press("enter")
    await settle(pilot)


async def test_a_full_teller_day_closes_short_by_ten_fen_signed_by_s001(station):
    app = make_app(station)
    folder = station.config.output.folder
    async with app.run_test(size=BIG) as pilot:
        await ready(pilot)
        await sign_in(pilot, "T001", "demo1234")
        await settle(pilot)
        assert "未开班" in screen_text(app) and "F6 清点尾箱并开班" in screen_text(app)
        await open_empty_shift(pilot)
        await vault_in_10000(pilot)
        assert (folder / "SH01-20261127-vault1-vault_slip.pdf").exists()
        text = screen_text(app)
        assert "请领（金库调入）\n¥10,000.00" in text and "应有现金\n¥10,000.00" in text
        await pilot.press("escape")
        await settle(pilot)
        await renewal_in_cash_by_keyboard(pilot)
        await survival_benefit_in_cash_by_keyboard(pilot)
        await post_contact_change(pilot)  # no money
        await press_to(pilot, "enter", HomeScreen)
        assert "应有现金\n¥19,000.00" in screen_text(app)
        # close: ¥18,999.90 counted against ¥19,000.00 expected
        await pilot.press("f6")
        await settle(pilot)
        text = screen_text(app)
        assert "现金收入\n¥12,000.00" in text and "现金付出\n¥3,000.00" in text
        await press_to(pilot, "f9", CloseScreen)
        await burst(pilot, *count_keys(189, 1, 2, 0, 1, 4, 1, 4))
        assert "实点 ¥18,999.90，短款 ¥0.10" in screen_text(app)
        await burst(pilot, "<enter>", "<enter>", "<enter>")  # no reason, no supervisor
        await settle(pilot)
        assert "长短款超过允许误差：请填写原因" in screen_text(app)
        assert isinstance(app.screen, CloseScreen)
        await burst(pilot, "点钞差错", "<enter>", "S001", "<enter>", "demo1234", "<enter>")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), screen_text(app)
        assert "本营业日已日终" in screen_text(app)
        assert any("短款 ¥0.10" in n for n in notices(app))
    with station.db.read() as s:
        shift = s.scalar(select(Shift))
        assert (shift.status, shift.variance_fen, shift.signed_off_by) == ("closed", -10, "S001")
        assert shift.variance_reason == "点钞差错"
        cash_in = s.scalar(select(Posting).where(Posting.template_code == "1101"))
        assert (cash_in.tendered_fen, cash_in.change_fen) == (1_205_000, 5_000)
    printed = pdf_text(folder / "SH01-20261127-T001-teller_day.pdf")
    for figure in ("10,000.00", "12,000.00", "3,000.00", "19,000.00", "18,999.90", "0.10"):
        assert figure in printed, figure
    assert "王强" in printed and "点钞差错" in printed


async def test_posting_without_an_open_shift_is_refused_with_the_reason(station):
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await review_contact_change(pilot)
        await press_to(pilot, "f10", ReviewScreen)
        assert any("尚未开班" in n for n in notices(app))
    with station.db.read() as s:
        assert s.scalar(select(Posting)) is None


async def test_an_unexpected_error_in_a_screen_is_shown_not_lost(station):
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        worker = app.screen.call_service(lambda: Decimal("1"), lambda _result: 1 / 0)
        with contextlib.suppress(WorkerFailed):
            await asyncio.wait_for(worker.wait(), 10)
        await pilot.pause()
        assert any("ZeroDivisionError" in n for n in notices(app))


async def test_the_home_screen_reads_the_till_once_when_it_first_shows(station):
    """Textual resumes a screen on its first show too: reading it on mount as well doubled
    the queries after every sign-in."""
    calls = []
    real = station.till.summary
    station.till.summary = lambda who: (calls.append(who.staff.staff_id), real(who))[1]
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await settle(pilot)
        assert calls == ["T001"]
        assert "未开班" in screen_text(app)


async def test_a_refused_opening_moves_to_the_supervisor_and_a_tenfold_count_is_asked(station):
    """16.2: after F10 is refused for want of a supervisor, the cursor is in the supervisor's
    ID (typing S001 no longer lands in the ¥100 count); a count that then moves tenfold
    from the one sent is asked about before it goes to the service."""
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        screen = await press_to(pilot, "f6", OpenShiftScreen)
        await burst(pilot, "5")
        await pilot.press("f10")
        await settle(pilot)
        assert "主管" in screen_text(app) and app.focused.id == "supervisor-id"
        await burst(pilot, "S001")
        assert screen.query_one(CountForm).count() == Count.of(y100=5)
        screen.query_one("#count-10000").focus()
        await pilot.pause()
        await burst(pilot, "<end>", "001")  # the old slip, made on purpose
        assert screen.query_one(CountForm).count() == Count.of(y100=5001), screen_text(app)
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "¥100：5 张 → 5001 张" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and app.focused.id == "count-10000"
        await pilot.press("escape")  # 16.4: leaving with a count typed asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal) and "不保存" in screen_text(app)
        await pilot.press("escape")  # no: the count stays
        await settle(pilot)
        assert app.screen is screen and screen.query_one(CountForm).count().get(10000) == 5001
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")  # yes: back home, nothing kept
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    with station.db.read() as s:
        assert s.scalars(select(Shift)).all() == []  # nothing was opened
