"""Print jobs for the till documents. Blocking: run in a worker.

Each print is counted first (a reprint needs a reason and is marked), then
rendered from the figures as they stand in the database, saved, and sent to
the printer if one is configured.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from printing.eod import render_branch_summary, render_teller_reconciliation
from printing.jobs import FORM_MEDIA, PrintOutcome, font_for
from printing.output import (
    PrintFailed,
    pdf_name,
    save_failed,
    save_pdf,
    send_to_printer,
)
from printing.till_slips import render_handover, render_vault_slip
from workstation.domain.errors import os_reason
from workstation.services.auth import SignedIn
from workstation.services.documents import split_teller_day


def _data(station, kind: str, ref: str):
    reports = station.reports
    if kind == "vault_slip":
        return reports.vault_slip(int(ref))
    if kind == "handover":
        return reports.handover(int(ref))
    if kind == "teller_day":
        teller_id, day = split_teller_day(ref)
        return reports.teller_day(teller_id, day)
    return reports.branch_day(date.fromisoformat(ref))


RENDERERS: dict[str, Callable] = {
    "vault_slip": render_vault_slip,
    "handover": render_handover,
    "teller_day": render_teller_reconciliation,
    "branch_day": render_branch_summary,
}


def file_key(station, kind: str, ref: str, business_date: str) -> str:
    """``SH01-20261127-T001`` for a reconciliation, ``SH01-20261127-vault3`` for a slip, ..."""
    which = {"vault_slip": f"vault{ref}", "handover": f"handover{ref}", "branch_day": "branch"}
    part = which.get(kind) or split_teller_day(ref)[0]
    return f"{station.branch.code}-{business_date.replace('-', '')}-{part}"


MEDIA = {"vault_slip": "A5", "handover": "A4", "teller_day": "A4", "branch_day": "A4"}


def print_document(
    station, who: SignedIn, kind: str, ref: str, reason: str | None = None
) -> PrintOutcome:
    """Print (or reprint, with a reason) a till document; the PDF is always saved first.

    A PDF that cannot be saved is recorded and journaled as a failed print and
    raises :class:`~printing.output.SaveFailed`; printing again retries it.
    """
    print_no = station.documents.record(kind, ref, who, reason)
    data = dataclasses.replace(
        _data(station, kind, ref), print_no=print_no, reprint_reason=(reason or "").strip() or None
    )
    font = font_for(station)
    pdf = RENDERERS[kind](data, font)
    name = pdf_name(kind, file_key(station, kind, ref, data.business_date), print_no)
    try:
        path = save_pdf(station.config.output.folder, name, pdf)
    except OSError as exc:
        failure = save_failed(station.config.output.folder, name, exc)
        station.documents.failed(kind, ref, print_no, os_reason(exc))
        raise failure from None
    station.documents.saved(kind, ref, print_no, str(path))
    printer = station.config.printing.printer
    if not printer:
        return PrintOutcome(path, None, None, font.warning, None, print_no)
    try:
        send_to_printer(path, printer, MEDIA.get(kind, FORM_MEDIA))
    except PrintFailed as failure:
        return PrintOutcome(path, printer, failure.msg, font.warning, None, print_no)
    return PrintOutcome(path, printer, None, font.warning, None, print_no)
