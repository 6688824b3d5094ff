"""Receipts not printed (issue 16.8): listed until they come out; printing one later is a
first print (no reason, not a reprint); a receipt already printed still needs a reason."""

from __future__ import annotations

import pytest

from tests.ledger_support import contact_change, on_shift, post_acknowledged
from tests.printing_support import prepare_receipt
from workstation.domain.prints import DocumentKind
from workstation.services.posting import PostingRefused

pytestmark = pytest.mark.db


def _serials(station, who, **kw) -> list[str]:
    return [u.serial for u in station.receipts.unprinted(who, **kw)]


def test_never_printed_and_failed_receipts_are_listed_until_printed(station):
    teller = on_shift(station, "T001")
    first = post_acknowledged(station, contact_change(station), teller).serial
    second = post_acknowledged(station, contact_change(station), teller)
    assert _serials(station, teller) == [first, second.serial]
    assert _serials(station, teller, this_shift=True) == [first, second.serial]

    # the first print of the second could not be saved: still listed, marked failed
    receipts = station.receipts
    ticket = receipts.begin(DocumentKind.RECEIPT, second.serial, teller)
    receipts.failed(ticket, "No space left on device")
    [never, failed] = receipts.unprinted(teller)
    assert (never.failed, failed.failed) == (False, True)

    # printed later: no reason asked, print 1 again, not a reprint
    later = prepare_receipt(station, second.serial, teller)
    assert later.data.print_no == 1 and later.data.reprint_reason is None
    receipts.saved(later.ticket, "/out/receipt.pdf")
    assert _serials(station, teller) == [first]

    # saved, then refused by the printer: the PDF is there (F6 sends it again), not listed
    ticket = receipts.begin(DocumentKind.RECEIPT, first, teller)
    receipts.saved(ticket, "/out/first.pdf")
    receipts.sent(ticket, "lp0", "paper jam")
    assert _serials(station, teller) == []

    # printed once: a reprint still needs a reason
    with pytest.raises(PostingRefused) as refused:
        prepare_receipt(station, second.serial, teller)
    assert refused.value.msg.key == "receipt.reason_needed"
    again = prepare_receipt(station, second.serial, teller, "客户遗失回单")
    assert again.data.print_no == 2 and again.data.reprint_reason == "客户遗失回单"


def test_another_tellers_receipts_are_not_listed_elsewhere(station):
    teller = on_shift(station, "T001")
    post_acknowledged(station, contact_change(station), teller)
    other = station.auth.sign_in("T002", "demo1234")
    assert _serials(station, other, this_shift=True) == []
    # the counter's list names them (a teller closing this counter sees what is left)
    assert len(station.receipts.unprinted(other)) == 1
