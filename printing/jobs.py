"""Print jobs: prepare, render, save the PDF, send it to the printer. Blocking: run in a worker.

The PDF is always saved first; a printer that fails leaves it in the output
folder and the error goes back to the teller, who can send it again. A PDF
that cannot be saved (folder missing or read-only, disk full) is a failed
print: recorded and journaled as such, and the next print retries it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from forms.schema import Template
from printing.fonts import FontChoice, choose_font
from printing.output import (
    PrintFailed,
    pdf_name,
    save_failed,
    save_pdf,
    send_to_printer,
)
from printing.receipt import render_receipt
from printing.sample_form import render_sample_form
from workstation.domain.errors import os_reason
from workstation.domain.i18n import Msg
from workstation.services.auth import SignedIn
from workstation.services.receipt_data import Bilingual, BranchHeader

RECEIPT_MEDIA = "A5"
FORM_MEDIA = "A4"


@dataclass(frozen=True)
class PrintOutcome:
    path: Path
    printer: str | None
    """The printer it was sent to, if one is configured."""
    error: Msg | None = None
    """The printer's refusal; the PDF stays at ``path``."""
    font_warning: Msg | None = None
    print_id: int | None = None
    print_no: int = 1

    @property
    def printed(self) -> bool:
        return self.printer is not None and self.error is None


def font_for(station) -> FontChoice:
    return choose_font(station.config.printing.font)


def print_receipt(station, who: SignedIn, serial: str, reason: str | None = None) -> PrintOutcome:
    """Print (or reprint, with a reason) a posting's receipt: customer and counter copies.

    A PDF that cannot be saved is recorded and journaled as a failed print and
    raises :class:`~printing.output.SaveFailed`; printing again retries it (not a reprint).
    """
    prepared = station.receipts.prepare(serial, who, reason)
    font = font_for(station)
    pdf = render_receipt(prepared.data, font)
    name = pdf_name("receipt", serial, prepared.data.print_no)
    try:
        path = save_pdf(station.config.output.folder, name, pdf)
    except OSError as exc:
        failure = save_failed(station.config.output.folder, name, exc)
        station.receipts.failed(prepared.print_id, os_reason(exc))
        raise failure from None
    station.receipts.saved(prepared.print_id, str(path))
    outcome = PrintOutcome(
        path, None, None, font.warning, prepared.print_id, prepared.data.print_no
    )
    return send_again(station, outcome)


def send_again(station, outcome: PrintOutcome) -> PrintOutcome:
    """Send a saved PDF to the configured printer (first time, or after a failure)."""
    printer = station.config.printing.printer
    if not printer:
        return outcome
    media = FORM_MEDIA if outcome.print_id is None else RECEIPT_MEDIA
    try:
        send_to_printer(outcome.path, printer, media)
    except PrintFailed as failure:
        if outcome.print_id is not None:
            station.receipts.outcome(
                outcome.print_id, "failed", printer=printer, error=str(failure)
            )
        return PrintOutcome(
            outcome.path,
            printer,
            failure.msg,
            outcome.font_warning,
            outcome.print_id,
            outcome.print_no,
        )
    if outcome.print_id is not None:
        station.receipts.outcome(outcome.print_id, "printed", printer=printer)
    return PrintOutcome(
        outcome.path, printer, None, outcome.font_warning, outcome.print_id, outcome.print_no
    )


def print_sample_form(station, template: Template, today: date) -> PrintOutcome:
    """The blank application form and the same form filled with the sample values."""
    font = font_for(station)
    header = BranchHeader(
        station.branch.code, Bilingual(station.branch.name_zh, station.branch.name_en)
    )
    pdf = render_sample_form(template, font, header, today)
    path = save_pdf(
        station.config.output.folder, pdf_name("sample", f"{template.code}-{template.key}"), pdf
    )
    return send_again(station, PrintOutcome(path, None, None, font.warning))
