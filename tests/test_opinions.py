"""The opinion book: recording, the steps of handling and their refusals, masking, the
journal, what is overdue, and the follow-up a poor rating opens by itself."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from printing.pipeline import print_document
from tests.ledger_support import in_both_languages, journal_payloads
from tests.queue_support import at_window, lobby
from workstation.db.opinions import Opinion
from workstation.domain.opinion import (
    MOVES,
    Channel,
    OpinionKind,
    OpinionStatus,
    can_move,
    is_overdue,
    mask_contact,
)
from workstation.domain.prints import DocumentKind
from workstation.domain.queue import Priority
from workstation.services.opinion_views import period_ref
from workstation.services.opinions import OpinionError
from workstation.services.ratings import RatingError

pytestmark = pytest.mark.db
PHONE = "13800138000"
TODAY = date(2026, 11, 27)
"""The test clock's day: a Friday. 15 working days on: 12-18 (no holiday in between)."""
DUE = date(2026, 12, 18)


def refused(call, *args, **kwargs) -> OpinionError:
    with pytest.raises(OpinionError) as caught:
        call(*args, **kwargs)
    assert in_both_languages(caught.value.msg)
    return caught.value


def stored(station) -> list[Opinion]:
    with station.db.read() as s:
        return list(s.scalars(select(Opinion).order_by(Opinion.id)))


def supervisor(station):
    return station.auth.sign_in("S001", "demo1234")


def complaint(station, who=None, **extra):
    who = who or lobby(station)
    return station.opinions.record(
        who, Channel.PHONE, OpinionKind.COMPLAINT, "等了四十分钟没人理", contact=PHONE, **extra
    )


# -- domain ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (PHONE, "138****8000"),
        ("+86 138-0013-8000", "138****8000"),
        ("021-68881234", "021****1234"),
        ("wang.li@example.com", "w***@example.com"),
        ("张先生", "张**"),
        ("  ", ""),
    ],
)
def test_a_contact_is_kept_masked(typed, kept):
    assert mask_contact(typed) == kept


def test_the_steps_go_one_way_to_closed():
    S = OpinionStatus
    path = [S.OPEN, S.ASSIGNED, S.RESPONDED, S.CALLED_BACK, S.CLOSED]
    assert all(can_move(a, b) for a, b in itertools.pairwise(path))
    assert not can_move(S.OPEN, S.RESPONDED) and not can_move(S.CALLED_BACK, S.RESPONDED)
    assert MOVES[S.CLOSED] == frozenset() and set(MOVES) == set(S)
    assert not is_overdue(S.OPEN, TODAY, TODAY) and is_overdue(S.OPEN, TODAY, TODAY.replace(day=28))
    assert not is_overdue(S.CLOSED, TODAY, date(2027, 1, 1))


# -- the service -----------------------------------------------------------------------


def test_a_complaint_is_recorded_masked_due_in_fifteen_working_days_and_journaled(station):
    view = complaint(station)
    assert (view.status, view.kind, view.channel) == ("open", "complaint", "phone")
    assert view.contact == "138****8000" and view.due_date == DUE
    assert (view.business_date, view.recorded_by, view.owner) == (TODAY, "L001", None)
    (row,) = stored(station)
    assert PHONE not in {row.contact_masked, row.content}
    (entry,) = journal_payloads(station, "opinion.recorded")
    assert entry == {"opinion": view.id, "kind": "complaint", "status": "open", "due": "2026-12-18"}
    assert PHONE not in str(journal_payloads(station, "opinion.recorded"))
    assert station.journal.verify(station.db).ok


def test_a_suggestion_has_no_due_date_and_may_be_closed_without_a_response(station):
    who = lobby(station)
    view = station.opinions.record(who, "book", "suggestion", "门口加一把雨伞架")
    assert view.due_date is None
    closed = station.opinions.close(supervisor(station), view.id)
    assert closed.status is OpinionStatus.CLOSED and closed.closed_on_time


def test_an_opinion_without_content_stores_nothing(station):
    who = lobby(station)
    error = refused(station.opinions.record, who, "book", "complaint", "  \n ")
    assert error.msg.key == "opinion.error.no_content"
    key = refused(station.opinions.record, who, "fax", "complaint", "x").msg.key
    assert key == "opinion.error.kind"
    assert refused(complaint, station, counter="99").msg.key == "opinion.error.unknown_counter"
    assert refused(complaint, station, ticket=999).msg.key == "opinion.error.unknown_ticket"
    assert refused(complaint, station, ticket="A999").msg.key == "opinion.error.unknown_ticket"
    assert refused(complaint, station, teller="X999").msg.key == "opinion.error.unknown_staff"
    assert stored(station) == [] and journal_payloads(station, "opinion.recorded") == []


def test_a_complaint_goes_open_assigned_responded_called_back_closed(station):
    view, boss = complaint(station), supervisor(station)
    station.clock.advance(hours=1)
    view = station.opinions.assign(boss, view.id, "t002", DUE + timedelta(days=3))
    assert (view.status, view.owner, view.due_date) == ("assigned", "T002", DUE + timedelta(days=3))
    teller2 = station.auth.sign_in("T002", "demo1234")
    view = station.opinions.respond(teller2, view.id, "已致电致歉，并说明高峰时段可预约")
    assert view.status is OpinionStatus.RESPONDED and view.responded_at == station.clock.now()
    view = station.opinions.call_back(boss, view.id, "客户表示满意")
    assert view.status is OpinionStatus.CALLED_BACK and view.callback_result == "客户表示满意"
    view = station.opinions.close(boss, view.id)
    assert view.status is OpinionStatus.CLOSED and view.closed_at == station.clock.now()
    steps = ("recorded", "assigned", "responded", "called_back", "closed")
    events = [f"opinion.{e}" for e in steps]
    assert [len(journal_payloads(station, e)) for e in events] == [1, 1, 1, 1, 1]
    assert journal_payloads(station, "opinion.closed")[0]["status"] == "closed"
    assert station.journal.verify(station.db).ok


def test_closing_a_complaint_without_a_response_is_refused(station):
    view, boss = complaint(station), supervisor(station)
    assert refused(station.opinions.close, boss, view.id).msg.key == "opinion.error.no_response"
    station.opinions.assign(boss, view.id, "T002")
    assert refused(station.opinions.close, boss, view.id).msg.key == "opinion.error.move"
    assert station.opinions.opinion(view.id).status is OpinionStatus.ASSIGNED
    assert journal_payloads(station, "opinion.closed") == []


def test_a_due_date_in_the_past_is_refused(station):
    view, boss = complaint(station), supervisor(station)
    yesterday = TODAY - timedelta(days=1)
    error = refused(station.opinions.assign, boss, view.id, "T002", yesterday)
    assert error.msg.key == "opinion.error.due_past"
    assert station.opinions.opinion(view.id).status is OpinionStatus.OPEN
    assert station.opinions.assign(boss, view.id, "T002", TODAY).due_date == TODAY


def test_bad_moves_unknown_items_and_owners_are_refused(station):
    view, boss = complaint(station), supervisor(station)
    assert refused(station.opinions.respond, boss, view.id, "好").msg.key == "opinion.error.move"
    key = refused(station.opinions.call_back, boss, view.id, "好").msg.key
    assert key == "opinion.error.move"
    assert refused(station.opinions.assign, boss, 999, "T002").msg.key == "opinion.error.unknown"
    key = refused(station.opinions.assign, boss, view.id, "nobody").msg.key
    assert key == "opinion.error.unknown_staff"
    station.opinions.assign(boss, view.id, "T002")
    key = refused(station.opinions.respond, boss, view.id, "   ").msg.key
    assert key == "opinion.error.no_response_text"


def test_the_teller_a_complaint_is_about_cannot_handle_it(station):
    view = complaint(station, teller="T001")
    teller = station.auth.sign_in("T001", "demo1234")
    key = refused(station.opinions.assign, teller, view.id, "T001").msg.key
    assert key == "opinion.error.own_complaint"


def test_overdue_items_are_counted_until_closed(station):
    view, boss = complaint(station), supervisor(station)
    station.opinions.record(lobby(station), "letter", "praise", "李娜业务熟练")
    assert station.opinions.overdue_count() == 0
    station.clock.advance(days=21)  # 2026-12-18 is the due date; 12-18 itself is in time
    assert station.opinions.overdue_count() == 0
    station.clock.advance(days=1)
    assert station.opinions.overdue_count() == 1
    (late,) = station.opinions.overdue()
    assert late.id == view.id and late.overdue
    book = station.opinions.book()
    assert book[0].id == view.id and book[0].overdue  # open items first
    station.opinions.assign(boss, view.id, "T002")
    station.opinions.respond(boss, view.id, "已处理")
    closed = station.opinions.close(boss, view.id)
    assert not closed.overdue and closed.closed_on_time is False
    assert station.opinions.overdue_count() == 0


def test_an_opinion_about_todays_ticket_takes_its_teller_and_counter(station):
    teller = at_window(station, "T001")
    station.queue.issue(lobby(station), "payment", Priority.NONE)
    station.queue.call_next(teller, "01")
    view = complaint(station, ticket=" a001 ")
    assert (view.ticket_label, view.teller, view.counter) == ("A001", "T001", "01")
    other = complaint(station, ticket=view.ticket_id, teller="T002", counter="02")
    assert (other.ticket_label, other.teller, other.counter) == ("A001", "T002", "02")
    station.clock.advance(days=1)  # a label names one of today's tickets only
    assert refused(complaint, station, ticket="A001").msg.key == "opinion.error.unknown_ticket"


# -- the follow-up of a poor rating ------------------------------------------------------


def rated(station, level: int, reasons=()):
    teller = at_window(station, "T001")
    station.queue.issue(lobby(station), "payment", Priority.NONE)
    station.queue.call_next(teller, "01")
    station.queue.finish(teller, "01")
    asked = station.ratings.pending("01")
    return station.ratings.answer("01", asked.id, level, reasons=reasons)


@pytest.mark.parametrize("level", [4, 5])
def test_a_poor_rating_opens_a_follow_up_complaint_in_its_transaction(station, level):
    rating = rated(station, level, reasons=["waiting", "attitude"])
    (row,) = stored(station)
    assert (row.kind, row.channel, row.status) == ("complaint", "counter", "open")
    assert (row.ticket_id, row.teller, row.counter) == (rating.ticket_id, "T001", "01")
    assert row.rating_id == rating.id and row.recorded_by is None and row.due_date == DUE
    assert "A001" in row.content and "等候时间长" in row.content and "不满意" in row.content
    assert station.opinions.opinion(row.id).ticket_label == "A001"
    recorded = journal_payloads(station, "opinion.recorded")
    assert [p["opinion"] for p in recorded] == [row.id]
    assert station.journal.verify(station.db).ok


@pytest.mark.parametrize("level", [1, 2, 3])
def test_a_fair_or_good_rating_opens_nothing(station, level):
    rated(station, level)
    assert stored(station) == []


def test_a_refused_rating_answer_opens_no_follow_up(station):
    rated(station, 4)
    with station.db.read() as s:
        before = s.scalar(select(func.count()).select_from(Opinion))
    asked_id = stored(station)[0].rating_id
    with pytest.raises(RatingError):  # already answered: nothing more is stored
        station.ratings.answer("01", asked_id, 5)
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Opinion)) == before == 1


# -- the register on paper ---------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext not installed")
def test_the_register_prints_every_item_in_chinese(station):
    view, boss = complaint(station, teller="T002", counter="02"), supervisor(station)
    station.opinions.record(lobby(station), "letter", "praise", "李娜业务熟练，耐心细致")
    station.opinions.assign(boss, view.id, "T001")
    station.clock.advance(days=30)  # the complaint is now overdue
    ref = period_ref(TODAY.replace(day=1), TODAY.replace(day=30))
    outcome = print_document(station, boss, DocumentKind.OPINIONS, ref)
    assert outcome.error is None and outcome.path is not None
    text = subprocess.run(
        ["pdftotext", "-layout", str(outcome.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in ("意见簿登记表", "Opinion register", "等了四十分钟没人理", "138****8000",
                     "李娜业务熟练", "投诉", "表扬", "服务电话", "来信", "处理中", "逾期", "T001",
                     "2026-12-18", "2026-11-01 ~ 2026-11-30"):  # fmt: skip
        assert expected in text, expected
    assert PHONE not in text
    assert journal_payloads(station, "document_printed")[-1]["kind"] == "opinions"


def test_only_a_supervisor_prints_the_register(station):
    from workstation.services.documents import DocumentRefused

    ref = period_ref(TODAY, TODAY)
    with pytest.raises(DocumentRefused):
        print_document(station, lobby(station), DocumentKind.OPINIONS, ref)
    with pytest.raises(DocumentRefused):
        print_document(station, supervisor(station), DocumentKind.OPINIONS, "november")
