"""The opinion book's table: one row an opinion, its handling on the same row.

Each change (recorded, assigned, responded, called back, closed) is a journal
entry ``opinion.<what>`` written in the change's transaction; the journal is the
item's history, the row its state. The contact is stored masked only.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workstation.db.base import Base, one_of
from workstation.domain.opinion import Channel, OpinionKind, OpinionStatus


class Opinion(Base):
    __tablename__ = "opinions"
    __table_args__ = (
        CheckConstraint(one_of("channel", Channel), name="channel"),
        CheckConstraint(one_of("kind", OpinionKind), name="kind"),
        CheckConstraint(one_of("status", OpinionStatus), name="status"),
        Index("ix_opinions_due", "branch_code", "status", "due_date"),
        Index("ix_opinions_day", "branch_code", "business_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    recorded_at: Mapped[datetime]
    business_date: Mapped[date]
    channel: Mapped[str] = mapped_column(String(12))
    kind: Mapped[str] = mapped_column(String(12))
    content: Mapped[str] = mapped_column(Text)
    contact_masked: Mapped[str] = mapped_column(String(64), default="")
    """``138****8000``: the customer's contact as it may be shown; the clear value is not kept."""
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    teller: Mapped[str | None] = mapped_column(String(16))
    counter: Mapped[str | None] = mapped_column(String(2))
    owner: Mapped[str | None] = mapped_column(ForeignKey("staff.staff_id"))
    due_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(12))
    response: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None]
    callback_result: Mapped[str | None] = mapped_column(Text)
    """回访: what the customer said when called back."""
    called_back_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    recorded_by: Mapped[str | None] = mapped_column(String(16))
    """Who wrote it in the book; None: opened by a poor rating on the counter's pad."""
    rating_id: Mapped[int | None] = mapped_column(ForeignKey("ratings.id"), unique=True)
    """The 不满意 / 非常不满意 rating this item follows up."""
