"""Tills: shifts at a counter with their counted cash, vault transfers and handovers.

A shift is one teller's time with one counter's cash box on one business
date. It opens with a count, may hand the box over to another teller (who
counts again and opens the next shift), and closes with a count; the
difference from what the box should hold is recorded, never absorbed.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workstation.db.base import Base, one_of
from workstation.domain.flows import VaultDirection
from workstation.domain.statuses import ShiftStatus


class Shift(Base):
    __tablename__ = "shifts"
    __table_args__ = (
        CheckConstraint(one_of("status", ShiftStatus), name="status"),
        Index("ix_shifts_day_counter", "branch_code", "business_date", "counter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    counter: Mapped[str] = mapped_column(String(2))
    business_date: Mapped[date]
    teller_id: Mapped[str] = mapped_column(ForeignKey("staff.staff_id"), index=True)
    opened_at: Mapped[datetime]
    opening: Mapped[str] = mapped_column(Text)
    """The count at opening, by denomination, as JSON."""
    opening_fen: Mapped[int] = mapped_column(BigInteger)
    opening_difference_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    """Counted at opening less what the box held when it last closed."""
    opening_approved_by: Mapped[str | None] = mapped_column(String(16))
    opening_reason: Mapped[str | None] = mapped_column(String(200))
    """Why the count differs from the last close (asked whenever it does)."""
    previous_shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"))
    """The shift that handed this box over, if any."""
    status: Mapped[str] = mapped_column(String(12), default=ShiftStatus.OPEN.value)
    ended_at: Mapped[datetime | None]
    closing: Mapped[str | None] = mapped_column(Text)
    closing_fen: Mapped[int | None] = mapped_column(BigInteger)
    expected_fen: Mapped[int | None] = mapped_column(BigInteger)
    """What the box should have held at the end: opening plus every movement."""
    variance_fen: Mapped[int | None] = mapped_column(BigInteger)
    """Counted less expected at the end: over (长款) > 0, short (短款) < 0."""
    variance_reason: Mapped[str | None] = mapped_column(String(200))
    signed_off_by: Mapped[str | None] = mapped_column(String(16))


class VaultTransfer(Base):
    """Cash between a till and the vault, by denomination, confirmed by a vault officer."""

    __tablename__ = "vault_transfers"
    __table_args__ = (CheckConstraint(one_of("direction", VaultDirection), name="direction"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), index=True)
    direction: Mapped[str] = mapped_column(String(10))
    """from_vault (请领, into the till) or to_vault (上缴, out of it)."""
    count: Mapped[str] = mapped_column(Text)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    officer_id: Mapped[str] = mapped_column(ForeignKey("staff.staff_id"))
    at: Mapped[datetime]


class Handover(Base):
    """A box passing from one teller to another mid-day (交接班)."""

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"))
    to_shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"))
    outgoing_count: Mapped[str] = mapped_column(Text)
    incoming_count: Mapped[str] = mapped_column(Text)
    expected_fen: Mapped[int] = mapped_column(BigInteger)
    difference_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    """The incoming count less the outgoing count."""
    items: Mapped[str] = mapped_column(Text)
    """What passes with the box besides cash: free lines, as JSON."""
    approved_by: Mapped[str | None] = mapped_column(String(16))
    at: Mapped[datetime]


class DocumentPrint(Base):
    """Each print of a till document (vault slip, handover record, reconciliation, summary)."""

    __tablename__ = "document_prints"
    __table_args__ = (Index("ix_document_prints_kind_ref", "kind", "ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    """vault_slip, handover, teller_day or branch_day."""
    ref: Mapped[str] = mapped_column(String(40))
    """What was printed: a transfer or handover number, ``T001@2026-11-27``, a date."""
    print_no: Mapped[int]
    reason: Mapped[str | None] = mapped_column(String(200))
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.staff_id"))
    printed_at: Mapped[datetime]
    path: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(10), server_default="saved")
    """pending, saved (PDF in the folder) or failed (not saved: the next print retries it)."""
    error: Mapped[str | None] = mapped_column(String(500))
