"""Prints of till documents: the first needs no reason, every reprint one; who sees what."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from printing.pipeline import print_document
from tests.ledger_support import in_both_languages, journal_payloads, on_shift
from workstation.db.tills import DocumentPrint
from workstation.domain.cash import Count
from workstation.services.documents import DocumentRefused, teller_day_ref

pytestmark = pytest.mark.db

PW = "demo1234"


def _slip(station, who) -> str:
    """Draw ¥1,000 from the vault: the slip's reference."""
    _view, transfer = station.till.vault_transfer(who, "from_vault", Count.of(y100=10), "S001", PW)
    return str(transfer)


def test_the_first_print_needs_no_reason_and_every_reprint_one(station):
    teller = on_shift(station, "T001")
    slip = _slip(station, teller)
    assert station.documents.begin("vault_slip", slip, teller).print_no == 1
    with pytest.raises(DocumentRefused) as refused:
        station.documents.begin("vault_slip", slip, teller, "   ")
    assert refused.value.msg.key == "document.reason_needed"
    assert station.documents.begin("vault_slip", slip, teller, "打印机卡纸").print_no == 2
    assert station.documents.begin("vault_slip", slip, teller, "金库留存联遗失").print_no == 3
    with station.db.read() as s:
        prints = s.scalars(select(DocumentPrint).order_by(DocumentPrint.id)).all()
    assert [(p.print_no, p.reason, p.staff_id) for p in prints] == [
        (1, None, "T001"),
        (2, "打印机卡纸", "T001"),
        (3, "金库留存联遗失", "T001"),
    ]


def test_the_refusal_of_a_reprint_without_reason_reads_in_both_languages(station):
    teller = on_shift(station, "T001")
    slip = _slip(station, teller)
    station.documents.begin("vault_slip", slip, teller)
    with pytest.raises(DocumentRefused) as refused:
        station.documents.begin("vault_slip", slip, teller)
    assert in_both_languages(refused.value.msg)


def test_every_print_and_reprint_is_journaled_once_its_pdf_is_saved(station):
    teller = on_shift(station, "T001")
    slip = _slip(station, teller)
    print_document(station, teller, "vault_slip", slip)
    print_document(station, teller, "vault_slip", slip, "打印机卡纸")
    assert journal_payloads(station, "document_printed") == [
        {"kind": "vault_slip", "ref": slip, "print_no": 1, "reason": None}
    ]
    assert journal_payloads(station, "document_reprinted") == [
        {"kind": "vault_slip", "ref": slip, "print_no": 2, "reason": "打印机卡纸"}
    ]
    assert station.journal.verify(station.db).ok


def test_documents_are_counted_each_on_its_own(station):
    teller = on_shift(station, "T001")
    first, second = _slip(station, teller), _slip(station, teller)
    day = teller_day_ref("T001", station.clock.now().date())
    assert station.documents.begin("vault_slip", first, teller).print_no == 1
    assert station.documents.begin("vault_slip", second, teller).print_no == 1
    assert station.documents.begin("teller_day", day, teller).print_no == 1
    with pytest.raises(DocumentRefused) as unknown:
        station.documents.begin("receipt", first, teller)
    assert unknown.value.msg.key == "document.unknown_kind"


def test_a_teller_sees_their_own_documents_a_supervisor_all(station, station2):
    t1, t2 = on_shift(station, "T001"), on_shift(station2, "T002")
    mine, theirs = _slip(station, t1), _slip(station2, t2)
    station.documents.begin("vault_slip", mine, t1)
    station.closing.close(t1, Count.of(y100=10))

    assert {(d.kind, d.ref, d.prints) for d in station.documents.of_today(t1)} == {
        ("vault_slip", mine, 1),
        ("teller_day", "T001@2026-11-27", 0),
    }
    assert [(d.kind, d.ref) for d in station2.documents.of_today(t2)] == [("vault_slip", theirs)]
    supervisor = station2.auth.sign_in("S001", PW)
    seen = {(d.kind, d.ref, d.teller_id) for d in station2.documents.of_today(supervisor)}
    assert seen == {
        ("vault_slip", mine, "T001"),
        ("vault_slip", theirs, "T002"),
        ("teller_day", "T001@2026-11-27", "T001"),
    }


def test_both_tellers_of_a_handover_see_its_record(station):
    outgoing = on_shift(station, "T001")
    incoming, handover = station.closing.handover(outgoing, Count(), [], "T002", PW, Count())
    ref = str(handover.id)
    assert [(d.kind, d.ref) for d in station.documents.of_today(outgoing)] == [("handover", ref)]
    assert [(d.kind, d.ref) for d in station.documents.of_today(incoming)] == [("handover", ref)]


def test_a_supervisor_sees_the_branch_summary_once_it_is_printed(station, station2):
    supervisor = station2.auth.sign_in("S001", PW)
    teller = on_shift(station, "T001")
    station.closing.close(teller, Count())
    station2.closing.close_branch(supervisor, PW)
    assert "branch_day" not in [d.kind for d in station2.documents.of_today(supervisor)]
    station2.documents.begin("branch_day", "2026-11-27", supervisor)
    branch = [d for d in station2.documents.of_today(supervisor) if d.kind == "branch_day"]
    assert [(d.ref, d.prints) for d in branch] == [("2026-11-27", 1)]
    assert "branch_day" not in [d.kind for d in station.documents.of_today(teller)]


def test_a_teller_cannot_reprint_another_tellers_document(station, station2):
    """The module's rule: a teller reprints their own documents; a supervisor any."""
    t1, t2 = on_shift(station, "T001"), on_shift(station2, "T002")
    slip = _slip(station, t1)
    station.documents.begin("vault_slip", slip, t1)
    with pytest.raises(DocumentRefused):
        station2.documents.begin("vault_slip", slip, t2, "帮同事补打")
    supervisor = station2.auth.sign_in("S001", PW)
    assert station2.documents.begin("vault_slip", slip, supervisor, "金库留存联遗失").print_no == 2
