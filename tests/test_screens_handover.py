"""Pilot: opening against the last close, handover, reprints and the branch close, by keyboard."""

from __future__ import annotations

from sqlalchemy import select

from printing.pipeline import print_document
from screens.branch_close import BranchCloseScreen
from screens.dialogs.reason import ReasonModal
from screens.documents import DocumentsScreen
from screens.handover import HandoverScreen
from screens.home import HomeScreen
from screens.till import OpenShiftScreen, TillScreen
from tests.flows import BIG, count_keys, signed_in
from tests.ledger_support import on_shift
from tests.pilot import assert_shows, burst, press_to, screen_text, settle
from tests.printing_support import pdf_text
from workstation.db.tills import Handover, Shift
from workstation.domain.cash import Count


def vault_in(station, who, count: Count) -> int:
    _view, transfer_id = station.till.vault_transfer(who, "from_vault", count, "S001", "demo1234")
    return transfer_id


async def test_an_opening_count_unlike_the_last_close_needs_a_supervisor(station):
    first = on_shift(station, "T001")
    vault_in(station, first, Count.of(y100=10))
    station.closing.close(first, Count.of(y100=10))  # the box closed with ¥1,000.00
    async with signed_in(station, "T002", BIG) as pilot:
        app = pilot.app
        await press_to(pilot, "f6", OpenShiftScreen)
        assert "×    10 = ¥1,000.00" in screen_text(app)
        await burst(pilot, *count_keys(9, 1, 2))  # ¥990.00: ten yuan missing
        assert "与上次日终相差 -¥10.00：须主管确认" in screen_text(app)
        await pilot.press("f10")
        await settle(pilot)
        assert "需要主管在此输入工号和密码确认" in screen_text(app)
        assert isinstance(app.screen, OpenShiftScreen)
        assert app.focused.id == "supervisor-id"  # the refusal puts the cursor where it asks
        await burst(pilot, "S001", "<enter>", "demo1234", "<enter>")
        await settle(pilot)
        assert "开班清点与上次日终不符：请填写原因" in screen_text(app)  # a reason too
        app.screen.query_one("#reason").focus()
        await burst(pilot, "少一张十元", "<enter>", "<enter>", "demo1234", "<enter>")
        await settle(pilot)
        assert isinstance(app.screen, TillScreen), screen_text(app)
        assert "开班现金\n¥990.00" in screen_text(app)
    with station.db.read() as s:
        shift = s.scalar(select(Shift).where(Shift.teller_id == "T002"))
        assert (shift.opening_difference_fen, shift.opening_approved_by) == (-1000, "S001")
        assert shift.opening_reason == "少一张十元"
    # the branch summary gives the reason beside the opening difference
    (line,) = station.reports.branch_day(shift.business_date).variances
    assert (line.reason, line.approved_by.staff_id) == ("少一张十元", "S001")


async def test_handover_signs_the_incoming_teller_in_and_prints_the_record(station):
    outgoing = on_shift(station, "T001")
    vault_in(station, outgoing, Count.of(y100=20, y10=5))  # ¥2,050.00
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await press_to(pilot, "f6", TillScreen)
        await press_to(pilot, "f4", HandoverScreen)
        await burst(pilot, *count_keys(20, 0, 0, 5, 0, 0, 0, 0))
        await burst(pilot, "空白回单")
        await pilot.press("tab")
        await burst(pilot, "T002", "<enter>", "demo1234", "<enter>")
        # the incoming teller recounts one ¥10 note short; blind until the last row is entered
        keys = count_keys(20, 0, 0, 4, 0, 0, 0, 0)
        await burst(pilot, *keys[:-1])
        screen = app.screen
        assert not screen.query_one("#count").visible
        assert not screen.query_one("#figures-line").display
        assert "复点录完" in screen_text(app) and "相差" not in screen_text(app)
        await burst(pilot, keys[-1])
        assert screen.query_one("#count").visible and screen.query_one("#figures-line").display
        assert "接班复点与交班清点相差 -¥10.00" in screen_text(app)
        await burst(pilot, "<enter>", "<enter>")
        await settle(pilot)
        assert "需要主管在此输入工号和密码确认" in screen_text(app)
        assert app.who.staff.staff_id == "T001"
        # they count again and agree; the password typed earlier is asked again
        app.screen.query_one("#recount-form").set_count(Count.of(y100=20, y10=5))
        app.screen.query_one("#incoming-password").focus()
        await burst(pilot, "demo1234", "<enter>")
        await pilot.press("f10")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), screen_text(app)
        assert app.who.staff.staff_id == "T002"
        assert "李娜（T002）" in screen_text(app) and "应有现金\n¥2,050.00" in screen_text(app)
    with station.db.read() as s:
        record = s.scalar(select(Handover))
        assert record.difference_fen == 0 and "空白回单" in record.items
    text = pdf_text(station.config.output.folder / "SH01-20261127-handover1-handover.pdf")
    assert "张敏" in text and "李娜" in text and "2,050.00" in text and "空白回单" in text
    # the outgoing teller's own reconciliation, printed as theirs
    mine = pdf_text(station.config.output.folder / "SH01-20261127-T001-teller_day.pdf")
    assert "张敏" in mine and "2,050.00" in mine


async def test_a_reprint_from_the_till_asks_a_reason_and_is_marked(station):
    teller = on_shift(station, "T001")
    transfer = vault_in(station, teller, Count.of(y50=4))
    print_document(station, teller, "vault_slip", str(transfer))
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await press_to(pilot, "f6", TillScreen)
        await press_to(pilot, "f8", DocumentsScreen)
        assert "金库调拨单" in str(app.screen.query_one("#documents").get_row_at(0))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        await pilot.press("enter")  # no reason yet: the dialog stays and says so
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        assert "请先填写原因" in screen_text(app)
        await burst(pilot, "客户要求", "<enter>")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DocumentsScreen)
    path = station.config.output.folder / "SH01-20261127-vault1-vault_slip-reprint1.pdf"
    text = pdf_text(path)
    assert "REPRINT" in text and "客户要求" in text


async def test_branch_close_waits_for_every_till_then_prints_the_summary(station):
    teller = on_shift(station, "T001")
    vault_in(station, teller, Count.of(y100=10))
    station.till.vault_transfer(teller, "to_vault", Count.of(y100=3), "S001", "demo1234")
    async with signed_in(station, "S001", BIG) as pilot:
        app = pilot.app
        await press_to(pilot, "f7", BranchCloseScreen)
        # the day's figures, before any password
        assert_shows(
            app,
            "业务 0 笔 · 现金收入 ¥0.00 · 现金付出 ¥0.00",
            "01 号窗口 · 张敏（T001）· 未日终，应有 ¥700.00",
            "库房：请领 ¥1,000.00 · 上缴 ¥300.00 · 当日净额 -¥700.00",
            "01 号窗口 · 张敏（T001）· ",
        )
        await burst(pilot, "demo1234", "<enter>")
        await settle(pilot)
        assert "还有尾箱未日终：01/T001" in screen_text(app)
        station.closing.close(teller, Count.of(y100=7))
        await pilot.press("f5")
        await settle(pilot)
        assert_shows(app, "全部尾箱已日终", "01 号窗口 · 张敏（T001）· 已日终，实点 ¥700.00")
        await burst(pilot, "demo1234", "<enter>")
        await settle(pilot)
        await settle(pilot)
        assert "还有尾箱未日终" not in screen_text(app)  # the old refusal does not stay
    text = pdf_text(station.config.output.folder / "SH01-20261127-branch-branch_day.pdf")
    assert "2026-11-27" in text and "张敏" in text and "王强" in text
    # the vault's side of each transfer, and its net for the day
    assert "库房调拨" in text and "-¥1,000.00" in text and "+¥300.00" in text
    assert "上缴 In ¥300.00 - 请领 Out ¥1,000.00" in text and "-¥700.00" in text
