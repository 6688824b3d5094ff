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
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Float, String, and_, case, func, select
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


def first_call(t: Any = Ticket) -> ColumnElement[Any]:
    """When the ticket was first called.

    A ticket called once (``calls = 1``) and never reinstated (still queued at its
    arrival) had exactly one call, at ``called_at``: most tickets, read from the row.
    Any other (recalled, called back, reinstated) asks its first ``call`` event.
    """
    e = TicketEvent
    from_events = (
        select(func.min(e.at))
        .where(e.ticket_id == t.id, e.kind == str(TicketEventKind.CALL))
        .scalar_subquery()
    )
    return case(((t.calls == 1) & (t.queued_at == t.arrived_at), t.called_at), else_=from_events)


def _wait(t: Any) -> ColumnElement[float]:
    """Issue (a transfer's ticket: its parent's finish, when it was opened) to first call."""
    p = aliased(Ticket)
    parent_finished = select(p.finished_at).where(p.id == t.parent_id).scalar_subquery()
    issued = case((t.parent_id.is_(None), t.arrived_at), else_=parent_finished)
    return seconds_between(issued, first_call(t))


def no_show_counts(s: Session, period: Period) -> Sequence[Any]:
    """(service, counter, teller, n) of the tickets closed as no-shows, grouped in SQL."""
    t = Ticket
    keys = (t.service, t.counter, t.teller)
    return s.execute(
        select(*keys, func.count()).where(_tickets_of(period), t.status == NO_SHOW).group_by(*keys)
    ).all()


class numbers_list(FunctionElement[str]):
    """An aggregate: the group's values in whole seconds, as one comma-separated string.

    The percentiles need every value; one string per group crosses into Python
    instead of a row per ticket (which costs more than the query itself), and
    integers, which the database writes and Python reads far faster than decimals.
    """

    type = String()
    inherit_cache = True
    name = "numbers_list"


@compiles(numbers_list, "sqlite")
def _sqlite_list(element: numbers_list, compiler: SQLCompiler, **kw: Any) -> str:
    return f"group_concat(CAST(ROUND({compiler.process(element.clauses, **kw)}) AS INTEGER), ',')"


@compiles(numbers_list)
def _string_agg(element: numbers_list, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(element.clauses, **kw)
    return f"string_agg(CAST(CAST(ROUND(CAST({value} AS numeric)) AS bigint) AS text), ',')"


def served(s: Session, period: Period) -> Sequence[Any]:
    """Per (service, counter, teller) of the served tickets, grouped in SQL: how many,
    every wait and serve time (:class:`numbers_list`), and their
    ratings: answered, satisfied (非常满意 or 满意), late.

    A rating is asked at its ticket's counter, of its ticket's teller: it groups with
    its ticket.
    """
    t, r = Ticket, Rating
    serve = seconds_between(t.started_at, t.finished_at)
    answered = r.status == str(RatingStatus.ANSWERED)
    keys = (t.service, t.counter, t.teller)
    return s.execute(
        select(
            *keys,
            func.count().label("n"),
            numbers_list(_wait(t)).label("waits"),
            numbers_list(serve).label("serves"),
            func.count(r.id).filter(answered).label("rated"),
            func.count(r.id).filter(answered, r.level.in_(SATISFIED_LEVELS)).label("satisfied"),
            func.count(r.id).filter(answered, r.late.is_(True)).label("late"),
        )
        .outerjoin(r, r.ticket_id == t.id)
        .where(_tickets_of(period), t.status == DONE)
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
