"""What a supervisor approves: the evidence the services build, names as recorded, masking."""

from __future__ import annotations

import uuid

import pytest

from tests.ledger_support import (
    contact_change,
    journal_payloads,
    on_shift,
    post_approved,
    surrender,
)
from tests.printing_support import prepare_receipt
from workstation.services.overrides import Ask, OverrideError
from workstation.services.posting import PostingRefused
from workstation.services.reversal import ReversalRequest

pytestmark = pytest.mark.db

ID = "110105198001010016"
MASKED_ID = "110105********0016"
SEEN = frozenset({"aml_payout.due_diligence"})


def test_the_posting_service_builds_the_ask_with_everything_the_supervisor_must_see(station):
    teller = on_shift(station, "T001")
    sub = surrender(station)
    ask = station.postings.ask(sub, teller)
    assert ask.purpose == "posting" and ask.level == 1
    assert ask.idempotency_key == sub.idempotency_key
    assert ask.content_digest == sub.digest(station.clock.now().date())
    e = ask.evidence
    assert (e.template, e.business.zh, e.business.en) == ("3101", "退保", "Surrender")
    assert (e.customer_name, e.customer_id) == ("张三", MASKED_ID)
    assert str(e.amount) == "86400.00" and e.amount_in_words == "人民币捌万陆仟肆佰元整"
    assert (e.teller_id, e.teller_name) == ("T001", "张敏")
    texts = [f.text.zh for f in e.findings]
    assert any("超过柜员权限" in text for text in texts), texts
    assert any("尽职调查" in text for text in texts), texts
    assert {f.severity for f in e.findings} >= {"authorize", "warn"}
    assert [d.zh for d in e.documents] and all(d.en for d in e.documents)
    assert e.ids_checked == (MASKED_ID,)
    shown = "\n".join(f"{line.value.zh} {line.value.en}" for line in e.lines)
    assert ID not in shown and MASKED_ID in shown
    assert "6222021000123450" not in shown.replace(" ", "") and "6222 **** **** 3450" in shown
    assert ask.context["customer_id"] == ID  # the record keeps it whole


def test_no_ask_for_a_business_that_needs_no_approval(station):
    teller = on_shift(station, "T001")
    with pytest.raises(PostingRefused) as refused:
        station.postings.ask(contact_change(station), teller)
    assert refused.value.msg.key == "posting.no_approval_needed"


def test_the_status_of_an_approved_request_is_the_approval_as_recorded(station, station2):
    teller = on_shift(station, "T001")
    sub = surrender(station)
    request_id = station.overrides.request(teller, station.postings.ask(sub, teller), "01")
    station2.clock.advance(minutes=7, seconds=31)
    supervisor = station2.auth.sign_in("S001", "demo1234")
    station2.overrides.decide(supervisor, request_id, True, "demo1234", "identity_verified")
    view = station.overrides.status(request_id)
    approval = view.approval
    assert (approval.approver_id, approval.approver_name) == ("S001", "王强")
    assert approval.level == 1 and approval.mode == "remote"
    assert approval.decided_at == station2.clock.now()
    assert view.decided_by.name == "王强"


def test_two_approvals_of_one_submission_list_each_approver_once(station):
    teller = on_shift(station, "T001")
    sub = surrender(station)
    ask = Ask("posting", sub.idempotency_key, sub.digest(station.clock.now().date()), 1, {})
    for approver in ("S001", "S001", "M001"):
        station.overrides.approve_local(teller, ask, approver, "demo1234", "identity_verified")
    result = station.postings.post(sub, teller, SEEN)
    assert result.approvers == ("S001", "M001")
    assert [a.approver_name for a in result.approvals] == ["王强", "陈刚"]
    again = station.postings.post(sub, teller, SEEN)
    assert again.repeated and again.approvers == ("S001", "M001")
    receipt = prepare_receipt(station, result.serial, teller).data
    assert [a.staff_id for a in receipt.approvals] == ["S001", "M001"]
    assert [a.approver_id for a in station.inquiry.detail(teller, result.serial).approvals] == [
        "S001",
        "M001",
    ]


def test_a_request_is_masked_and_a_supervisor_reveals_it_with_a_journal_entry(station):
    teller = on_shift(station, "T001")
    request_id = station.overrides.request(
        teller, station.postings.ask(surrender(station), teller), "01"
    )
    (pending,) = station.overrides.pending()
    assert pending.evidence.customer_id == MASKED_ID
    assert ID not in repr(pending.evidence)
    with pytest.raises(OverrideError) as refused:
        station.overrides.reveal(teller, request_id)
    assert refused.value.msg.key == "reveal.not_allowed"
    assert journal_payloads(station, "id_revealed") == []
    supervisor = station.auth.sign_in("S001", "demo1234")
    revealed = station.overrides.reveal(supervisor, request_id)
    assert revealed.evidence.revealed and revealed.evidence.customer_id == ID
    assert ID in [line.value.zh for line in revealed.evidence.lines]
    assert journal_payloads(station, "id_revealed") == [{"request": request_id, "teller": "T001"}]
    assert station.journal.verify(station.db).ok


def test_a_posting_detail_is_masked_and_only_a_supervisor_reveals_it(station):
    teller = on_shift(station, "T001")
    serial = post_approved(station, surrender(station), teller).serial
    values = [line["zh"] for line in station.inquiry.detail(teller, serial).lines]
    assert MASKED_ID in values and ID not in values
    assert "6222 **** **** 3450" in values and "138****8000" in values
    with pytest.raises(PostingRefused) as refused:
        station.inquiry.reveal(teller, serial)
    assert refused.value.msg.key == "reveal.not_allowed"
    supervisor = station.auth.sign_in("S001", "demo1234")
    detail = station.inquiry.reveal(supervisor, serial)
    assert detail.revealed and ID in [line["zh"] for line in detail.lines]
    assert journal_payloads(station, "id_revealed") == [{"serial": serial}]


def test_a_reversal_ask_shows_the_original_business_customer_amount_and_reason(station):
    teller = on_shift(station, "T001")
    serial = post_approved(station, surrender(station), teller).serial
    request = ReversalRequest(serial, "金额录错", uuid.uuid4().hex)
    e = station.reversals.ask(request, teller).evidence
    assert (e.purpose, e.serial, e.business.zh) == ("reversal", serial, "退保")
    assert (e.customer_name, e.customer_id) == ("张三", MASKED_ID)
    assert e.amount_in_words == "人民币捌万陆仟肆佰元整" and e.direction == "in"
    assert (e.teller_name, e.reason) == ("张敏", "金额录错")
    assert e.documents and ID not in repr(e)
