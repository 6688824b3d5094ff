"""Prints of the till documents: vault slips, handover records, reconciliations, summaries.

Like receipts, the first print needs no reason; each reprint needs one, is
counted, marked on the paper and journaled once its PDF is saved. A print
that could not be saved is journaled as failed and retried under its number.
A teller reprints their own documents; a supervisor any of the branch's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from workstation.db.engine import Database
from workstation.db.tills import DocumentPrint, Handover, Shift, VaultTransfer
from workstation.domain.clock import Clock
from workstation.domain.errors import WorkstationError
from workstation.domain.prints import PrintStatus
from workstation.domain.staff import Role
from workstation.services.auth import SignedIn
from workstation.services.calendar import current_business_date
from workstation.services.journal import Journal, Where

KINDS = ("vault_slip", "handover", "teller_day", "branch_day")


class DocumentRefused(WorkstationError):
    """A document print was refused: the message says why."""


@dataclass(frozen=True)
class DocumentRef:
    """One document of the day that can be printed again."""

    kind: str
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


class DocumentService:
    def __init__(self, db: Database, journal: Journal, clock: Clock, branch_code: str, counter):
        self.db, self.journal, self.clock = db, journal, clock
        self.branch_code, self.counter = branch_code, counter

    def record(self, kind: str, ref: str, who: SignedIn, reason: str | None = None) -> int:
        """Number a print of ``kind``/``ref``; :meth:`saved` or :meth:`failed` ends it.

        A reprint needs a reason. A print whose PDF could not be saved is
        tried again under its own number: no reason, not marked as a reprint.
        """
        if kind not in KINDS:
            raise DocumentRefused("document.unknown_kind", kind=kind)
        reason = (reason or "").strip() or None
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
            if last is not None and last.status == PrintStatus.FAILED:
                record = last
            else:
                print_no = 1 if last is None else last.print_no + 1
                if print_no > 1 and not reason:
                    raise DocumentRefused("document.reason_needed")
                record = DocumentPrint(kind=kind, ref=ref, print_no=print_no, reason=reason)
                s.add(record)
            record.staff_id, record.printed_at = who.staff.staff_id, self.clock.now()
            record.status, record.error = PrintStatus.PENDING, None
            s.flush()
            return record.print_no

    def _owners(self, s, kind: str, ref: str) -> set[str]:
        """The tellers a document belongs to (the branch summary: supervisors only)."""
        if kind == "teller_day":
            return {split_teller_day(ref)[0]}
        if kind == "vault_slip":
            transfer = s.get(VaultTransfer, int(ref))
            shift = s.get(Shift, transfer.shift_id) if transfer else None
            return {shift.teller_id} if shift else set()
        if kind == "handover":
            record = s.get(Handover, int(ref))
            if record is None:
                return set()
            shifts = (s.get(Shift, record.from_shift_id), s.get(Shift, record.to_shift_id))
            return {shift.teller_id for shift in shifts}
        return set()

    def saved(self, kind: str, ref: str, print_no: int, path: str) -> None:
        """The PDF is in the output folder: journaled as printed (or reprinted)."""
        self._settle(kind, ref, print_no, PrintStatus.SAVED, path, None)

    def failed(self, kind: str, ref: str, print_no: int, error: str) -> None:
        """The PDF could not be saved: journaled as a failed print; the next print retries it."""
        self._settle(kind, ref, print_no, PrintStatus.FAILED, None, error)

    def _settle(self, kind: str, ref: str, print_no: int, status: str, path, error) -> None:
        with self.db.write() as s:
            record = s.scalar(
                select(DocumentPrint).where(
                    DocumentPrint.kind == kind,
                    DocumentPrint.ref == ref,
                    DocumentPrint.print_no == print_no,
                )
            )
            record.status, record.path, record.error = status, path, error
            payload = {"kind": kind, "ref": ref, "print_no": print_no, "reason": record.reason}
            if status == PrintStatus.FAILED:
                event, payload["error"] = "document_print_failed", error
            else:
                event = "document_reprinted" if print_no > 1 else "document_printed"
            where = Where(self.branch_code, self.counter, record.staff_id)
            self.journal.append(s, event, payload, where)

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
                found.append(DocumentRef("vault_slip", str(transfer.id), teller, transfer.at, 0))
            for record, teller in s.execute(
                select(Handover, Shift.teller_id)
                .join(Shift, Shift.id == Handover.from_shift_id)
                .where(Handover.from_shift_id.in_(shifts) | Handover.to_shift_id.in_(shifts))
            ):
                found.append(DocumentRef("handover", str(record.id), teller, record.at, 0))
            for shift in s.scalars(
                select(Shift).where(Shift.id.in_(shifts), Shift.status == "closed")
            ):
                ref = teller_day_ref(shift.teller_id, day)
                found.append(DocumentRef("teller_day", ref, shift.teller_id, shift.ended_at, 0))
            if who.staff.role is Role.SUPERVISOR and f"branch_day:{day.isoformat()}" in prints:
                closed = s.scalar(
                    select(func.max(DocumentPrint.printed_at)).where(
                        DocumentPrint.kind == "branch_day", DocumentPrint.ref == day.isoformat()
                    )
                )
                found.append(DocumentRef("branch_day", day.isoformat(), None, closed, 0))
            failed = set(
                s.scalars(
                    select(DocumentPrint.kind + ":" + DocumentPrint.ref).where(
                        DocumentPrint.status == PrintStatus.FAILED
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
