"""Prints of every document but the receipt: vault slips, handover records, reconciliations,
summaries, and any kind added to the print registry (``printing.documents``).

Like receipts (:mod:`workstation.services.print_log`), the first print needs no
reason; each reprint needs one, is counted, marked on the paper and journaled
once its PDF is saved. A print that could not be saved is journaled as failed
and retried under its number. A teller reprints their own documents (those
:meth:`DocumentService._owners` names them in); a supervisor any of the branch's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from sqlalchemy import String, func, select
from sqlalchemy.orm import Session

from workstation.db.engine import Database
from workstation.db.models import Staff
from workstation.db.queue import Ticket
from workstation.db.tills import DocumentPrint, Handover, Shift, VaultTransfer
from workstation.domain.clock import Clock
from workstation.domain.errors import WorkstationError
from workstation.domain.prints import DOCUMENT_EVENTS, DocumentKind, PrintStatus, PrintTicket
from workstation.domain.staff import Role
from workstation.domain.statuses import ShiftStatus
from workstation.services.auth import SignedIn
from workstation.services.calendar import current_business_date
from workstation.services.journal import Journal, Where
from workstation.services.print_log import PrintLog, begin_print

KEPT_ELSEWHERE = frozenset({DocumentKind.RECEIPT, DocumentKind.SAMPLE_FORM})
"""Receipts are counted per posting (:mod:`workstation.services.receipts`); sample forms not."""
KIND_LENGTH = cast(String, DocumentPrint.__table__.c.kind.type).length or 16
"""The longest name of a kind ``document_prints.kind`` holds."""


class DocumentRefused(WorkstationError):
    """A document print was refused: the message says why."""


@dataclass(frozen=True)
class DocumentRef:
    """One document of the day that can be printed again."""

    kind: DocumentKind
    ref: str
    teller_id: str | None
    at: datetime
    prints: int
    failed: bool = False
    """Its last print could not be saved: printing it again is a retry, without a reason."""


def teller_day_ref(teller_id: str, day: date) -> str:
    return f"{teller_id}@{day.isoformat()}"


def split_teller_day(ref: str) -> tuple[str, date]:
    teller_id, _, day = ref.partition("@")
    return teller_id, date.fromisoformat(day)


class DocumentService(PrintLog[DocumentPrint]):
    events = DOCUMENT_EVENTS

    def __init__(
        self, db: Database, journal: Journal, clock: Clock, branch_code: str, counter: str
    ) -> None:
        self.db, self.journal, self.clock = db, journal, clock
        self.branch_code, self.counter = branch_code, counter

    def begin(self, kind: str, ref: str, who: SignedIn, reason: str | None = None) -> PrintTicket:
        """Number a print of ``kind``/``ref``; :meth:`saved` or :meth:`failed` ends it.

        A reprint needs a reason. A print whose PDF could not be saved is
        tried again under its own number: no reason, not marked as a reprint.
        """
        if kind in KEPT_ELSEWHERE or not 0 < len(kind) <= KIND_LENGTH:
            raise DocumentRefused("document.unknown_kind", kind=kind)
        with self.db.write() as s:
            if who.staff.role is not Role.SUPERVISOR and who.staff.staff_id not in self._owners(
                s, kind, ref
            ):
                raise DocumentRefused("document.not_yours")
            last = s.scalar(
                select(DocumentPrint)
                .where(DocumentPrint.kind == kind, DocumentPrint.ref == ref)
                .order_by(DocumentPrint.print_no.desc())
                .limit(1)
            )
            record = begin_print(
                s,
                last,
                lambda no, why: DocumentPrint(kind=kind, ref=ref, print_no=no, reason=why),
                who,
                self.clock.now(),
                reason,
                lambda: DocumentRefused("document.reason_needed"),
            )
            s.flush()
            return PrintTicket(kind, ref, record.id, record.print_no, record.reason)

    def _owners(self, s: Session, kind: str, ref: str) -> set[str]:
        """The staff a document belongs to (any other kind: supervisors only)."""
        if kind == DocumentKind.TELLER_DAY:
            return {split_teller_day(ref)[0]}
        if kind == DocumentKind.VAULT_SLIP:
            transfer = s.get(VaultTransfer, int(ref))
            shift = s.get(Shift, transfer.shift_id) if transfer else None
            return {shift.teller_id} if shift else set()
        if kind == DocumentKind.HANDOVER:
            record = s.get(Handover, int(ref))
            if record is None:
                return set()
            shifts = (s.get(Shift, record.from_shift_id), s.get(Shift, record.to_shift_id))
            return {shift.teller_id for shift in shifts if shift is not None}
        if kind == DocumentKind.TICKET:  # whoever issued it, and any lobby staff
            lobby = set(s.scalars(select(Staff.staff_id).where(Staff.role == Role.LOBBY)))
            ticket = s.get(Ticket, int(ref))
            return lobby | {ticket.issued_by} if ticket else set()
        return set()

    def _row(self, s: Session, ticket: PrintTicket) -> DocumentPrint:
        return s.get_one(DocumentPrint, ticket.print_id)

    def _entry(self, ticket: PrintTicket, record: DocumentPrint) -> tuple[dict[str, object], Where]:
        names: dict[str, object] = {"kind": ticket.kind, "ref": ticket.ref}
        return names, Where(self.branch_code, self.counter, record.staff_id)

    def of_today(self, who: SignedIn) -> list[DocumentRef]:
        """The day's documents this person may print again, newest first."""
        mine = None if who.staff.role is Role.SUPERVISOR else who.staff.staff_id
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.branch_code)
            prints = dict(
                s.execute(
                    select(DocumentPrint.kind + ":" + DocumentPrint.ref, func.count()).group_by(
                        DocumentPrint.kind, DocumentPrint.ref
                    )
                ).all()
            )
            shifts = select(Shift.id).where(
                Shift.branch_code == self.branch_code, Shift.business_date == day
            )
            if mine:
                shifts = shifts.where(Shift.teller_id == mine)
            found: list[DocumentRef] = []
            for transfer, teller in s.execute(
                select(VaultTransfer, Shift.teller_id)
                .join(Shift, Shift.id == VaultTransfer.shift_id)
                .where(VaultTransfer.shift_id.in_(shifts))
            ):
                found.append(
                    DocumentRef(DocumentKind.VAULT_SLIP, str(transfer.id), teller, transfer.at, 0)
                )
            for record, teller in s.execute(
                select(Handover, Shift.teller_id)
                .join(Shift, Shift.id == Handover.from_shift_id)
                .where(Handover.from_shift_id.in_(shifts) | Handover.to_shift_id.in_(shifts))
            ):
                found.append(
                    DocumentRef(DocumentKind.HANDOVER, str(record.id), teller, record.at, 0)
                )
            for shift in s.scalars(
                select(Shift).where(Shift.id.in_(shifts), Shift.status == ShiftStatus.CLOSED)
            ):
                ref = teller_day_ref(shift.teller_id, day)
                ended = shift.ended_at or shift.opened_at  # closed: it has ended
                found.append(DocumentRef(DocumentKind.TELLER_DAY, ref, shift.teller_id, ended, 0))
            branch_day = DocumentKind.BRANCH_DAY
            if who.staff.role is Role.SUPERVISOR and f"{branch_day}:{day.isoformat()}" in prints:
                closed = s.scalars(
                    select(func.max(DocumentPrint.printed_at)).where(
                        DocumentPrint.kind == branch_day, DocumentPrint.ref == day.isoformat()
                    )
                ).one()  # printed: there is a time
                found.append(DocumentRef(branch_day, day.isoformat(), None, closed, 0))
            failed = set(
                s.scalars(
                    select(DocumentPrint.kind + ":" + DocumentPrint.ref).where(
                        DocumentPrint.status == PrintStatus.FAILED, DocumentPrint.path.is_(None)
                    )
                )
            )
            counted = [
                dataclasses.replace(
                    d,
                    prints=prints.get(f"{d.kind}:{d.ref}", 0),
                    failed=f"{d.kind}:{d.ref}" in failed,
                )
                for d in found
            ]
            return sorted(counted, key=lambda d: d.at, reverse=True)
