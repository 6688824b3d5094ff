"""Prints: what kinds of paper the counter makes, and where one print stands.

The values of :class:`DocumentKind`, :class:`PrintStatus` and the journal's
event names are stored (``document_prints.kind``, ``prints.status``, journal
payloads) and name the PDF files: existing journals and the audit read them,
so a value never changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DocumentKind(StrEnum):
    """Every printout, once. ``printing.documents`` has one entry for each."""

    RECEIPT = "receipt"
    """业务回单: a posting's receipt, customer and counter copies; numbered per posting."""
    SAMPLE_FORM = "sample"
    """填写范例: a business type's blank and sample filled form; not numbered."""
    VAULT_SLIP = "vault_slip"
    """现金请领单 / 现金上缴单: a vault transfer; ``ref`` is the transfer's id."""
    HANDOVER = "handover"
    """交接班记录: a shift handover; ``ref`` is the handover's id."""
    TELLER_DAY = "teller_day"
    """柜员日终轧账表: ``ref`` is ``T001@2026-11-27``."""
    BRANCH_DAY = "branch_day"
    """网点营业日汇总表: ``ref`` is the business date."""
    TICKET = "ticket"
    """排队号票: a queue ticket, 80 mm roll; ``ref`` is the ticket's id."""
    INCIDENT = "incident"
    """应急处置记录: a service incident's report; ``ref`` is the incident's id; not numbered."""
    CHECKLIST = "checklist"
    """营业前准备及营业终了检查记录: ``ref`` is the business date."""
    OPINIONS = "opinions"
    """意见簿登记表: the opinion book of a period; ``ref`` is ``2026-11-01~2026-11-30``."""
    STAFFING_PLAN = "staffing_plan"
    """排班建议: a date's windows needed and rostered by hour; ``ref`` is the date; not numbered."""


class PrintStatus(StrEnum):
    PENDING = "pending"
    """Begun: numbered, not yet saved (or the program stopped before it was)."""
    SAVED = "saved"
    """The PDF is in the output folder."""
    PRINTED = "printed"
    """The PDF is saved and the printer took it."""
    FAILED = "failed"
    """Not saved (no path: the next print is a retry, not a reprint), or the printer refused."""


@dataclass(frozen=True)
class PrintTicket:
    """One print begun (numbered, pending) by the service that keeps that kind's prints."""

    kind: str
    ref: str
    print_id: int
    """The row of the print in its service's table."""
    print_no: int
    """1 for the first print; n > 1 for the (n-1)th reprint. A retry keeps its number."""
    reason: str | None

    @property
    def reprint_reason(self) -> str | None:
        """What the paper says of this print: a reprint's reason (a first print has none)."""
        return self.reason if self.print_no > 1 else None


@dataclass(frozen=True)
class PrintEvents:
    """The journal's names for how the prints of one book ended."""

    printed: str
    reprinted: str
    failed: str

    def of(self, status: PrintStatus, print_no: int) -> str:
        """The entry for a print that ended ``status`` (saved or failed)."""
        if status == PrintStatus.FAILED:
            return self.failed
        return self.reprinted if print_no > 1 else self.printed

    @property
    def names(self) -> tuple[str, str, str]:
        return self.printed, self.reprinted, self.failed


RECEIPT_EVENTS = PrintEvents("receipt_printed", "receipt_reprinted", "receipt_print_failed")
DOCUMENT_EVENTS = PrintEvents("document_printed", "document_reprinted", "document_print_failed")
