"""The ratings table: one row per finished ticket, asked by the counter's pad.

Finishing a ticket adds the row (``asked``) in the finish's own transaction;
the pad answers it (``answered``) or lets it time out (``unrated``, 未评价).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workstation.db.base import Base, one_of
from workstation.domain.rating import RatingStatus

LEVEL = "BETWEEN 1 AND 5"


def _level(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} IS NULL OR {column} {LEVEL}", name=column)


class Rating(Base):
    __tablename__ = "ratings"
    __table_args__ = (
        CheckConstraint(one_of("status", RatingStatus), name="status"),
        _level("level"),
        _level("attitude"),
        _level("efficiency"),
        _level("quality"),
        Index("ix_ratings_pad", "branch_code", "counter", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), unique=True)
    counter: Mapped[str] = mapped_column(String(2))
    teller: Mapped[str | None] = mapped_column(String(16))
    asked_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    """When the customer answered, or when the request was recorded 未评价."""
    status: Mapped[str] = mapped_column(String(12))
    level: Mapped[int | None]
    """1 非常满意 … 5 非常不满意; None: 未评价."""
    attitude: Mapped[int | None]
    efficiency: Mapped[int | None]
    quality: Mapped[int | None]
    reasons: Mapped[str] = mapped_column(Text, default="[]")
    """JSON list of :class:`~workstation.domain.rating.Reason` values."""
    late: Mapped[bool] = mapped_column(default=False)
    """Answered after the counter had called a newer ticket: the customer may have left."""
