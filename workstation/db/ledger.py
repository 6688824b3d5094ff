"""The ledger: business days, postings with their serials, cash movements and overrides.

Postings are never deleted or edited except to mark one reversed; a reversal
is a posting of its own that names the original.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ColumnElement,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    and_,
    exists,
    or_,
)
from sqlalchemy.orm import Mapped, mapped_column

from workstation.db.base import Base, one_of
from workstation.domain.flows import Direction
from workstation.domain.prints import PrintStatus
from workstation.domain.statuses import OverrideMode, PostingStatus, RequestStatus


class BusinessDay(Base):
    """A branch's business date (营业日), opened and later closed."""

    __tablename__ = "business_days"

    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"), primary_key=True)
    business_date: Mapped[date] = mapped_column(primary_key=True)
    opened_at: Mapped[datetime]
    opened_by: Mapped[str | None] = mapped_column(String(16))
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(16))
    opening_reason: Mapped[str | None] = mapped_column(String(200))
    """Why a supervisor opened the date ahead of the calendar (None: the calendar opened it)."""


class SerialCounter(Base):
    """The last sequence number used at a counter on a business date; locked to take the next."""

    __tablename__ = "serial_counters"

    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"), primary_key=True)
    business_date: Mapped[date] = mapped_column(primary_key=True)
    counter: Mapped[str] = mapped_column(String(2), primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)


class Posting(Base):
    __tablename__ = "postings"
    __table_args__ = (
        CheckConstraint(one_of("direction", Direction), name="direction"),
        CheckConstraint(one_of("status", PostingStatus), name="status"),
        UniqueConstraint("branch_code", "business_date", "counter", "seq"),
        Index("ix_postings_day_customer", "branch_code", "business_date", "customer_id_number"),
        Index("ix_postings_day_insured", "branch_code", "business_date", "insured_id_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(24), unique=True)
    """``SH01-20261127-01-00001``: branch, business date, counter, sequence."""
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    business_date: Mapped[date]
    counter: Mapped[str] = mapped_column(String(2))
    seq: Mapped[int]
    template_code: Mapped[str] = mapped_column(String(4))
    template_key: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(16))
    policy_no: Mapped[str | None] = mapped_column(String(16), index=True)
    customer_id_number: Mapped[str | None] = mapped_column(String(18))
    """The policyholder, or the applicant when there is no policy."""
    customer_name: Mapped[str | None] = mapped_column(String(50))
    applicant_id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    insured_id_number: Mapped[str | None] = mapped_column(String(18))
    direction: Mapped[str] = mapped_column(String(4))
    method: Mapped[str | None] = mapped_column(String(12))
    amount_fen: Mapped[int | None] = mapped_column(BigInteger)
    by_agent: Mapped[bool] = mapped_column(default=False)
    submission: Mapped[str] = mapped_column(Text)
    """The submission as JSON: each field's value and how it reads in both languages."""
    documents: Mapped[str] = mapped_column(Text)
    findings: Mapped[str] = mapped_column(Text)
    """The risk findings at posting, with the acknowledgements, as JSON."""
    large_cash_report: Mapped[bool] = mapped_column(default=False)
    teller_id: Mapped[str] = mapped_column(ForeignKey("staff.staff_id"), index=True)
    sign_on_id: Mapped[int | None] = mapped_column(ForeignKey("sign_ons.id"))
    posted_at: Mapped[datetime]
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    content_digest: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default=PostingStatus.POSTED.value)
    """posted; reversed (a later reversal undid it); reversal (this undoes another)."""
    reversal_of: Mapped[int | None] = mapped_column(ForeignKey("postings.id"), unique=True)
    reason: Mapped[str | None] = mapped_column(String(200))
    """Why a reversal was made."""
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    tendered_fen: Mapped[int | None] = mapped_column(BigInteger)
    """Cash the customer handed over; with ``change_fen`` given back, only the net is booked."""
    change_fen: Mapped[int | None] = mapped_column(BigInteger)
    effect: Mapped[str | None] = mapped_column(Text)
    """What the posting did to its policy, as JSON (``services.effects``); NULL for none."""
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    """The queue ticket being served at the counter when it was posted, if any."""


class CashMovement(Base):
    """Cash into (+) or out of (−) a teller's box, in fen."""

    __tablename__ = "cash_movements"
    __table_args__ = (
        Index("ix_cash_movements_day_teller", "branch_code", "business_date", "teller_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    business_date: Mapped[date]
    counter: Mapped[str] = mapped_column(String(2))
    teller_id: Mapped[str] = mapped_column(ForeignKey("staff.staff_id"))
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("postings.id"))
    kind: Mapped[str] = mapped_column(String(16))
    """posting, reversal, vault_in (请领), vault_out (上缴), or variance (长款/短款)."""
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)


class OverrideRequest(Base):
    """A teller's request for a supervisor's approval from another workstation."""

    __tablename__ = "override_requests"
    __table_args__ = (
        CheckConstraint(one_of("status", RequestStatus), name="status"),
        Index("ix_override_requests_branch_status", "branch_code", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    counter: Mapped[str] = mapped_column(String(2))
    teller_id: Mapped[str] = mapped_column(ForeignKey("staff.staff_id"))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    content_digest: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(12))
    """posting or reversal."""
    level_required: Mapped[int]
    context: Mapped[str] = mapped_column(Text)
    """Everything the supervisor needs to decide, as JSON (both languages)."""
    status: Mapped[str] = mapped_column(String(10), default=RequestStatus.PENDING.value)
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(16))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    reason_text: Mapped[str | None] = mapped_column(String(200))


class Override(Base):
    """A supervisor's approval, bound to one submission (its key and content digest)."""

    __tablename__ = "overrides"
    __table_args__ = (CheckConstraint(one_of("mode", OverrideMode), name="mode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    idempotency_key: Mapped[str] = mapped_column(String(64), index=True)
    content_digest: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(12))
    level_required: Mapped[int]
    approver_id: Mapped[str] = mapped_column(ForeignKey("staff.staff_id"))
    approver_level: Mapped[int]
    teller_id: Mapped[str] = mapped_column(ForeignKey("staff.staff_id"))
    mode: Mapped[str] = mapped_column(String(6))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("override_requests.id"))
    reason_code: Mapped[str] = mapped_column(String(32))
    reason_text: Mapped[str | None] = mapped_column(String(200))
    evidence: Mapped[str] = mapped_column(Text)
    """Findings, documents ticked and the ID check result, as JSON."""
    decided_at: Mapped[datetime]
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("postings.id"), index=True)
    """Indexed: the day's reconciliation joins every posting to its approvals."""


class PrintRecord(Base):
    """Every print of a receipt: the first, and each reprint with its reason."""

    __tablename__ = "prints"
    __table_args__ = (UniqueConstraint("posting_id", "print_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id"), index=True)
    print_no: Mapped[int]
    """1 for the first print; 2 for the first reprint, and so on."""
    reason: Mapped[str | None] = mapped_column(String(200))
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.staff_id"))
    counter: Mapped[str] = mapped_column(String(2))
    printed_at: Mapped[datetime]
    path: Mapped[str | None] = mapped_column(String(500))
    printer: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10), default=PrintStatus.PENDING.value)
    """pending, saved (PDF in the folder), printed (sent to the printer), failed."""
    error: Mapped[str | None] = mapped_column(String(500))


def receipt_pending() -> ColumnElement[bool]:
    """A posting whose receipt is still to print: no print of it yet, or only prints whose
    PDF could not be saved (the next print retries them, with no reason asked). One
    definition for the posted screen, the till's before-close list and the supervisor's
    board; a PDF the printer refused is saved, so it is not pending."""
    saved = and_(
        PrintRecord.posting_id == Posting.id,
        or_(PrintRecord.status != PrintStatus.FAILED, PrintRecord.path.is_not(None)),
    )
    return ~exists().where(saved)
