"""What the opinion book shows and prints: one item, and the register of a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from workstation.db.opinions import Opinion
from workstation.domain.opinion import Channel, OpinionKind, OpinionStatus, is_overdue
from workstation.services.receipt_data import BranchHeader, FirstPrint


@dataclass(frozen=True)
class OpinionView:
    id: int
    recorded_at: datetime
    business_date: date
    channel: Channel
    kind: OpinionKind
    content: str
    contact: str
    """Masked: ``138****8000``."""
    ticket_id: int | None
    ticket_label: str | None
    teller: str | None
    counter: str | None
    owner: str | None
    due_date: date | None
    status: OpinionStatus
    response: str | None
    responded_at: datetime | None
    callback_result: str | None
    called_back_at: datetime | None
    closed_at: datetime | None
    recorded_by: str | None
    """None: opened by a poor rating on the counter's pad."""
    rating_id: int | None
    overdue: bool
    """Not closed and past its due date, on the day it was read."""
    closed_on_time: bool | None
    """Closed by its due date (or with none); None while open."""


def view(row: Opinion, today: date, zone: tzinfo, ticket_label: str | None = None) -> OpinionView:
    status = OpinionStatus(row.status)
    on_time = None
    if row.closed_at is not None:
        closed_on = row.closed_at.astimezone(zone).date()
        on_time = row.due_date is None or closed_on <= row.due_date
    return OpinionView(
        id=row.id, recorded_at=row.recorded_at, business_date=row.business_date,
        channel=Channel(row.channel), kind=OpinionKind(row.kind), content=row.content,
        contact=row.contact_masked, ticket_id=row.ticket_id, ticket_label=ticket_label,
        teller=row.teller, counter=row.counter, owner=row.owner, due_date=row.due_date,
        status=status, response=row.response, responded_at=row.responded_at,
        callback_result=row.callback_result, called_back_at=row.called_back_at,
        closed_at=row.closed_at, recorded_by=row.recorded_by, rating_id=row.rating_id,
        overdue=is_overdue(status, row.due_date, today), closed_on_time=on_time,
    )  # fmt: skip


@dataclass(frozen=True)
class OpinionRegister(FirstPrint):
    """意见簿登记表: the opinions recorded from ``first`` to ``last``, as they stand on
    ``as_of``, with the figures of the period."""

    header: BranchHeader
    first: date
    last: date
    as_of: date
    items: tuple[OpinionView, ...]

    def count(self, kind: OpinionKind | None = None) -> int:
        return sum(1 for item in self.items if kind is None or item.kind is kind)

    @property
    def closed(self) -> int:
        return sum(1 for item in self.items if item.status is OpinionStatus.CLOSED)

    @property
    def closed_on_time(self) -> int:
        return sum(1 for item in self.items if item.closed_on_time)

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)

    @property
    def follow_ups(self) -> int:
        """Opened by a 不满意 / 非常不满意 rating."""
        return sum(1 for item in self.items if item.rating_id is not None)


def period_ref(first: date, last: date) -> str:
    """The register's print ref: ``2026-11-01~2026-11-30``."""
    return f"{first.isoformat()}~{last.isoformat()}"


def split_period(ref: str) -> tuple[date, date]:
    """``2026-11-01~2026-11-30`` → its two dates (ValueError when it is not that)."""
    first, sep, last = ref.partition("~")
    if not sep:
        raise ValueError(f"not a period: {ref!r}")
    return date.fromisoformat(first), date.fromisoformat(last)
