"""A day with one of every record the journal vouches for, and ways to tamper with it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text

from tests.ledger_support import (
    on_shift,
    post_acknowledged,
    post_approved,
    renewal_in_cash,
    reverse_approved,
    surrender,
)
from tests.printing_support import prepare_receipt
from workstation.db.models import JournalEntry
from workstation.domain.cash import Count

PW = "demo1234"
BOX = Count.of(y100=100)
"""¥10,000.00."""
SHORT = Count.of(y100=99, y50=1, y20=2, y5=1, y1=4, y0_5=1, y0_1=4)
"""¥9,999.90: ten fen short of ``BOX``."""


@dataclass(frozen=True)
class Day:
    cash_serial: str
    """A cash renewal, later reversed."""
    paid_serial: str
    """A surrender to a bank card, approved by S001, its receipt printed."""
    reversal_serial: str
    transfer_id: int


def full_day(station, station2) -> Day:
    """T001 draws from the vault, posts, is approved, reverses, prints, hands over to T002,
    who closes ten fen short; S001 closes the branch (at counter 02) and prints its summary."""
    t1 = on_shift(station, "T001")
    _, transfer_id = station.till.vault_transfer(t1, "from_vault", BOX, "S001", PW)
    cash = post_acknowledged(station, renewal_in_cash(station), t1)
    paid = post_approved(station, surrender(station), t1)
    reversal = reverse_approved(station, t1, cash.serial)
    prepare_receipt(station, paid.serial, t1)
    station.documents.begin("vault_slip", str(transfer_id), t1)
    t2, _ = station.closing.handover(t1, BOX, [], "T002", PW, BOX)
    station.closing.close(t2, SHORT, "S001", PW, "点钞差错")
    supervisor = station2.auth.sign_in("S001", PW)
    day = station2.closing.close_branch(supervisor, PW)
    station2.documents.begin("branch_day", day, supervisor)
    return Day(cash.serial, paid.serial, reversal.serial, transfer_id)


def sql(station, *statements: str, **params: object) -> None:
    with station.db.write() as s:
        for statement in statements:
            s.execute(text(statement), params)


def print_past_the_service(station, serial: str) -> None:
    """A second print of posting ``serial``, written straight to the table: no journal entry."""
    sql(
        station,
        "INSERT INTO prints (posting_id, print_no, staff_id, counter, printed_at, status)"
        " SELECT id, 2, teller_id, counter, posted_at, 'saved' FROM postings"
        " WHERE serial = :serial",
        serial=serial,
    )


def entry_seq(station, event: str, contains: str = "") -> int:
    """The sequence number of the last ``event`` entry whose payload contains ``contains``."""
    with station.db.read() as s:
        return s.scalar(
            select(JournalEntry.seq)
            .where(JournalEntry.event == event, JournalEntry.payload.contains(contains))
            .order_by(JournalEntry.seq.desc())
            .limit(1)
        )


def cut_tail(station, keep: int) -> None:
    """Delete every entry after ``keep`` and point the head at it, as someone with only
    database access would to hide the last entries: the chain still verifies."""
    with station.db.write() as s:
        kept = s.scalar(select(JournalEntry.hash).where(JournalEntry.seq == keep))
        s.execute(text("DELETE FROM journal_entries WHERE seq > :keep"), {"keep": keep})
        s.execute(text("UPDATE journal_head SET seq = :keep, hash = :h"), {"keep": keep, "h": kept})


def rewrite_from(station, seq: int, payload: str) -> None:
    """Change entry ``seq``'s payload and sign it and every later entry again with the key,
    as an insider holding the journal key could: the chain verifies, the anchor does not."""
    with station.db.write() as s:
        rows = s.scalars(
            select(JournalEntry).where(JournalEntry.seq >= seq).order_by(JournalEntry.seq)
        ).all()
        prev = rows[0].prev_hash
        rows[0].payload = payload
        for row in rows:
            row.prev_hash = prev
            row.hash = prev = station.journal._mac(prev, row)
        s.execute(text("UPDATE journal_head SET hash = :h"), {"h": prev})
