"""Tomorrow's staffing plan by hour (明日排班建议), and what other windows would give.

For a date, the past dates of its day type (:mod:`workstation.services.staffing_history`
says which and reads their tickets in two grouped statements) give, per zone and
opening hour (the service pack's ``[staffing].opening_hours``, branch time):

- the **arrivals** per hour: the tickets arrived in that hour, summed over the dates
  that had any ticket and divided by their number;
- the **handling time** (AHT): the mean of start to finish of those tickets; a service
  with arrivals but nothing finished counts its pack's ``minutes_each``;
- the **windows needed**: Erlang C (:func:`workstation.domain.erlang.windows_needed`)
  with the pack's service level and maximum occupancy and the zone's target wait
  (its strictest service's); summed over the zones for the hour;
- the **staff to roster**: :func:`~workstation.domain.erlang.rostered` of the needed
  windows with the pack's shrinkage;
- the windows **rostered**: the counters the branch actually staffed in that hour
  on those dates (counters that started serving a ticket then), their mean rounded;
  a zone's share of them: each counter split across the zones it served in the hour
  by its tickets (one window, three cash tickets and one claim: 0.75 cash, 0.25
  non-cash), the mean rounded, and at least one window where the zone was served;
- the **expected wait** and service level with the rostered windows (:func:`what_if`).

A date with no past tickets of its type gives an empty plan (``has_history`` false)
that says so. :func:`what_if` is pure: the supervisor's windows per hour and zone in,
the expected waits out (more windows never wait longer).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from forms.branch_pack import BranchPack, ZoneSpec
from forms.service_pack import Staffing as Goals
from workstation.db.engine import Database
from workstation.db.models import Branch
from workstation.domain.clock import Clock, local_date
from workstation.domain.erlang import erlang_c, rostered, windows_needed
from workstation.domain.errors import WorkstationError
from workstation.domain.workdays import DayType, add_working_days, day_type, is_working_day
from workstation.services.receipt_data import Bilingual, BranchHeader, FirstPrint
from workstation.services.staffing_history import History, history_dates, read_history

HOUR = 3600.0


@dataclass(frozen=True)
class ZoneHour:
    """One zone in one opening hour."""

    zone: str
    arrivals: float
    """Mean arrivals in the hour."""
    handling_seconds: float
    """Mean handling time (0 with no arrivals)."""
    measured: bool
    """The handling time is from finished tickets (else the pack's ``minutes_each``)."""
    target_seconds: float
    needed: int
    rostered: int
    """Windows that served the zone in the hour (mean over the dates, rounded)."""


@dataclass(frozen=True)
class ZoneOutcome:
    zone: str
    windows: int
    wait_seconds: float
    """Expected average wait (``math.inf``: the queue grows without end)."""
    service_level: float


@dataclass(frozen=True)
class HourOutcome:
    """What some windows give in one hour: the zones' figures weighted by their arrivals."""

    hour: int
    windows: int
    wait_seconds: float
    service_level: float
    zones: tuple[ZoneOutcome, ...]


@dataclass(frozen=True)
class PlanHour:
    hour: int
    """``10``: 10:00 to 11:00, branch time."""
    zones: tuple[ZoneHour, ...]
    needed: int
    to_roster: int
    """Staff to roster for ``needed`` windows, after shrinkage."""
    rostered: int
    """Counters staffed in the hour on the history dates (mean, rounded)."""
    expected: HourOutcome
    """With the rostered windows of each zone."""

    @property
    def arrivals(self) -> float:
        return sum(z.arrivals for z in self.zones)

    @property
    def handling_seconds(self) -> float:
        """The hour's mean handling time over its zones, weighted by their arrivals."""
        total = self.arrivals
        return sum(z.arrivals * z.handling_seconds for z in self.zones) / total if total else 0.0


@dataclass(frozen=True)
class StaffingPlan(FirstPrint):
    """明日排班建议: the plan of one date, hour by hour."""

    header: BranchHeader
    day: date
    day_type: DayType
    history: tuple[date, ...]
    """The past dates of its type that were read, latest first."""
    days_with_tickets: int
    """How many of them had tickets (the means divide by this)."""
    zones: tuple[ZoneSpec, ...]
    """The branch pack's zones, in its order: the plan's columns."""
    hours: tuple[PlanHour, ...]
    goals: Goals
    computed_at: datetime

    @property
    def has_history(self) -> bool:
        return self.days_with_tickets > 0

    def windows(self) -> dict[tuple[int, str], int]:
        """The rostered windows per (hour, zone): where the supervisor's what-if starts."""
        return {(h.hour, z.zone): z.rostered for h in self.hours for z in h.zones}


@dataclass(frozen=True)
class PlanDay:
    """The date a plan is for by default, and the closed day it skipped (if any)."""

    day: date
    skipped: date | None


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _share(history: History, hour: int, services: set[str]) -> float:
    """The windows of ``hour`` that served ``services``, summed over the dates: each counter
    counts for the share of its tickets then that were of them."""
    share = 0.0
    for by_counter in history.served_by.get(hour, {}).values():
        for started in by_counter.values():
            share += sum(n for sv, n in started.items() if sv in services) / sum(started.values())
    return share


def what_if(plan: StaffingPlan, windows: Mapping[tuple[int, str], int]) -> tuple[HourOutcome, ...]:
    """The expected wait and service level of each hour with ``windows`` per (hour, zone)
    (a pair not given keeps its rostered windows)."""
    return tuple(_outcome(hour, windows) for hour in plan.hours)


def _outcome(hour: PlanHour, windows: Mapping[tuple[int, str], int]) -> HourOutcome:
    zones = []
    for z in hour.zones:
        n = max(0, windows.get((hour.hour, z.zone), z.rostered))
        if z.arrivals == 0:
            zones.append(ZoneOutcome(z.zone, n, 0.0, 1.0))
            continue
        found = erlang_c(z.arrivals / HOUR, z.handling_seconds, n, z.target_seconds)
        zones.append(ZoneOutcome(z.zone, n, found.average_wait, found.service_level))
    total = hour.arrivals
    if total == 0:
        wait, level = 0.0, 1.0
    else:
        busy = [(z, o) for z, o in zip(hour.zones, zones, strict=True) if z.arrivals]
        level = sum(z.arrivals * o.service_level for z, o in busy) / total
        waits = [o.wait_seconds for _, o in busy]
        wait = (
            math.inf
            if math.inf in waits
            else (sum(z.arrivals * o.wait_seconds for z, o in busy) / total)
        )
    return HourOutcome(hour.hour, sum(o.windows for o in zones), wait, level, tuple(zones))


class StaffingPlanError(WorkstationError):
    """A plan was refused (a date that is not one); nothing was read."""


class StaffingPlanService:
    """Builds a date's plan from the branch's ticket history; reads only."""

    def __init__(
        self, db: Database, clock: Clock, branch_code: str, pack: BranchPack, goals: Goals
    ) -> None:
        self.db, self.clock, self.branch_code = db, clock, branch_code
        self.pack, self.goals = pack, goals

    def default_day(self) -> PlanDay:
        """Tomorrow; the next working day when tomorrow is not one (the branch is closed)."""
        today = local_date(self.clock)
        tomorrow = today + timedelta(days=1)
        if is_working_day(tomorrow):
            return PlanDay(tomorrow, None)
        return PlanDay(add_working_days(today, 1), tomorrow)

    def plan_on(self, text: str) -> StaffingPlan:
        """The plan of the date typed as ``YYYY-MM-DD``; refused for anything else."""
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            raise StaffingPlanError("staffing.bad_date", text=text) from None
        return self.plan(day)

    def plan(self, day: date) -> StaffingPlan:
        """``day``'s plan by opening hour from the last weeks of its day type."""
        dates = history_dates(day, self.goals.history_weeks)
        with self.db.read() as s:
            branch = s.get(Branch, self.branch_code)
            history = read_history(s, self.branch_code, dates, self.clock.zone)
        names = Bilingual(branch.name_zh, branch.name_en) if branch else Bilingual("", "")
        first, last = self.goals.opening_hours
        hours = tuple(self._hour(history, hour) for hour in range(first, last))
        return StaffingPlan(
            header=BranchHeader(self.branch_code, names),
            day=day,
            day_type=day_type(day),
            history=dates,
            days_with_tickets=len(history.days_with_tickets),
            zones=self.pack.zones,
            hours=hours,
            goals=self.goals,
            computed_at=self.clock.now(),
        )

    def _hour(self, history: History, hour: int) -> PlanHour:
        days = len(history.days_with_tickets)
        zones = tuple(self._zone(history, hour, z.key, days) for z in self.pack.zones)
        served = history.served_by.get(hour, {})
        counters = sum(len(by_counter) for by_counter in served.values())
        needed = sum(z.needed for z in zones)
        plan = PlanHour(
            hour=hour,
            zones=zones,
            needed=needed,
            to_roster=rostered(needed, self.goals.shrinkage),
            rostered=_half_up(counters / days) if days else 0,
            expected=HourOutcome(hour, 0, 0.0, 1.0, ()),
        )
        return replace(plan, expected=_outcome(plan, {}))

    def _zone(self, history: History, hour: int, zone: str, days: int) -> ZoneHour:
        services = [spec for spec in self.pack.services if spec.zone == zone]
        target = min((spec.target_wait.total_seconds() for spec in services), default=HOUR)
        arrivals, work, measured = 0, 0.0, True
        for spec in services:
            cell = history.demand.get((hour, spec.key))
            if cell is None or not cell.arrivals:
                continue
            arrivals += cell.arrivals
            if cell.handled:
                work += cell.arrivals * cell.handling_seconds / cell.handled
            else:
                work += cell.arrivals * spec.minutes_each * 60.0
                measured = False
        staffed = _share(history, hour, {spec.key for spec in services})
        mean = arrivals / days if days else 0.0
        handling = work / arrivals if arrivals else 0.0
        needed = windows_needed(
            mean / HOUR,
            handling,
            target,
            self.goals.service_level,
            self.goals.max_occupancy,
        ).windows
        return ZoneHour(
            zone=zone,
            arrivals=mean,
            handling_seconds=handling,
            measured=measured,
            target_seconds=target,
            needed=needed,
            rostered=max(_half_up(staffed / days), 1) if staffed else 0,
        )
