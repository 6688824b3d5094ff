"""After the branch close: when the next business date opens, and opening it early.

Once the branch has closed its business date D, the calendar opens nothing
until the next working day (:func:`workstation.services.calendar.next_open`);
home says so (:meth:`NextDayService.state`). A level-2 supervisor may open the
next date ahead of the calendar (an urgent case after close, a Saturday duty
day): :meth:`NextDayService.open_early` checks their password and a reason,
stores the date's row with the reason and journals ``business_day_opened_early``
(who, why, the date, the date closed before it) in the same transaction; work
goes to that date until the calendar catches up. Refusals, each storing
nothing: anyone but a supervisor of level 2, an empty reason, no closed date
before it (the day is still open, or was opened early already), a date not after
the closed one, before today, or after the next business date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from workstation.db.base import row
from workstation.db.engine import Database
from workstation.db.ledger import BusinessDay
from workstation.db.models import Staff
from workstation.db.upsert import insert_missing
from workstation.domain.clock import Clock, local_date
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Msg, msg
from workstation.domain.staff import Role
from workstation.services.auth import AuthService, SignedIn, refuse
from workstation.services.calendar import current_business_date, dated, next_open
from workstation.services.journal import Journal, Where


@dataclass(frozen=True)
class DayState:
    """The branch's business date as home shows it."""

    current: date
    """The date work goes to now (or would, once opened)."""
    closed: date | None
    """The date the branch closed last, while the calendar opens nothing yet (else None)."""
    next: date | None
    """Then: the date the calendar opens next."""
    opens_at: int
    """The branch's opening hour (the service pack's ``[staffing] opening_hours``)."""
    early_by: str | None = None
    """The supervisor who opened ``current`` ahead of the calendar, and why."""
    early_reason: str | None = None

    @property
    def suggested(self) -> date | None:
        """The date to open early: today on a day off after the close, else the next date."""
        if self.closed is None or self.next is None:
            return None
        return self.current if self.current > self.closed else self.next

    def line(self) -> Msg:
        """Home's line about the business date."""
        if self.closed is not None and self.next is not None:
            when = dated(self.next)
            time = f"{self.opens_at:02d}:00"
            return msg("next_day.closed", date=self.closed.isoformat(), next=when, time=time)
        if self.early_by is not None:
            return msg(
                "next_day.early",
                date=dated(self.current),
                by=self.early_by,
                reason=self.early_reason or "",
            )
        return msg("next_day.open", date=dated(self.current))


class NextDayRefused(WorkstationError):
    """Opening the next business date early was refused; nothing was stored."""


EARLY_LEVEL = 2
"""The supervisor level that may open a business date ahead of the calendar."""
REASON_MAX = 200
_LAST = (
    select(BusinessDay)
    .where(BusinessDay.branch_code == bindparam("branch"))
    .order_by(BusinessDay.business_date.desc())
    .limit(1)
)


@dataclass(frozen=True)
class NextDayService:
    db: Database
    journal: Journal
    clock: Clock
    auth: AuthService
    """Checks the supervisor's password; its branch and counter place the journal entry."""
    opens_at: int
    """The branch's opening hour, shown with the next business date."""

    @property
    def branch_code(self) -> str:
        return self.auth.branch_code

    def _last(self, s: Session, *, lock: bool = False) -> BusinessDay | None:
        statement = _LAST.with_for_update() if lock else _LAST
        return s.scalars(statement, {"branch": self.branch_code}).first()

    def _state(self, s: Session) -> DayState:
        today, last = local_date(self.clock), self._last(s)
        current = current_business_date(s, self.clock, self.branch_code)
        if last is not None and last.closed_at is not None:
            following = next_open(last.business_date, today)
            if following > today:
                return DayState(current, last.business_date, following, self.opens_at)
        row = s.get(BusinessDay, (self.branch_code, current))
        if row is not None and row.opening_reason is not None and row.closed_at is None:
            return DayState(current, None, None, self.opens_at, row.opened_by, row.opening_reason)
        return DayState(current, None, None, self.opens_at)

    def state(self) -> DayState:
        """The business date now: open, opened early, or closed until the next one."""
        with self.db.read() as s:
            return self._state(s)

    def open_early(self, who: SignedIn, password: str, day: date, reason: str) -> DayState:
        """Open business date ``day`` ahead of the calendar: a level-2 supervisor, a reason."""
        staff = who.staff
        if staff.role is not Role.SUPERVISOR or staff.level < EARLY_LEVEL:
            raise NextDayRefused("next_day.error.level", level=EARLY_LEVEL)
        why = " ".join(reason.split())[:REASON_MAX]
        if not why:
            raise NextDayRefused("next_day.error.no_reason")
        with self.db.write() as s:
            closed = self._openable(s, day)
            checked = self.auth.check_password(s, staff.staff_id, password, "open_early")
            if isinstance(checked, Staff):
                if checked.level < EARLY_LEVEL:
                    raise NextDayRefused("next_day.error.level", level=EARLY_LEVEL)
                return self._open(s, staff.staff_id, day, closed, why)
        refuse(checked)

    def _openable(self, s: Session, day: date) -> date:
        """The date closed before ``day``, when ``day`` may be opened early; else refused."""
        last = self._last(s, lock=True)
        if last is None or last.closed_at is None:
            current = current_business_date(s, self.clock, self.branch_code)
            raise NextDayRefused("next_day.error.still_open", date=current.isoformat())
        closed, today = last.business_date, local_date(self.clock)
        if day <= closed:
            raise NextDayRefused(
                "next_day.error.not_after", date=day.isoformat(), closed=closed.isoformat()
            )
        if day < today:
            raise NextDayRefused("next_day.error.past", date=day.isoformat())
        following = next_open(closed, today)
        if day > following:
            raise NextDayRefused(
                "next_day.error.too_far", date=day.isoformat(), next=dated(following)
            )
        return closed

    def _open(self, s: Session, staff_id: str, day: date, closed: date, reason: str) -> DayState:
        """The day's row with the reason, unless another supervisor's opening of it committed
        while this one waited for the lock (PostgreSQL lets both read the same last day)."""
        now = self.clock.now()
        values = {"opened_at": now, "opened_by": staff_id, "opening_reason": reason}
        insert_missing(s, BusinessDay, branch_code=self.branch_code, business_date=day, **values)
        opened = row(s, BusinessDay, (self.branch_code, day), populate_existing=True)
        if (opened.opened_at, opened.opened_by) != (now, staff_id):
            raise NextDayRefused("next_day.error.still_open", date=day.isoformat())
        payload = {"date": day.isoformat(), "closed": closed.isoformat(), "reason": reason}
        where = Where(self.branch_code, self.auth.counter, staff_id)
        self.journal.append(s, "business_day_opened_early", payload, where)
        return self._state(s)
