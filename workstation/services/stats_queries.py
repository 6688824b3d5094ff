"""The SQL of the service statistics: counts and sums grouped in the database.

Durations are computed by the database (``seconds_between``: ``julianday`` on
SQLite, ``EXTRACT(EPOCH …)`` on PostgreSQL), so no timestamp is parsed in
Python. Every query is over the branch's tickets of business dates
``first`` … ``last``, or the events and approvals between the UTC instants
that bound those dates in the branch's zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Float, and_, case, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from workstation.db.ledger import Override, OverrideRequest, Posting
from workstation.db.queue import Ticket, TicketEvent
from workstation.db.ratings import Rating
from workstation.domain.queue import TicketEventKind, TicketStatus
from workstation.domain.rating import RatingStatus
from workstation.domain.statuses import OverrideMode

DONE, NO_SHOW = str(TicketStatus.DONE), str(TicketStatus.NO_SHOW)
SATISFIED_LEVELS = (1, 2)
"""非常满意 and 满意."""
WINDOW_KINDS = tuple(
    str(k)
    for k in (
        TicketEventKind.WINDOW_OPEN,
        TicketEventKind.WINDOW_PAUSE,
        TicketEventKind.WINDOW_RESUME,
        TicketEventKind.WINDOW_CLOSE,
    )
)
CALL_SLACK = timedelta(days=1)
"""How far outside the period a ticket's first call may lie (a ticket is called on its day)."""


class seconds_between(FunctionElement[float]):
    """``end - start`` in seconds, computed by the database."""

    type = Float()
    inherit_cache = True
    name = "seconds_between"


@compiles(seconds_between, "sqlite")
def _sqlite_seconds(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


@compiles(seconds_between)
def _epoch_seconds(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"


@dataclass(frozen=True)
class Period:
    branch: str
    first: date
    last: date
    start: datetime
    """The first date's local midnight (aware)."""
    end: datetime
    """The local midnight after the last date."""


def _tickets_of(period: Period, t: Any = Ticket) -> ColumnElement[bool]:
    return and_(
        t.branch_code == period.branch,
        t.business_date >= period.first,
        t.business_date <= period.last,
    )


def closed_counts(s: Session, period: Period) -> Sequence[Any]:
    """(service, counter, teller, status, n, serve seconds summed) of served and no-show
    tickets, grouped in SQL."""
    t = Ticket
    serve = func.sum(
        case((t.status == DONE, seconds_between(t.started_at, t.finished_at)), else_=literal(0.0))
    )
    keys = (t.service, t.counter, t.teller, t.status)
    return s.execute(
        select(*keys, func.count().label("n"), serve.label("serve"))
        .where(_tickets_of(period), t.status.in_((DONE, NO_SHOW)))
        .group_by(*keys)
    ).all()


def served_durations(s: Session, period: Period) -> Sequence[Any]:
    """(service, counter, teller, wait seconds, serve seconds) of every served ticket.

    The wait runs from the issue (a transfer's ticket: its parent's finish, when it was
    opened) to the first ``call`` event of the ticket.
    """
    e = TicketEvent
    first_calls = (
        select(e.ticket_id.label("ticket_id"), func.min(e.at).label("at"))
        .where(
            e.kind == str(TicketEventKind.CALL),
            e.branch_code == period.branch,
            e.at >= period.start - CALL_SLACK,
            e.at < period.end + CALL_SLACK,
        )
        .group_by(e.ticket_id)
        .subquery()
    )
    t, parent = Ticket, aliased(Ticket)
    issued = func.coalesce(parent.finished_at, t.arrived_at)
    return s.execute(
        select(
            t.service,
            t.counter,
            t.teller,
            seconds_between(issued, first_calls.c.at).label("wait"),
            seconds_between(t.started_at, t.finished_at).label("serve"),
        )
        .join(first_calls, first_calls.c.ticket_id == t.id)
        .outerjoin(parent, parent.id == t.parent_id)
        .where(_tickets_of(period), t.status == DONE)
    ).all()


def rating_counts(s: Session, period: Period) -> Sequence[Any]:
    """(service, counter, teller, rated, satisfied, late) of the period's tickets' ratings."""
    r, t = Rating, Ticket
    answered = r.status == str(RatingStatus.ANSWERED)
    keys = (t.service, r.counter, r.teller)
    return s.execute(
        select(
            *keys,
            func.count().filter(answered).label("rated"),
            func.count().filter(answered, r.level.in_(SATISFIED_LEVELS)).label("satisfied"),
            func.count().filter(answered, r.late.is_(True)).label("late"),
        )
        .join(t, t.id == r.ticket_id)
        .where(_tickets_of(period))
        .group_by(*keys)
    ).all()


def window_events(s: Session, period: Period) -> Sequence[Any]:
    """(counter, kind, at) of the windows' events within the period, in order."""
    e = TicketEvent
    return s.execute(
        select(e.counter, e.kind, e.at)
        .where(
            e.branch_code == period.branch,
            e.kind.in_(WINDOW_KINDS),
            e.at >= period.start,
            e.at < period.end,
        )
        .order_by(e.counter, e.at, e.id)
    ).all()


def override_counts(s: Session, period: Period) -> Sequence[Any]:
    """(teller, counter, n) of approvals asked: remote requests, and local approvals (their
    counter is the posting's, when the approval was used)."""
    q, o, p = OverrideRequest, Override, Posting
    requests = (
        select(q.teller_id.label("teller"), q.counter.label("counter"), func.count().label("n"))
        .where(q.branch_code == period.branch, q.created_at >= period.start)
        .where(q.created_at < period.end)
        .group_by(q.teller_id, q.counter)
    )
    local = (
        select(o.teller_id.label("teller"), p.counter.label("counter"), func.count().label("n"))
        .outerjoin(p, p.id == o.posting_id)
        .where(o.branch_code == period.branch, o.mode == str(OverrideMode.LOCAL))
        .where(o.decided_at >= period.start, o.decided_at < period.end)
        .group_by(o.teller_id, p.counter)
    )
    return [*s.execute(requests).all(), *s.execute(local).all()]
