"""The journal proves it is complete: every record has its entry and every entry its record,
and the first mismatch is named."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.journal_support import cut_tail, entry_seq, full_day, print_past_the_service, sql
from tests.ledger_support import contact_change, in_both_languages, on_shift
from tests.printing_support import prepare_receipt
from workstation.db.ledger import CashMovement, Override
from workstation.db.opinions import Opinion
from workstation.db.tills import Shift
from workstation.domain.i18n import Catalog
from workstation.domain.prints import DocumentKind
from workstation.services.journal import Where
from workstation.services.journal_audit import KINDS, audit

pytestmark = pytest.mark.db

EN = Catalog.load("en")


def _problem(station) -> str:
    found = audit(station.db)
    assert not found.ok
    assert in_both_languages(found.problem)
    return EN(found.problem)


def test_a_full_day_matches_record_for_record(station, station2):
    full_day(station, station2)
    found = audit(station.db)
    assert found.ok, EN(found.problem)
    assert found.kinds == len(KINDS)


def test_cutting_the_tail_and_the_head_hides_nothing(station):
    """The chain alone verifies after the last entries and the head are cut back together;
    the posting those entries vouched for is then named."""
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    cut_tail(station, entry_seq(station, "posted", posted.serial) - 1)
    assert station.journal.verify(station.db).ok
    assert _problem(station) == f"posting {posted.serial} has no journal entry" + (
        " (entries cut from the end of the journal, or a record written past the workstation)"
    )


def test_an_entry_whose_record_was_deleted_is_named(station, station2):
    full_day(station, station2)
    with station.db.read() as s:
        vault_in = s.scalar(select(CashMovement.id).where(CashMovement.kind == "vault_in"))
    seq = entry_seq(station, "vault_transfer")
    sql(station, "DELETE FROM cash_movements WHERE id = :id", id=vault_in)
    assert _problem(station).startswith(
        f"journal entry #{seq} records cash movement {vault_in}, which is not in the ledger"
    )


def test_a_reversal_deleted_with_its_cash_is_named(station, station2):
    day = full_day(station, station2)
    seq = entry_seq(station, "reversed", day.reversal_serial)
    sql(
        station,
        "UPDATE overrides SET posting_id = NULL"
        " WHERE posting_id = (SELECT id FROM postings WHERE serial = :serial)",
        "DELETE FROM cash_movements"
        " WHERE posting_id = (SELECT id FROM postings WHERE serial = :serial)",
        "DELETE FROM postings WHERE serial = :serial",
        serial=day.reversal_serial,
    )
    assert _problem(station).startswith(
        f"journal entry #{seq} records reversal {day.reversal_serial}, which is not in the ledger"
    )


@pytest.mark.parametrize(
    ("forgery", "model", "named"),
    [
        (
            "INSERT INTO overrides (branch_code, idempotency_key, content_digest, purpose,"
            " level_required, approver_id, approver_level, teller_id, mode, reason_code,"
            " evidence, decided_at) SELECT branch_code, 'forged', content_digest, purpose,"
            " level_required, approver_id, approver_level, teller_id, mode, reason_code,"
            " evidence, decided_at FROM overrides ORDER BY id LIMIT 1",
            Override,
            "approval",
        ),
        # Cash taken from a box and booked as a movement nobody journaled.
        (
            "INSERT INTO cash_movements (branch_code, business_date, counter, teller_id, kind,"
            " amount_fen, created_at, shift_id) SELECT branch_code, business_date, counter,"
            " teller_id, 'vault_out', -100000, created_at, shift_id FROM cash_movements"
            " ORDER BY id DESC LIMIT 1",
            CashMovement,
            "cash movement",
        ),
    ],
    ids=["approval", "cash-movement"],
)
def test_a_record_written_past_the_service_is_named(station, station2, forgery, model, named):
    full_day(station, station2)
    sql(station, forgery)
    with station.db.read() as s:
        forged = s.scalar(select(func.max(model.id)))
    assert _problem(station).startswith(f"{named} {forged} has no journal entry")


def test_a_print_written_past_the_service_is_named(station, station2):
    day = full_day(station, station2)
    print_past_the_service(station, day.paid_serial)
    assert _problem(station).startswith(f"receipt print {day.paid_serial}#2 has no journal entry")


def test_a_till_record_written_past_the_service_is_named(station, station2):
    day = full_day(station, station2)
    sql(
        station,
        "INSERT INTO vault_transfers (shift_id, direction, count, amount_fen, officer_id, at)"
        " SELECT shift_id, 'to_vault', count, amount_fen, officer_id, at FROM vault_transfers"
        " WHERE id = :id",
        id=day.transfer_id,
    )
    assert _problem(station).startswith(
        f"vault transfer {day.transfer_id + 1} has no journal entry"
    )


def _raw_movement(station) -> int:
    """A cash movement booked straight into the table, at the clock's time."""
    with station.db.write() as s:
        shift = s.scalar(select(Shift).order_by(Shift.id).limit(1))
        movement = CashMovement(
            branch_code="SH01",
            business_date=shift.business_date,
            counter=shift.counter,
            teller_id=shift.teller_id,
            kind="vault_in",
            amount_fen=100_000,
            created_at=station.clock.now(),
            shift_id=shift.id,
        )
        s.add(movement)
        s.flush()
        return movement.id


def test_a_journal_from_before_the_ids_leaves_only_its_own_time_unmatched(station):
    """Entries written before approvals and movements carried their ids cannot vouch for the
    records of their time; a record from after the last of them is matched."""
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    _raw_movement(station)
    older = {"serial": posted.serial, "template": "2001"}  # as the entry was written: no "movement"
    with station.db.write() as s:
        station.journal.append(s, "posted", older, Where("SH01", "01", "T001"))
    assert audit(station.db).ok
    station.clock.advance(minutes=1)
    later = _raw_movement(station)
    assert _problem(station).startswith(f"cash movement {later} has no journal entry")


def test_a_failed_print_retried_and_a_print_left_pending_still_match(
    station, tmp_path, monkeypatch
):
    """A print is journaled when it ends: failed, then printed on retry (one record, two
    entries). One left pending by a stopped program made no document and is not named,
    nor is the failure's entry of a print whose retry was left pending."""
    from printing.output import SaveFailed
    from printing.pipeline import print_document
    from tests.test_print_failures import _missing, _output, _repair

    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    folder, _reason = _missing(station, tmp_path, monkeypatch)
    _output(station, folder)
    with pytest.raises(SaveFailed):
        print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
    prepare_receipt(station, posted.serial, teller)  # the retry begun, the program stopped
    found = audit(station.db)
    assert found.ok, EN(found.problem)
    _repair(station, folder, monkeypatch)
    print_document(station, teller, DocumentKind.RECEIPT, posted.serial, "上次打印中断")
    found = audit(station.db)
    assert found.ok, EN(found.problem)
    prepare_receipt(station, posted.serial, teller, "客户要求再打一份")  # begun, never saved
    found = audit(station.db)
    assert found.ok, EN(found.problem)


def test_an_opinion_written_past_the_book_is_named(station):
    """The opinion book's records are matched too: a complaint typed straight into the
    table (say, to pad the figures of the periodic report) has no entry."""
    supervisor = station.auth.sign_in("S001", "demo1234")
    station.opinions.record(supervisor, "book", "praise", "服务热情")
    assert audit(station.db).ok
    sql(
        station,
        "INSERT INTO opinions (branch_code, recorded_at, business_date, channel, kind, content,"
        " contact_masked, status) SELECT branch_code, recorded_at, business_date, channel,"
        " 'complaint', 'forged', '', 'open' FROM opinions ORDER BY id LIMIT 1",
    )
    with station.db.read() as s:
        forged = s.scalar(select(func.max(Opinion.id)))
    assert _problem(station).startswith(f"opinion book entry {forged} has no journal entry")
