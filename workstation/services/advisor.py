"""The live staffing advisor: per zone, is the queue keeping its target, and what would help.

For each zone of the branch pack: the arrivals of the last
``staffing.window_minutes`` minutes, the handling time (the mean start→finish of
today's finished tickets of its services; the pack's ``minutes_each`` while fewer
than :data:`MEASURED_AFTER` have finished), the open windows that call it first,
and from Erlang C (:mod:`workstation.domain.erlang`) the expected wait, the share
called within the zone's target and the occupancy. When the service pack's
``[staffing]`` goal is missed: the windows needed, and what a free flexible
window (弹性窗口) would give; when a zone's windows have nobody waiting and little
coming, that they are idle. Two statements a refresh (the tickets grouped by
service, the windows), so the screens may ask on every change of the queue
(``benchmarks/advisor.py``). Opening and closing the flexible window:
:mod:`workstation.services.flexible`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any

from sqlalchemy import CompoundSelect, bindparam, case, func, literal, select, union_all
from sqlalchemy.orm import Session

from forms.branch_pack import ServiceSpec, ZoneSpec
from forms.service_pack import Staffing as Goals
from workstation.db.queue import QueueWindow, Ticket
from workstation.domain.clock import local_date
from workstation.domain.erlang import Staffing, erlang_c, windows_needed
from workstation.domain.queue import TicketStatus, WindowState
from workstation.services.advisor_views import Advice, ZoneAdvice
from workstation.services.flexible import FlexibleView, FlexibleWindows, primary_of
from workstation.services.stats_queries import seconds_between

__all__ = ["Advice", "AdvisorService", "ZoneAdvice"]

MEASURED_AFTER = 3
"""Finished tickets a zone needs today before their mean replaces the pack's minutes each."""
IDLE_OCCUPANCY = 0.5
"""Below this expected occupancy, with nobody waiting, a zone's windows are idle."""
WAITING, DONE, OPEN = str(TicketStatus.WAITING), str(TicketStatus.DONE), str(WindowState.OPEN)


def _counts_query() -> CompoundSelect[Any]:
    """The day's tickets grouped by service, built once (parameters: branch, day, since).

    Two parts, each what an index answers cheaply: queued since the window began and
    waiting, from ``ix_tickets_queue`` alone (no row is read); the finished and their
    handling seconds, from the rows of the finished only. A ticket's ``queued_at`` is its
    arrival, or when a no-show was reinstated: either way a customer the queue must serve.
    """
    t = Ticket.__table__.c
    day = (t.branch_code == bindparam("branch"), t.business_date == bindparam("day"))
    queued = select(
        t.service,
        func.count(case((t.queued_at >= bindparam("since"), 1))),
        func.count(case((t.status == WAITING, 1))),
        literal(0),
        literal(0.0),
    ).where(*day)
    done = select(
        t.service,
        literal(0),
        literal(0),
        func.count(),
        func.sum(seconds_between(t.started_at, t.finished_at)),
    ).where(*day, t.status == DONE, t.started_at.is_not(None), t.finished_at.is_not(None))
    # grouped in the index's order (status, service): SQLite reads the index alone
    return union_all(queued.group_by(t.status, t.service), done.group_by(t.service))


COUNTS = _counts_query()
_w = QueueWindow.__table__.c
WINDOWS = select(
    _w.counter, _w.state, _w.flexible_zone, _w.flexible_by, _w.flexible_at, _w.flexible_reason
).where(_w.branch_code == bindparam("branch"))


@dataclass(frozen=True)
class _Counts:
    """One zone's (or service's) figures from the tickets."""

    arrivals: int
    waiting: int
    finished: int
    handled_seconds: float

    def __add__(self, other: _Counts) -> _Counts:
        return _Counts(
            self.arrivals + other.arrivals,
            self.waiting + other.waiting,
            self.finished + other.finished,
            self.handled_seconds + other.handled_seconds,
        )


NONE = _Counts(0, 0, 0, 0.0)
"""A service with no ticket today."""


@dataclass(eq=False)
class AdvisorService(FlexibleWindows):
    goals: Goals = field(default_factory=Goals)
    """The service pack's ``[staffing]``: service level, occupancy, the arrivals' window."""

    def advice(self) -> Advice:
        """Every zone's figures and advice now, and the flexible windows' state."""
        now = self.clock.now()
        with self.db.read() as s:
            counts = self._counts(s, local_date(self.clock), now)
            windows = self._windows(s)
        flexible = tuple(self._view(c, windows.get(c)) for c in self.flexible_counters())
        calls = [  # each open window and the services it calls first
            (number, frozenset(primary_of(self.pack, number, w.flexible_zone)))
            for number, w in sorted(windows.items())
            if w.state == OPEN
        ]
        zones = tuple(self._zone(z.key, counts, calls, flexible) for z in self.pack.zones)
        return Advice(zones, flexible)

    # -- the two statements ----------------------------------------------------------

    def _counts(self, s: Session, day: date, now: datetime) -> dict[str, _Counts]:
        """Per service: arrivals since the window began, waiting, finished and their time."""
        since = now - timedelta(minutes=self.goals.window_minutes)
        params = {"branch": self.branch_code, "day": day, "since": since}
        rows = s.connection().execute(COUNTS, params)  # Core: no ORM step for plain rows
        counts: dict[str, _Counts] = {}
        for r in rows:
            found = _Counts(int(r[1] or 0), int(r[2] or 0), int(r[3] or 0), float(r[4] or 0.0))
            counts[r[0]] = counts.get(r[0], NONE) + found
        return counts

    def _windows(self, s: Session) -> dict[str, Any]:
        """The windows' rows (state and flexible zone), as plain rows: nothing to track."""
        rows = s.connection().execute(WINDOWS, {"branch": self.branch_code})
        return {w.counter: w for w in rows}

    # -- one zone ------------------------------------------------------------------

    def _zone(
        self,
        zone: str,
        counts: dict[str, _Counts],
        calls: list[tuple[str, frozenset[str]]],
        flexible: tuple[FlexibleView, ...],
    ) -> ZoneAdvice:
        spec, services = self._zones[zone]
        total = sum((counts.get(sv.key, NONE) for sv in services), NONE)
        measured = total.finished >= MEASURED_AFTER and total.handled_seconds > 0
        handling = (
            total.handled_seconds / total.finished if measured else _default(services, counts)
        )
        target = min((sv.target_wait for sv in services), default=timedelta(minutes=10))
        keys = {sv.key for sv in services}
        open_primary = tuple(number for number, primary in calls if keys & primary)
        rate, seconds = total.arrivals / (self.goals.window_minutes * 60), target.total_seconds()
        now = erlang_c(rate, handling, len(open_primary), seconds)
        goals = self.goals
        missed = total.arrivals > 0 and (
            now.service_level < goals.service_level or now.occupancy > goals.max_occupancy
        )
        free = next((f.counter for f in flexible if f.zone is None), None)
        mine = next((f.counter for f in flexible if f.zone == zone), None)
        advice = ZoneAdvice(
            zone=zone, name_zh=spec.name_zh, name_en=spec.name_en, arrivals=total.arrivals,
            window_minutes=goals.window_minutes, handling_seconds=handling, measured=measured,
            waiting=total.waiting, target=target, windows=open_primary, now=now, missed=missed,
        )  # fmt: skip
        if missed:
            needed = self._needed(rate, handling, seconds)
            plus = None if free is None else erlang_c(rate, handling, now.windows + 1, seconds)
            return replace(advice, needed=needed, flexible_counter=free, with_flexible=plus)
        if open_primary and total.waiting == 0 and now.occupancy < IDLE_OCCUPANCY:
            idle_flexible = mine is not None and mine in open_primary
            return replace(advice, idle=open_primary, idle_flexible=idle_flexible,
                            flexible_counter=mine)  # fmt: skip
        return advice

    @cached_property
    def _zones(self) -> dict[str, tuple[ZoneSpec, list[ServiceSpec]]]:
        """Each zone and its services (the pack does not change while the station runs)."""
        return {
            z.key: (z, [sv for sv in self.pack.services if sv.zone == z.key])
            for z in self.pack.zones
        }

    def _needed(self, rate: float, handling: float, target: float) -> Staffing | None:
        goals = self.goals
        try:
            return windows_needed(rate, handling, target, goals.service_level, goals.max_occupancy)
        except ValueError:  # more windows than any branch has: the figures are wrong
            return None


def _default(services: list[ServiceSpec], counts: dict[str, _Counts]) -> float:
    """The pack's minutes each, weighted by the services' arrivals (plain mean without any)."""
    weights = [(counts.get(sv.key, NONE).arrivals, sv.minutes_each * 60) for sv in services]
    arrived = sum(n for n, _ in weights)
    if arrived:
        return sum(n * secs for n, secs in weights) / arrived
    return sum(secs for _, secs in weights) / max(1, len(weights))
