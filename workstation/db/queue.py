"""The queue's tables: tickets, their events, the windows and the numbering of each day.

A ticket is numbered per service per business date from ``ticket_numbers``
under a row lock (gapless: a rolled-back issue gives its number back). Every
change of a ticket or a window is a ``ticket_events`` row, journaled with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    CompoundSelect,
    ForeignKey,
    Index,
    Select,
    String,
    Text,
    UniqueConstraint,
    bindparam,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from workstation.db.base import Base, one_of
from workstation.db.tills import Shift
from workstation.db.unit import Unit
from workstation.db.upsert import Tally
from workstation.domain.queue import (
    AT_WINDOW,
    PauseReason,
    Priority,
    TicketEventKind,
    TicketStatus,
    WindowState,
)
from workstation.domain.statuses import ShiftStatus


def _where(condition: str) -> dict[str, Any]:
    """A partial index's condition, for both dialects."""
    return {"sqlite_where": text(condition), "postgresql_where": text(condition)}


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint(one_of("status", TicketStatus), name="status"),
        CheckConstraint(one_of("priority", Priority), name="priority"),
        UniqueConstraint("branch_code", "business_date", "service", "number"),
        Index(
            "ix_tickets_queue",
            *("branch_code", "business_date", "status", "service", "priority", "queued_at", "id"),
        ),
        # partial: only a ticket sent to one counter, or called to a window, has an entry
        # (an issued ticket writes neither: migration 0017)
        Index(
            "ix_tickets_for_counter",
            *("for_counter", "branch_code", "business_date", "status", "queued_at", "id"),
            **_where("for_counter IS NOT NULL"),
        ),
        Index(
            "ix_tickets_window", "branch_code", "counter", "status", **_where("counter IS NOT NULL")
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    business_date: Mapped[date]
    service: Mapped[str] = mapped_column(String(32))
    number: Mapped[int]
    label: Mapped[str] = mapped_column(String(8))
    """``A012``: the service's prefix and the number."""
    priority: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12))
    arrived_at: Mapped[datetime]
    """The customer's arrival: a transfer's child keeps its parent's."""
    queued_at: Mapped[datetime]
    """Where it stands in the queue: arrival, or the reinstate time of a reinstated no-show."""
    issued_by: Mapped[str] = mapped_column(ForeignKey("staff.staff_id"))
    issued_counter: Mapped[str | None] = mapped_column(String(2))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    for_counter: Mapped[str | None] = mapped_column(String(2))
    """A transfer to one counter: only that counter calls it."""
    counter: Mapped[str | None] = mapped_column(String(2))
    """The window it was last called to."""
    teller: Mapped[str | None] = mapped_column(String(16))
    calls: Mapped[int] = mapped_column(default=0)
    called_at: Mapped[datetime | None]
    """The latest call (or recall)."""
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    triage_error: Mapped[bool] = mapped_column(default=False)
    """Sent back to the lobby: the issuing lobby staff chose the wrong service."""


class TicketEvent(Base):
    __tablename__ = "ticket_events"
    __table_args__ = (
        CheckConstraint(one_of("kind", TicketEventKind), name="kind"),
        Index("ix_ticket_events_kind", "kind", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    """None for a window's event."""
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    counter: Mapped[str | None] = mapped_column(String(2))
    staff: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="{}")
    """JSON: what else the event says (a pause's reason, a transfer's target …)."""


class QueueWindow(Base):
    __tablename__ = "queue_windows"
    __table_args__ = (
        CheckConstraint(one_of("state", WindowState), name="state"),
        CheckConstraint(f"reason IS NULL OR {one_of('reason', PauseReason)}", name="reason"),
    )

    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"), primary_key=True)
    counter: Mapped[str] = mapped_column(String(2), primary_key=True)
    state: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str | None] = mapped_column(String(12))
    since: Mapped[datetime]
    staff: Mapped[str | None] = mapped_column(String(16))
    priority_run: Mapped[int] = mapped_column(default=0)
    """Priority tickets this window called in a row (the rule caps it)."""
    flexible_zone: Mapped[str | None] = mapped_column(String(32))
    """A flexible window (弹性窗口) opened by a supervisor for this zone: it takes the zone's
    services as primary (services/flexible.py); None: overflow for every service."""
    flexible_by: Mapped[str | None] = mapped_column(String(16))
    flexible_at: Mapped[datetime | None]
    flexible_reason: Mapped[str | None] = mapped_column(Text)


class TicketNumber(Base):
    """The last number given per service per business date (the numbering lock)."""

    __tablename__ = "ticket_numbers"

    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"), primary_key=True)
    business_date: Mapped[date] = mapped_column(primary_key=True)
    service: Mapped[str] = mapped_column(String(32), primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


_NUMBERS = Tally(TicketNumber, "last", ("branch_code", "business_date", "service"))


def next_number(s: Unit, branch: str, day: date, service: str) -> int:
    """The service's next number on ``day``, under a row lock held until the transaction ends
    (every ticket issued asks; see :class:`~workstation.db.upsert.Tally`)."""
    return _NUMBERS.next(s, branch_code=branch, business_date=day, service=service)


def at_window(s: Session, branch: str, counter: str, *, lock: bool = False) -> Ticket | None:
    """The ticket called to or being served at ``counter`` (any day: a window finishes it)."""
    query = select(Ticket).where(
        Ticket.branch_code == branch,
        Ticket.counter == counter,
        Ticket.status.in_([str(status) for status in AT_WINDOW]),
    )
    return s.scalar(query.with_for_update() if lock else query)


_SERVING = (
    select(Ticket.__table__.c.id)
    .where(
        Ticket.__table__.c.branch_code == bindparam("branch"),
        Ticket.__table__.c.counter == bindparam("at_counter"),
        Ticket.__table__.c.status.in_([str(status) for status in AT_WINDOW]),
    )
    .limit(1)
)


def serving_ticket_id(s: Session, branch: str, counter: str) -> int | None:
    """The id of the ticket at ``counter`` now, for a posting to link to (every posting asks:
    one prebuilt statement on the Core connection, no ``Ticket`` loaded)."""
    found = s.connection().scalar(_SERVING, {"branch": branch, "at_counter": counter})
    return None if found is None else int(found)


def has_open_shift(s: Unit, branch: str, counter: str, staff: str, day: date) -> bool:
    """Whether ``staff`` has an open shift at ``counter`` on ``day``: nobody calls without one."""
    found = s.connection().scalar(
        select(Shift.id)
        .where(
            Shift.branch_code == branch,
            Shift.counter == counter,
            Shift.business_date == day,
            Shift.teller_id == staff,
            Shift.status == ShiftStatus.OPEN,
        )
        .limit(1)
    )
    return found is not None


def heads_query(counter: str, services: Sequence[str]) -> CompoundSelect[Any]:
    """The tickets ``counter`` may call next, by the rule: no other can come first.

    For each of its services and each priority, the first waiting ticket in queue order
    (queued_at, id), and the first transferred to this very counter: at most
    ``len(services) * len(Priority) + 1`` rows, each one step down ``ix_tickets_queue``
    (or ``ix_tickets_for_counter``), however many wait. The oldest normal ticket of a
    service is its head of priority ``none``: enough to see whether one is overdue.
    Parameters: ``branch`` and ``day``.
    """
    t = Ticket.__table__.c
    columns = (t.id, t.label, t.service, t.priority, t.queued_at, t.for_counter)
    waiting = (
        t.branch_code == bindparam("branch"),
        t.business_date == bindparam("day"),
        t.status == str(TicketStatus.WAITING),
    )

    def first(*where: ColumnElement[bool]) -> Select[Any]:
        return select(*columns).where(*waiting, *where).order_by(t.queued_at, t.id).limit(1)

    parts = [first(t.for_counter == counter)]
    for service in services:
        for priority in Priority:
            parts.append(
                first(t.service == service, t.priority == str(priority)).where(
                    t.for_counter.is_(None)
                )
            )
    return union_all(*(part.subquery().select() for part in parts))
