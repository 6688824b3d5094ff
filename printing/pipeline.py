"""The one way to print: number → load → render → save → send → record what came of it.

Blocking: run it in a worker. Every kind of document goes the same way, by its
entry in the registry (:mod:`printing.documents`):

1. its book (a service) numbers the print: a reprint needs a reason, a print
   whose PDF could not be saved is retried under its number (not a reprint);
2. its figures are loaded from a service and carry the print's number;
3. it is rendered in the chosen font and saved atomically in the output folder.
   A PDF that cannot be saved (folder missing or read-only, disk full) is
   recorded and journaled as a failed print and raises
   :class:`~printing.output.SaveFailed`; otherwise it is journaled as printed;
4. if a printer is configured it is sent there on the entry's paper; a printer
   that fails leaves the PDF saved and the error goes back to the teller, who
   can send it again (:func:`send_again`). The book keeps what the printer did.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from printing.documents import DOCUMENTS
from printing.fonts import choose_font
from printing.output import Media, PrintFailed, pdf_name, save_failed, save_pdf, send_to_printer
from printing.registry import Desk, Registry
from workstation.domain.errors import os_reason
from workstation.domain.i18n import Msg
from workstation.domain.prints import PrintTicket
from workstation.services.auth import SignedIn

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintOutcome:
    """A saved PDF and what the printer (if any) did with it."""

    kind: str
    path: Path
    media: Media
    ticket: PrintTicket | None
    """The numbered print; ``None`` for a document that is not numbered (a sample form)."""
    printer: str | None = None
    """The printer it was sent to, if one is configured."""
    error: Msg | None = None
    """The printer's refusal; the PDF stays at ``path``."""
    font_warning: Msg | None = None

    @property
    def printed(self) -> bool:
        return self.printer is not None and self.error is None

    @property
    def print_no(self) -> int:
        return 1 if self.ticket is None else self.ticket.print_no


def print_document(
    desk: Desk,
    who: SignedIn,
    kind: str,
    ref: str,
    reason: str | None = None,
    registry: Registry = DOCUMENTS,
) -> PrintOutcome:
    """Print (or reprint, with a reason) document ``ref`` of ``kind``; the PDF is saved first.

    A PDF that cannot be saved is recorded and journaled as a failed print and
    raises :class:`~printing.output.SaveFailed`; printing again retries it.
    """
    entry = registry[kind]
    book = None if entry.book is None else entry.book(desk)
    ticket = None if book is None else book.begin(kind, ref, who, reason)
    data = entry.numbered(entry.load(desk, ref), ticket)
    font = choose_font(desk.config.printing.font)
    pdf = entry.render(data, font)
    folder = desk.config.output.folder
    number = 1 if ticket is None else ticket.print_no
    name = pdf_name(kind, entry.file_key(data), number)
    job = f"kind={kind} ref={ref} no={number}"
    try:
        path = save_pdf(folder, name, pdf)
    except OSError as exc:
        failure = save_failed(folder, name, exc)
        if book is not None and ticket is not None:
            book.failed(ticket, os_reason(exc))
        log.warning("print %s outcome=save_failed folder=%s: %s", job, folder, os_reason(exc))
        raise failure from None
    if book is not None and ticket is not None:
        book.saved(ticket, str(path))
    log.info("print %s outcome=saved path=%s", job, path)
    outcome = PrintOutcome(kind, path, entry.media, ticket, font_warning=font.warning)
    return send_again(desk, outcome, registry)


def send_again(desk: Desk, outcome: PrintOutcome, registry: Registry = DOCUMENTS) -> PrintOutcome:
    """Send a saved PDF to the configured printer (the first time, or after a failure)."""
    printer = desk.config.printing.printer
    if not printer:
        return outcome
    try:
        send_to_printer(outcome.path, printer, outcome.media)
    except PrintFailed as failure:
        error: PrintFailed | None = failure
    else:
        error = None
    book = registry[outcome.kind].book
    if book is not None and outcome.ticket is not None:
        book(desk).sent(outcome.ticket, printer, None if error is None else str(error))
    job = f"kind={outcome.kind} no={outcome.print_no} path={outcome.path} printer={printer}"
    if error is None:
        log.info("print %s outcome=printed", job)
    else:
        log.warning("print %s outcome=printer_failed: %s", job, error.msg.params.get("reason"))
    return replace(outcome, printer=printer, error=None if error is None else error.msg)
