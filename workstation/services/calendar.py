"""The branch's business date (营业日).

Until end-of-day closing exists, the first unit of work on a new calendar day
opens that day's business date by itself (journaled); a closed business date
accepts nothing more.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from workstation.db.base import row
from workstation.db.ledger import BusinessDay
from workstation.db.upsert import insert_missing
from workstation.domain.clock import Clock, local_date
from workstation.domain.errors import WorkstationError
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


class BusinessDateClosed(WorkstationError):
    """The business date is closed: nothing more can be posted on it."""


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
    today = local_date(clock)
    day = s.get(BusinessDay, (branch_code, today), with_for_update=SHARED)
    if day is None:
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
    if day.closed_at is not None:
        raise BusinessDateClosed("calendar.closed", date=today.isoformat())
    return today


def current_business_date(s: Session, clock: Clock, branch_code: str) -> date:
    """The business date work would go to now (read only: opens nothing)."""
    today = local_date(clock)
    latest = s.scalar(_LATEST_OPEN, {"branch": branch_code})
    return latest if latest == today else today
