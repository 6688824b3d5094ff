"""Reversal and inquiry: same day, approved, once; tellers see their own postings only."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from tests.ledger_support import contact_change, on_shift, renewal_in_cash
from workstation.db.ledger import CashMovement, Posting
from workstation.services.auth import AuthError
from workstation.services.inquiry import Query
from workstation.services.posting import PostingRefused
from workstation.services.reversal import ReversalRequest

pytestmark = pytest.mark.db


def _reverse(station, teller, serial, approver="S001", reason="录入错误，客户要求撤销"):
    request = ReversalRequest(serial, reason, uuid.uuid4().hex)
    ask = station.reversals.ask(request, teller)
    station.overrides.approve_local(teller, ask, approver, "demo1234", "customer_confirmed")
    return station.reversals.reverse(request, teller)


def test_a_reversal_undoes_the_cash_and_marks_the_original(station):
    teller = on_shift(station, "T001")
    posted = station.postings.post(renewal_in_cash(station), teller)
    reversal = _reverse(station, teller, posted.serial)
    assert reversal.serial.endswith("-00002")
    with station.db.read() as s:
        original = s.scalar(select(Posting).where(Posting.serial == posted.serial))
        assert original.status == "reversed"
        assert s.scalar(select(func.sum(CashMovement.amount_fen))) == 0
    detail = station.inquiry.detail(teller, reversal.serial)
    assert detail.row.status == "reversal" and detail.row.linked_serial == posted.serial
    assert detail.reason == "录入错误，客户要求撤销"
    assert [a.approver_id for a in detail.approvals] == ["S001"]


def test_reversal_needs_a_supervisor_and_a_reason(station):
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    request = ReversalRequest(posted.serial, "客户改变主意", uuid.uuid4().hex)
    with pytest.raises(PostingRefused) as refused:
        station.reversals.reverse(request, teller)
    assert refused.value.msg.key == "posting.needs_approval"
    with pytest.raises(PostingRefused):
        station.reversals.ask(ReversalRequest(posted.serial, "  ", uuid.uuid4().hex), teller)
    with pytest.raises(AuthError):
        _reverse(station, teller, posted.serial, approver="T002")


def test_no_double_reversal_and_no_reversal_of_a_reversal(station):
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    reversal = _reverse(station, teller, posted.serial)
    with pytest.raises(PostingRefused) as twice:
        _reverse(station, teller, posted.serial)
    assert twice.value.msg.key == "reversal.already"
    with pytest.raises(PostingRefused) as of_reversal:
        _reverse(station, teller, reversal.serial)
    assert of_reversal.value.msg.key == "reversal.of_reversal"


def test_no_reversal_on_the_next_business_day(station):
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    station.clock.advance(days=1)
    with pytest.raises(PostingRefused) as refused:
        _reverse(station, teller, posted.serial)
    assert refused.value.msg.key == "reversal.other_day"


def test_tellers_see_their_own_postings_supervisors_the_branch(station, station2):
    t1 = on_shift(station, "T001")
    mine = station.postings.post(contact_change(station), t1)
    t2 = on_shift(station2, "T002")
    theirs = station2.postings.post(contact_change(station2), t2)
    supervisor = station.auth.sign_in("S001", "demo1234")
    assert [r.serial for r in station.inquiry.search(t1, Query())] == [mine.serial]
    assert {r.serial for r in station.inquiry.search(supervisor, Query())} == {
        mine.serial,
        theirs.serial,
    }
    with pytest.raises(PostingRefused):
        station.inquiry.detail(t1, theirs.serial)


def test_search_by_policy_id_number_and_dates(station):
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    today = station.clock.now().date()
    assert [r.serial for r in station.inquiry.search(teller, Query(policy_no="p2024000001"))] == [
        posted.serial
    ]
    assert station.inquiry.search(teller, Query(id_number="110105198001010016"))
    assert station.inquiry.search(teller, Query(date_from=today, date_to=today))
    assert station.inquiry.search(teller, Query(policy_no="P2024000002")) == []
