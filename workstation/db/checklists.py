"""The day's checklists: one row per business date, checklist and item; one row per opening.

An item's row is written when it is first ticked and keeps who changed it last
and when (the journal keeps every change). A business date's ``branch_openings``
row is what lets the lobby issue tickets and the windows open: written when
every opening item was done, or by a supervisor's override with its reason.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from workstation.db.base import Base, one_of
from workstation.domain.checklist import ChecklistKind, OpeningMode


class ChecklistTick(Base):
    __tablename__ = "checklist_ticks"
    __table_args__ = (CheckConstraint(one_of("kind", ChecklistKind), name="kind"),)

    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"), primary_key=True)
    business_date: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    item: Mapped[str] = mapped_column(String(32), primary_key=True)
    done: Mapped[bool]
    staff: Mapped[str] = mapped_column(String(16))
    """Who ticked (or unticked) it last."""
    at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text)


class BranchOpening(Base):
    """The branch opened for business on ``business_date``: by whom, how, and why."""

    __tablename__ = "branch_openings"
    __table_args__ = (CheckConstraint(one_of("mode", OpeningMode), name="mode"),)

    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"), primary_key=True)
    business_date: Mapped[date] = mapped_column(primary_key=True)
    opened_at: Mapped[datetime]
    opened_by: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(12))
    approver: Mapped[str | None] = mapped_column(String(16))
    """The supervisor who let it open with items outstanding (an override)."""
    approver_level: Mapped[int | None]
    reason: Mapped[str | None] = mapped_column(Text)
    """Why it opened with items outstanding, as the person opening it wrote it."""
    reason_code: Mapped[str | None] = mapped_column(String(32))
    """The supervisor's reason code (``override.reason.*``) and note."""
    note: Mapped[str | None] = mapped_column(Text)
    outstanding: Mapped[str] = mapped_column(Text, default="[]")
    """JSON list of the opening items not done when it opened."""


def branch_opened(s: Session, branch_code: str, day: date) -> bool:
    """Whether the branch has opened on ``day`` (what issuing and opening a window ask)."""
    found = s.scalar(
        select(BranchOpening.opened_at).where(
            BranchOpening.branch_code == branch_code, BranchOpening.business_date == day
        )
    )
    return found is not None
