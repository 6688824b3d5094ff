"""Every printout of the counter: one registry entry a :class:`DocumentKind`.

A new printout is a renderer module and an entry here (and its kind in
:class:`~workstation.domain.prints.DocumentKind`): :mod:`printing.pipeline`
numbers, renders, saves, sends and journals it like every other. A receipt-like
print of one record (a queue ticket) and a report of a day look alike here:
``load`` takes the ref (a record's id, ``T001@2026-11-27``, a date) and returns
the figures from a service; ``file_key`` names the file from the figures.
"""

from __future__ import annotations

from datetime import date

from printing.checklist import render_checklist
from printing.eod import render_branch_summary, render_teller_reconciliation
from printing.incident_report import load_incident, render_incident
from printing.opinion_register import render_opinion_register
from printing.output import Media
from printing.receipt import render_receipt
from printing.registry import Desk, Document, Registry, receipts
from printing.sample_form import SampleForm, render_sample
from printing.staffing_plan import render_staffing_plan
from printing.ticket import render_ticket
from printing.till_slips import render_handover, render_vault_slip
from workstation.domain.clock import local_date
from workstation.domain.prints import DocumentKind
from workstation.services.documents import DocumentRefused, split_teller_day
from workstation.services.opinion_views import OpinionRegister, split_period
from workstation.services.receipt_data import BranchHeader
from workstation.services.staffing_plan import StaffingPlan
from workstation.services.ticket_slips import ticket_slip


def of_day(header: BranchHeader, business_date: str, part: str) -> str:
    """``SH01-20261127-T001``: the branch, the business date, what the document is of."""
    return f"{header.branch_code}-{business_date.replace('-', '')}-{part}"


def opinion_register(desk: Desk, ref: str) -> OpinionRegister:
    """The opinion book of the period ``ref`` (``2026-11-01~2026-11-30``)."""
    try:
        first, last = split_period(ref)
    except ValueError:
        raise DocumentRefused("document.not_found", kind=DocumentKind.OPINIONS, ref=ref) from None
    return desk.opinions.register(first, last, desk.reports.header())


def sample_form(desk: Desk, code: str) -> SampleForm:
    """The business type of transaction code ``code``, with today's sample values."""
    template = desk.templates.by_code(code)
    if template is None:
        raise DocumentRefused("document.not_found", kind=DocumentKind.SAMPLE_FORM, ref=code)
    return SampleForm(template, desk.reports.header(), local_date(desk.clock))


def staffing_plan(desk: Desk, ref: str) -> StaffingPlan:
    """The staffing plan of the date ``ref`` (``2026-11-30``)."""
    try:
        day = date.fromisoformat(ref)
    except ValueError:
        raise DocumentRefused(
            "document.not_found", kind=DocumentKind.STAFFING_PLAN, ref=ref
        ) from None
    return desk.staffing.plan(day)


DOCUMENTS = Registry(
    [
        Document(
            DocumentKind.RECEIPT,
            lambda desk, serial: desk.receipts.receipt(serial),
            render_receipt,
            Media.A5,
            lambda d: d.serial,
            book=receipts,
        ),
        Document(
            DocumentKind.SAMPLE_FORM,
            sample_form,
            render_sample,
            Media.A4,
            lambda d: f"{d.template.code}-{d.template.key}",
            book=None,
        ),
        Document(
            DocumentKind.VAULT_SLIP,
            lambda desk, ref: desk.reports.vault_slip(int(ref)),
            render_vault_slip,
            Media.A5,
            lambda d: of_day(d.header, d.business_date, f"vault{d.transfer_id}"),
        ),
        Document(
            DocumentKind.HANDOVER,
            lambda desk, ref: desk.reports.handover(int(ref)),
            render_handover,
            Media.A4,
            lambda d: of_day(d.header, d.business_date, f"handover{d.handover_id}"),
        ),
        Document(
            DocumentKind.TELLER_DAY,
            lambda desk, ref: desk.reports.teller_day(*split_teller_day(ref)),
            render_teller_reconciliation,
            Media.A4,
            lambda d: of_day(d.header, d.business_date, d.teller.staff_id),
        ),
        Document(
            DocumentKind.BRANCH_DAY,
            lambda desk, ref: desk.reports.branch_day(date.fromisoformat(ref)),
            render_branch_summary,
            Media.A4,
            lambda d: of_day(d.header, d.business_date, "branch"),
        ),
        Document(
            DocumentKind.TICKET,
            lambda desk, ref: ticket_slip(desk.queue, desk.reports, int(ref)),
            render_ticket,
            Media.ROLL_80,
            lambda d: of_day(d.header, d.business_date, d.label),
        ),
        Document(
            DocumentKind.INCIDENT,
            load_incident,
            render_incident,
            Media.A4,
            lambda d: (
                f"{d.header.branch_code}-{d.incident.started.at.astimezone(d.zone):%Y%m%d}"
                f"-{d.incident.id}"
            ),
            book=None,
        ),
        Document(  # anyone who does the checklist prints it: not numbered, as a sample form
            DocumentKind.CHECKLIST,
            lambda desk, ref: desk.checklists.record(
                date.fromisoformat(ref), desk.reports.header()
            ),
            render_checklist,
            Media.A4,
            lambda d: f"{d.header.branch_code}-{d.business_date.replace('-', '')}",
            book=None,
        ),
        Document(
            DocumentKind.OPINIONS,
            opinion_register,
            render_opinion_register,
            Media.A4,
            lambda d: f"{d.header.branch_code}-{d.first:%Y%m%d}-{d.last:%Y%m%d}",
        ),
        Document(  # a planning sheet: not numbered, as a sample form
            DocumentKind.STAFFING_PLAN,
            staffing_plan,
            render_staffing_plan,
            Media.A4,
            lambda d: f"{d.header.branch_code}-{d.day:%Y%m%d}",
            book=None,
        ),
    ]
)
"""The counter's printouts, by kind: figures, renderer, paper, file name (and book)."""
