"""Receipts from postings: what they say, reprints counted with reasons, verification."""

from __future__ import annotations

import io
import uuid

import pytest
from sqlalchemy import select

from printing.pipeline import print_document
from tests.ledger_support import contact_change, on_shift, renewal_in_cash, surrender
from tests.printing_support import pdf_text, prepare_receipt
from workstation.db.ledger import PrintRecord
from workstation.domain.prints import DocumentKind
from workstation.services.overrides import Ask
from workstation.services.posting import PostingRefused
from workstation.services.reversal import ReversalRequest

pytestmark = pytest.mark.db


def _posted_surrender(station):
    teller = on_shift(station, "T001")
    sub = surrender(station)
    day = station.clock.now().date()
    ask = Ask("posting", sub.idempotency_key, sub.digest(day), 1, {})
    station.overrides.approve_local(teller, ask, "S001", "demo1234", "identity_verified")
    return teller, station.postings.post(sub, teller, frozenset({"aml_payout.due_diligence"}))


def test_the_receipt_of_a_surrender_says_everything_and_masks_the_rest(station):
    teller, posted = _posted_surrender(station)
    prepared = prepare_receipt(station, posted.serial, teller)
    data = prepared.data
    assert data.serial == "SH01-20261127-01-00001" and data.print_no == 1
    assert data.amount_in_words == "人民币捌万陆仟肆佰元整"
    assert data.customer_id_masked == "110105********0016"
    values = {line.label.zh: line.value for line in data.lines}
    assert values["银行卡号"] == "6222 **** **** 3450"
    assert values["退保原因"] == "经济困难 / Financial difficulty"
    assert data.approvals[0].staff_id == "S001" and data.approvals[0].mode.zh == "本地"
    assert data.qr_payload.startswith("CW1|SH01-20261127-01-00001|")
    assert station.receipts.verify(data.qr_payload).ok


def test_a_reprint_needs_a_reason_and_is_counted_and_journaled(station):
    teller, posted = _posted_surrender(station)
    prepare_receipt(station, posted.serial, teller)
    with pytest.raises(PostingRefused) as refused:
        prepare_receipt(station, posted.serial, teller)
    assert refused.value.msg.key == "receipt.reason_needed"
    again = prepare_receipt(station, posted.serial, teller, "客户遗失回单")
    assert again.data.print_no == 2 and again.data.reprint_reason == "客户遗失回单"
    with station.db.read() as s:
        assert s.scalars(select(PrintRecord.print_no)).all() == [1, 2]
    assert station.journal.verify(station.db).ok


def test_a_forged_or_unknown_payload_is_refused(station):
    teller, posted = _posted_surrender(station)
    payload = prepare_receipt(station, posted.serial, teller).data.qr_payload
    forged = payload[:-1] + ("0" if payload[-1] != "0" else "1")
    assert station.receipts.verify(forged).problem.key == "receipt.forged"
    assert (
        station.receipts.verify("CW1|SH01-20991231-01-00001|abc").problem.key == "receipt.unknown"
    )
    assert station.receipts.verify("hello").problem.key == "receipt.bad_payload"


def test_a_printed_receipt_pdf_has_the_serial_amounts_capitals_and_no_full_numbers(station):
    teller, posted = _posted_surrender(station)
    outcome = print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
    assert outcome.path.exists() and outcome.path.name == f"{posted.serial}-receipt.pdf"
    text = pdf_text(outcome.path)
    for expected in (posted.serial, "86,400.00", "人民币捌万陆仟肆佰元整", "110105********0016"):
        assert expected in text, expected
    raw = outcome.path.read_bytes()
    assert b"110105198001010016" not in raw and "110105198001010016" not in text
    assert "6222021000123450" not in text.replace(" ", "")
    with station.db.read() as s:
        assert s.scalar(select(PrintRecord.status)) == "saved"


def test_a_reprint_pdf_is_marked_reprint(station):
    teller, posted = _posted_surrender(station)
    print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
    outcome = print_document(station, teller, DocumentKind.RECEIPT, posted.serial, "客户遗失回单")
    assert outcome.path.name.endswith("-reprint2.pdf") or "reprint" in outcome.path.name
    text = pdf_text(outcome.path)
    assert "重打" in text and "REPRINT" in text and "客户遗失回单" in text


def test_a_reversal_receipt_names_the_original(station):
    teller = on_shift(station, "T001")
    posted = station.postings.post(renewal_in_cash(station), teller)
    request = ReversalRequest(posted.serial, "金额录错", uuid.uuid4().hex)
    ask = station.reversals.ask(request, teller)
    station.overrides.approve_local(teller, ask, "S001", "demo1234", "customer_confirmed")
    reversal = station.reversals.reverse(request, teller)
    data = prepare_receipt(station, reversal.serial, teller).data
    assert data.reversal_of == posted.serial and data.reversal_reason == "金额录错"
    assert data.direction.zh == "付款"  # the cash taken is given back
    text = pdf_text(
        io.BytesIO(
            print_document(
                station, teller, DocumentKind.RECEIPT, reversal.serial, "x"
            ).path.read_bytes()
        )
    )
    assert posted.serial in text


def test_a_printer_that_fails_leaves_the_pdf_and_says_why(station):
    """No such queue (or no lp at all): the PDF stays and the teller is told why."""
    station.config = station.config.model_copy(
        update={"printing": station.config.printing.model_copy(update={"printer": "NoSuchQ"})}
    )
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    outcome = print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
    assert not outcome.printed and outcome.error.key == "printing.lp_failed"
    assert outcome.path.exists()
