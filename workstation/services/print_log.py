"""The rule every numbered print follows, whichever table keeps it.

A receipt's prints (``prints``, one series per posting) and those of the till
documents and reports (``document_prints``, one series per kind and ref) are
numbered, retried and journaled alike: the first print needs no reason, each
reprint one; a print whose PDF could not be saved is tried again under its own
number (no reason asked, not a reprint); a print is journaled when it ends,
saved or failed, and what the printer then did is kept on its row.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import datetime
from typing import ClassVar, Generic, TypeVar

from sqlalchemy.orm import Session

from workstation.db.engine import Database
from workstation.db.ledger import PrintRecord
from workstation.db.tills import DocumentPrint
from workstation.domain.errors import WorkstationError
from workstation.domain.prints import PrintEvents, PrintStatus, PrintTicket
from workstation.services.auth import SignedIn
from workstation.services.journal import Journal, Where

Row = TypeVar("Row", PrintRecord, DocumentPrint)


def begin_print(
    s: Session,
    last: Row | None,
    new: Callable[[int, str | None], Row],
    who: SignedIn,
    now: datetime,
    reason: str | None,
    refuse: Callable[[], WorkstationError],
) -> Row:
    """The print that starts now, pending: ``last`` again when it failed unsaved (a retry
    keeps its number and reason), else ``new(next number, reason)``; a reprint without a
    reason raises ``refuse()``. The caller flushes."""
    if last is not None and last.status == PrintStatus.FAILED and last.path is None:
        record = last
    else:
        print_no = 1 if last is None else last.print_no + 1
        reason = (reason or "").strip() or None
        if print_no > 1 and not reason:
            raise refuse()
        record = new(print_no, reason)
        s.add(record)
    record.staff_id, record.printed_at = who.staff.staff_id, now
    record.status, record.error = PrintStatus.PENDING, None
    return record


class PrintLog(ABC, Generic[Row]):
    """How the prints a service keeps end: saved or failed (journaled), then what the printer
    did with the saved PDF. A service names its rows (:meth:`_row`) and what an entry says of
    a print (:meth:`_entry`: what was printed, and where)."""

    db: Database
    journal: Journal
    events: ClassVar[PrintEvents]

    @abstractmethod
    def _row(self, s: Session, ticket: PrintTicket) -> Row: ...

    @abstractmethod
    def _entry(self, ticket: PrintTicket, record: Row) -> tuple[dict[str, object], Where]: ...

    def saved(self, ticket: PrintTicket, path: str) -> None:
        """The PDF is in the output folder: journaled as printed (or reprinted)."""
        self._settle(ticket, PrintStatus.SAVED, path, None)

    def failed(self, ticket: PrintTicket, error: str) -> None:
        """The PDF could not be saved: journaled as a failed print; the next print retries it."""
        self._settle(ticket, PrintStatus.FAILED, None, error)

    def sent(self, ticket: PrintTicket, printer: str, error: str | None = None) -> None:
        """What the printer did with the saved PDF: printed, or failed (the PDF stays saved)."""
        with self.db.write() as s:
            record = self._row(s, ticket)
            record.status = PrintStatus.FAILED if error else PrintStatus.PRINTED
            record.error = error or None
            if isinstance(record, PrintRecord):  # a till document's row keeps no printer
                record.printer = printer

    def _settle(
        self, ticket: PrintTicket, status: PrintStatus, path: str | None, error: str | None
    ) -> None:
        with self.db.write() as s:
            record = self._row(s, ticket)
            record.status, record.path, record.error = status, path, error
            names, where = self._entry(ticket, record)
            payload = {**names, "print_no": record.print_no, "reason": record.reason}
            if status == PrintStatus.FAILED:
                payload["error"] = error
            self.journal.append(s, self.events.of(status, record.print_no), payload, where)
