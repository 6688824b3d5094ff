"""The rule every numbered print follows, whichever table keeps it.

A receipt's prints (``prints``, one series per posting) and those of the till
documents and reports (``document_prints``, one series per kind and ref) are
numbered, retried and journaled alike: the first print needs no reason, each
reprint one; a print whose PDF could not be saved is tried again under its own
number (no reason asked, not a reprint); a print is journaled when it ends,
saved or failed, and what the printer then did is kept on its row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from workstation.db.ledger import PrintRecord
from workstation.db.tills import DocumentPrint
from workstation.domain.errors import WorkstationError
from workstation.domain.prints import PrintEvents, PrintStatus
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


def settle(
    s: Session,
    journal: Journal,
    record: Row,
    ended: tuple[PrintStatus, str | None, str | None],
    events: PrintEvents,
    names: dict[str, object],
    where: Where,
) -> None:
    """End a print ``(status, path, error)``: saved, or failed (no PDF); journal it with the
    payload ``names`` (what was printed), its number and reason, and the error if any."""
    status, path, error = ended
    record.status, record.path, record.error = status, path, error
    payload = {**names, "print_no": record.print_no, "reason": record.reason}
    if status == PrintStatus.FAILED:
        payload["error"] = error
    journal.append(s, events.of(status, record.print_no), payload, where)


def mark_sent(record: Row, error: str | None) -> None:
    """What the printer did with a saved PDF: took it, or refused (the PDF stays saved)."""
    record.status = PrintStatus.FAILED if error else PrintStatus.PRINTED
    record.error = error or None
