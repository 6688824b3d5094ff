"""The opinion book by keyboard: a supervisor records a complaint, assigns it, records the
response and the callback, closes it, and finds each step stored; lobby staff open the book
from the lobby; the supervisor's home says what is overdue."""

from __future__ import annotations

import pytest

from screens.opinions import OpinionsScreen
from tests.flows import PASSWORD, signed_in
from tests.ledger_support import journal_payloads
from tests.pilot import SIZE, notices, press_to, screen_text, settle, type_text
from tests.printing_support import pdf_text
from workstation.domain.opinion import OpinionStatus
from workstation.station import Station

pytestmark = pytest.mark.db
PHONE = "13800138000"


async def _dialog_line(pilot, text: str) -> None:
    """Type a line into the text dialog that is open, Enter, and wait for the service."""
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)
    await settle(pilot)  # the reload that follows the step


async def test_a_supervisor_records_assigns_responds_calls_back_and_closes(station: Station):
    async with signed_in(station, "S001") as pilot:
        screen = await press_to(pilot, "ctrl+y", OpinionsScreen)
        await pilot.press("tab", "1")  # the form: 1. 投诉, on to the channel
        await pilot.press("2")  # 2. 服务电话, on to the content
        await type_text(pilot, "等候太久无人引导")
        await pilot.press("enter")
        await type_text(pilot, PHONE)
        await pilot.press("enter", "enter", "enter")  # no ticket, no teller
        await type_text(pilot, "02")
        await pilot.press("enter")  # the last field: recorded
        await settle(pilot)
        await settle(pilot)
        (item,) = station.opinions.book()
        assert (item.kind, item.channel, item.counter) == ("complaint", "phone", "02")
        assert item.contact == "138****8000" and item.content == "等候太久无人引导"
        text = screen_text(pilot.app)
        assert "等候太久无人引导" in text and "138****8000" in text and PHONE not in text
        assert screen.selected() is not None and screen.selected().id == item.id

        await pilot.press("f3")  # assign: pick the owner, then keep the due date
        await settle(pilot)
        owners = [staff_id for staff_id, _ in station.opinions.owners()]
        await pilot.press(str(owners.index("T002") + 1))
        await settle(pilot)
        await _dialog_line(pilot, "")  # the due date shown is kept
        assigned = station.opinions.opinion(item.id)
        assert (assigned.status, assigned.owner, assigned.due_date) == (
            OpinionStatus.ASSIGNED, "T002", item.due_date,
        )  # fmt: skip

        await pilot.press("f6")  # closing a complaint with no response: the service says no
        await settle(pilot)
        assert station.opinions.opinion(item.id).status is OpinionStatus.ASSIGNED

        await pilot.press("f4")
        await settle(pilot)
        await _dialog_line(pilot, "已致电致歉，增派大堂引导")
        await pilot.press("f5")
        await settle(pilot)
        await _dialog_line(pilot, "客户满意")
        await pilot.press("f6")
        await settle(pilot)
        await settle(pilot)
        done = station.opinions.opinion(item.id)
        assert done.status is OpinionStatus.CLOSED
        assert (done.response, done.callback_result) == ("已致电致歉，增派大堂引导", "客户满意")
        assert "已办结" in screen_text(pilot.app)
        await pilot.press("f7")  # this month's register, printed from the screen
        await settle(pilot)
        await settle(pilot)
    (printed,) = journal_payloads(station, "document_printed")
    assert printed["kind"] == "opinions" and printed["ref"] == "2026-11-01~2026-11-27"
    (pdf,) = station.config.output.folder.glob("*opinions*.pdf")
    assert "等候太久无人引导" in pdf_text(pdf) and "138****8000" in pdf_text(pdf)
    steps = ("recorded", "assigned", "responded", "called_back", "closed")
    assert [len(journal_payloads(station, f"opinion.{s}")) for s in steps] == [1] * 5


async def test_a_due_date_in_the_past_is_refused_on_screen(station: Station):
    who = station.auth.sign_in("L001", PASSWORD)
    item = station.opinions.record(who, "book", "complaint", "柜台笔不能用")
    async with signed_in(station, "S001") as pilot:
        await press_to(pilot, "ctrl+y", OpinionsScreen)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press(*["backspace"] * 10)
        await _dialog_line(pilot, "2026-11-26")
        assert station.opinions.opinion(item.id).status is OpinionStatus.OPEN
        assert any("已过" in n for n in notices(pilot.app))


async def test_lobby_staff_open_the_book_from_the_lobby(station: Station):
    async with signed_in(station, "L001", size=SIZE) as pilot:
        await settle(pilot)
        await press_to(pilot, "ctrl+y", OpinionsScreen)
        assert "记录一条意见" in screen_text(pilot.app)
        assert not pilot.app.screen.check_action("print", ())  # the register: supervisors


async def test_the_supervisors_home_shows_what_is_overdue(station: Station):
    who = station.auth.sign_in("L001", PASSWORD)
    station.opinions.record(who, "letter", "complaint", "理赔进度无人告知")
    station.clock.advance(days=40)
    async with signed_in(station, "S001", size=SIZE) as pilot:
        assert "意见簿逾期未办结：1 件" in screen_text(pilot.app)
    station.clock.advance(days=-40 + 1)
    async with signed_in(station, "S001", size=SIZE) as pilot:
        assert "逾期未办结" not in screen_text(pilot.app)
    async with signed_in(station, "T001", size=SIZE) as pilot:
        assert "逾期未办结" not in screen_text(pilot.app)
