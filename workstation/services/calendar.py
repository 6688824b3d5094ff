"""The branch's business date (营业日).

The first unit of work on a calendar day opens that day's business date by
itself (journaled); a closed business date accepts nothing more. After a branch
close the calendar opens nothing until the next working day (the holiday
calendar, :mod:`workstation.domain.workdays`): a weekend or a holiday after a
close is refused, not opened. A level-2 supervisor may open the next date ahead
of the calendar (:mod:`workstation.services.next_day`); work goes to that date
until the calendar catches up with it.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from workstation.db.base import row
from workstation.db.ledger import BusinessDay
from workstation.db.upsert import insert_missing
from workstation.domain.clock import Clock, local_date
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Msg, msg
from workstation.domain.workdays import is_working_day
from workstation.services.journal import Journal, Where

SHARED = {"read": True}

_LATEST_OPEN = (
    select(BusinessDay.business_date)
    .where(BusinessDay.branch_code == bindparam("branch"), BusinessDay.closed_at.is_(None))
    .order_by(BusinessDay.business_date.desc())
    .limit(1)
)
"""Built once: every call at a window asks it."""
"""``with_for_update`` for FOR SHARE: many may hold it, an update waits for them all."""
_LAST_CLOSED = (
    select(BusinessDay.business_date)
    .where(BusinessDay.branch_code == bindparam("branch"), BusinessDay.closed_at.is_not(None))
    .order_by(BusinessDay.business_date.desc())
    .limit(1)
)
"""Asked only when a day's row is missing: did a close come before it?"""
_DAY_CLOSED = (
    select(BusinessDay.closed_at)
    .where(
        BusinessDay.branch_code == bindparam("branch"),
        BusinessDay.business_date == bindparam("day"),
    )
    .with_for_update(read=True)
)
"""Built once: every posting reads its day's row under the shared lock (one column, on the
unit of work's Core connection: no ORM object for a row that is only checked)."""


class BusinessDateClosed(WorkstationError):
    """The business date is closed: nothing more can be posted on it."""


def next_open(closed: date, today: date) -> date:
    """The date the calendar opens next after ``closed`` was closed: the first working day
    after it, and not before ``today`` (a weekend or holiday after a close opens nothing)."""
    day = max(closed + timedelta(days=1), today)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def dated(day: date) -> Msg:
    """``2026-11-30（周一）`` / ``Mon 2026-11-30``."""
    return msg(
        "next_day.dated", date=day.isoformat(), weekday=msg(f"next_day.weekday.{day.weekday()}")
    )


def _closed_until(s: Session, branch_code: str, today: date) -> None:
    """Refuse today if the branch closed its last date and the calendar does not open yet."""
    closed = s.scalar(_LAST_CLOSED, {"branch": branch_code})
    if closed is not None and (following := next_open(closed, today)) > today:
        raise BusinessDateClosed("next_day.refused", date=closed.isoformat(), next=dated(following))


def open_business_date(
    s: Session, journal: Journal, clock: Clock, branch_code: str, staff_id: str | None = None
) -> date:
    """Today's business date for the branch, opened now if it is not open yet.

    The day's row is read under a shared lock (FOR SHARE on PostgreSQL; SQLite
    has one writer at a time anyway): postings at several counters go on side
    by side, while closing the day, which locks the row for update, waits for
    those in flight and the ones after it find the day closed. An exclusive
    lock here made every posting in the branch wait for the one before it.
    """
    today = current_business_date(s, clock, branch_code)
    found = s.connection().execute(_DAY_CLOSED, {"branch": branch_code, "day": today}).first()
    closed_at = None if found is None else found.closed_at
    if found is None:
        _closed_until(s, branch_code, today)
        now = clock.now()
        insert_missing(
            s,
            BusinessDay,
            branch_code=branch_code,
            business_date=today,
            opened_at=now,
            opened_by=staff_id,
        )
        day = row(
            s, BusinessDay, (branch_code, today), with_for_update=SHARED, populate_existing=True
        )
        if day.opened_at == now and day.opened_by == staff_id:  # this transaction opened it
            where = Where(branch_code, None, staff_id)
            journal.append(s, "business_day_opened", {"date": today.isoformat()}, where)
        closed_at = day.closed_at
    if closed_at is not None:
        raise BusinessDateClosed("calendar.closed", date=today.isoformat())
    return today


def current_business_date(s: Session, clock: Clock, branch_code: str) -> date:
    """The business date work would go to now (read only: opens nothing): today's, or the
    date a supervisor opened ahead of the calendar until the calendar catches up."""
    today = local_date(clock)
    latest = s.connection().scalar(_LATEST_OPEN, {"branch": branch_code})
    return latest if latest is not None and latest > today else today
