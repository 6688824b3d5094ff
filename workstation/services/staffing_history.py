"""What tomorrow's staffing plan reads of the past: which dates, and their tickets by hour.

**Which dates** (:func:`history_dates`): the last ``weeks`` dates before the planned
day that are *alike*, looking back at most :data:`LOOKBACK_DAYS`:

- a workday Monday to Friday: the workdays on the same weekday (Mondays are busier),
  so the last ``weeks`` weeks; a holiday, a 调休 Saturday or a first day after a
  holiday on that weekday is skipped;
- a 调休 working Saturday or Sunday (2026-10-10): the last ``weeks`` workdays of any
  weekday (a working weekend day is a workday to the customers too);
- a Saturday or a Sunday: the last ``weeks`` of that type (a holiday or 调休 one skipped);
- the first day after a holiday: the last ``weeks`` first days after a holiday
  (about seven a year: 2026-10-08 reads 09-28, 06-22, 05-06 and 04-07);
- a holiday: the last ``weeks`` holidays.

**The figures** (:func:`read_history`): two aggregate statements over the branch's
tickets of those business dates, grouped in the database by UTC hour (the branch's
hour is that hour in its zone: exact for zones whose offset is whole hours), never
a row per ticket:

1. per hour of arrival and service: the arrivals (a transfer's ticket is not a new
   arrival), and the sum and count of the handling times (start to finish, seconds);
2. per hour of starting service, counter and service: the tickets started, i.e. the
   windows that were staffed in that hour and what they served.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import String, case, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from workstation.db.queue import Ticket
from workstation.domain.workdays import SATURDAY, DayType, day_type
from workstation.services.stats_queries import seconds_between

LOOKBACK_DAYS = 366
"""How far back alike dates are looked for: a year has every kind of day."""


def _alike(day: date) -> Callable[[date], bool]:
    kind = day_type(day)
    if kind is DayType.WORKDAY and day.weekday() < SATURDAY:
        weekday = day.weekday()
        return lambda other: other.weekday() == weekday and day_type(other) is kind
    return lambda other: day_type(other) is kind


def history_dates(day: date, weeks: int) -> tuple[date, ...]:
    """The ``weeks`` dates before ``day`` alike to it, latest first (fewer if a year has
    fewer: holidays are rare)."""
    alike = _alike(day)
    found: list[date] = []
    other = day
    for _ in range(LOOKBACK_DAYS):
        other -= timedelta(days=1)
        if alike(other):
            found.append(other)
            if len(found) == weeks:
                break
    return tuple(found)


class utc_hour(FunctionElement[str]):
    """A UTC timestamp's hour as text, ``2026-11-27 02``, computed by the database."""

    type = String()
    inherit_cache = True
    name = "utc_hour"


@compiles(utc_hour, "sqlite")
def _sqlite_hour(element: utc_hour, compiler: SQLCompiler, **kw: Any) -> str:
    """SQLAlchemy stores a SQLite datetime as ``2026-11-27 02:05:00.000000`` text: its first
    13 characters are the hour, read without parsing a date (``strftime`` costs more)."""
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 13)"


@compiles(utc_hour)
def _pg_hour(element: utc_hour, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(element.clauses, **kw)
    return f"to_char(({value}) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')"


@dataclass
class ServiceHour:
    """One service in one branch hour, summed over the history dates."""

    arrivals: int = 0
    handled: int = 0
    """Tickets with both a start and a finish."""
    handling_seconds: float = 0.0


@dataclass
class History:
    """The history dates' tickets by (branch hour, service), summed over the dates."""

    dates: tuple[date, ...]
    days_with_tickets: frozenset[date] = frozenset()
    demand: dict[tuple[int, str], ServiceHour] = field(default_factory=dict)
    """(hour, service) → arrivals and handling."""
    served_by: dict[int, dict[date, dict[str, dict[str, int]]]] = field(default_factory=dict)
    """hour → date → counter → service → tickets started then."""


class _Hours:
    """``'2026-11-27 02'`` (UTC) → (branch date, branch hour), each text parsed once."""

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self._seen: dict[str, tuple[date, int]] = {}

    def __call__(self, text: str) -> tuple[date, int]:
        found = self._seen.get(text)
        if found is None:
            moment = datetime.strptime(text, "%Y-%m-%d %H").replace(tzinfo=UTC)
            here = moment.astimezone(self.zone)
            found = self._seen[text] = (here.date(), here.hour)
        return found


def demand_query(branch: str, dates: Sequence[date]) -> Any:
    """Statement 1: (UTC hour of arrival, service, arrivals, handling seconds, handled)."""
    t = Ticket.__table__.c
    hour = utc_hour(t.arrived_at)
    handling = seconds_between(t.started_at, t.finished_at)
    return (
        select(
            hour,
            t.service,
            func.sum(case((t.parent_id.is_(None), 1), else_=0)),
            func.sum(handling),
            func.count(handling),
        )
        .where(t.branch_code == branch, t.business_date.in_(list(dates)))
        .group_by(hour, t.service)
    )


def staffed_query(branch: str, dates: Sequence[date]) -> Any:
    """Statement 2: (UTC hour of a start, counter, service, tickets started).

    A ticket started has a counter; no condition on ``counter`` here, or SQLite would walk
    ``ix_tickets_window`` over every day of the branch instead of the dates' range of
    ``ix_tickets_queue``."""
    t = Ticket.__table__.c
    hour = utc_hour(t.started_at)
    return (
        select(hour, t.counter, t.service, func.count())
        .where(
            t.branch_code == branch,
            t.business_date.in_(list(dates)),
            t.started_at.is_not(None),
        )
        .group_by(hour, t.counter, t.service)
    )


def read_history(s: Session, branch: str, dates: Sequence[date], zone: tzinfo) -> History:
    """The tickets of ``dates`` at ``branch``, by branch hour: two grouped statements."""
    history = History(tuple(dates))
    if not dates:
        return history
    at = _Hours(zone)
    days: set[date] = set()
    for text, service, arrivals, seconds, handled in s.execute(demand_query(branch, dates)):
        day, hour = at(text)
        days.add(day)
        cell = history.demand.setdefault((hour, service), ServiceHour())
        cell.arrivals += int(arrivals or 0)
        cell.handled += int(handled or 0)
        cell.handling_seconds += float(seconds or 0.0)
    served: dict[int, dict[date, dict[str, dict[str, int]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(dict))
    )
    for text, counter, service, started in s.execute(staffed_query(branch, dates)):
        if counter is None:
            continue
        day, hour = at(text)
        served[hour][day][counter][service] = int(started)
    history.days_with_tickets = frozenset(days)
    history.served_by = {hour: dict(by_day) for hour, by_day in served.items()}
    return history
