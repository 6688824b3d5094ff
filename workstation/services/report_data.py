"""What the end-of-day and till printouts say, as plain data: printing lays it out.

Amounts are Decimal yuan; counts are by denomination (fen value → pieces).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from workstation.domain.cash import Count
from workstation.services.receipt_data import Bilingual, BranchHeader, FirstPrint


@dataclass(frozen=True)
class Person:
    name: str
    staff_id: str


@dataclass(frozen=True)
class VaultSlipData(FirstPrint):
    header: BranchHeader
    transfer_id: int
    business_date: str
    at: str
    direction: Bilingual
    """请领 from the vault / 上缴 to the vault."""
    count: Count
    teller: Person
    officer: Person


@dataclass(frozen=True)
class HandoverData(FirstPrint):
    header: BranchHeader
    handover_id: int
    business_date: str
    at: str
    outgoing: Person
    incoming: Person
    outgoing_count: Count
    incoming_count: Count
    expected: Decimal
    """What the box should have held when it changed hands."""
    difference: Decimal
    """Incoming count less outgoing count."""
    outgoing_variance: Decimal
    """Outgoing count less expected (over > 0, short < 0)."""
    items: tuple[str, ...]
    approved_by: Person | None


@dataclass(frozen=True)
class BusinessLine:
    """One business type's postings in a day (reversed postings and reversals excluded)."""

    code: str
    name: Bilingual
    count: int
    cash_in: Decimal
    cash_out: Decimal
    other_in: Decimal
    """Money in by card or transfer."""
    other_out: Decimal


@dataclass(frozen=True)
class ReversalLine:
    serial: str
    original: str
    business: Bilingual
    amount: Decimal | None
    reason: str
    teller_id: str


@dataclass(frozen=True)
class ApprovalSummary:
    serial: str
    business: Bilingual
    amount: Decimal | None
    approver: Person
    level: int
    mode: Bilingual


@dataclass(frozen=True)
class ReprintLine:
    serial: str
    print_no: int
    reason: str
    staff_id: str


@dataclass(frozen=True)
class TransferLine:
    at: str
    direction: Bilingual
    amount: Decimal
    officer: Person


@dataclass(frozen=True)
class VaultLine:
    """One transfer between a counter's till and the vault, for the branch summary."""

    at: str
    counter: str
    teller: Person
    direction: Bilingual
    amount: Decimal
    """Into the vault (上缴) > 0, out of it (请领) < 0."""
    officer: Person


@dataclass(frozen=True)
class HandoverLine:
    at: str
    outgoing: Person
    incoming: Person
    amount: Decimal
    """The count that changed hands."""
    difference: Decimal


@dataclass(frozen=True)
class TellerReconciliationData(FirstPrint):
    """日终轧账表: one teller's business date at one counter."""

    header: BranchHeader
    business_date: str
    teller: Person
    businesses: tuple[BusinessLine, ...]
    reversals: tuple[ReversalLine, ...]
    approvals: tuple[ApprovalSummary, ...]
    reprints: tuple[ReprintLine, ...]
    transfers: tuple[TransferLine, ...]
    handovers: tuple[HandoverLine, ...]
    opening: Decimal
    """The first shift's opening count."""
    cash_in: Decimal
    cash_out: Decimal
    vault_in: Decimal
    vault_out: Decimal
    expected: Decimal
    counted: Decimal | None
    """None while the till is still open."""
    variance: Decimal | None
    """Over (长款) > 0, short (短款) < 0."""
    variance_reason: str | None
    signed_off_by: Person | None
    closing_count: Count | None
    status: str | None = None
    """The teller's last shift of the day: open, handed_over or closed (None: by ``counted``)."""


@dataclass(frozen=True)
class TellerTotal:
    teller: Person
    postings: int
    cash_in: Decimal
    cash_out: Decimal
    other_in: Decimal
    other_out: Decimal
    variance: Decimal


@dataclass(frozen=True)
class LargeCashLine:
    serial: str
    customer: str
    """Name and masked ID."""
    business: Bilingual
    amount: Decimal
    direction: Bilingual
    teller_id: str


@dataclass(frozen=True)
class VarianceLine:
    kind: Bilingual
    """开班差异 opening / 交接差异 handover / 日终长短款 close."""
    teller: Person
    counter: str
    amount: Decimal
    reason: str | None
    approved_by: Person | None


@dataclass(frozen=True)
class BranchSummaryData(FirstPrint):
    header: BranchHeader
    business_date: str
    closed_at: str | None
    closed_by: Person | None
    tellers: tuple[TellerTotal, ...]
    businesses: tuple[BusinessLine, ...]
    large_cash: tuple[LargeCashLine, ...]
    variances: tuple[VarianceLine, ...]
    journal_anchor: str | None = None
    """``SEQ:HASH`` of the journal entry that closed the day; none while it is open."""
    vault: tuple[VaultLine, ...] = ()
    """The day's transfers between the tills and the vault, in time order."""
