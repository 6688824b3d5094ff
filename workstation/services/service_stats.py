"""Service statistics (服务统计) of a period: per teller, counter, service and the branch.

Counts and sums are grouped in SQL (``workstation/services/stats_queries.py``);
only the percentiles are taken in Python, over the served tickets' waits and
serve times fetched as numbers. The figures and their definitions are in
``workstation/services/stats_figures.py``; other parts of the branch add
figures (opinions, incidents) through :class:`FigureProvider`.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.branch_pack import BranchPack
from workstation.db.engine import Database
from workstation.db.models import Staff
from workstation.domain.clock import Clock, local_date
from workstation.domain.errors import WorkstationError
from workstation.domain.queue import TicketEventKind
from workstation.services import stats_queries as q
from workstation.services.stats_figures import (
    Dimension,
    ExtraFigure,
    FigureProvider,
    Figures,
    Group,
    ServiceStats,
)

__all__ = [
    "ServiceStatsError",
    "ServiceStatsService",
    "StatsProviders",
]

OPENS = (str(TicketEventKind.WINDOW_OPEN), str(TicketEventKind.WINDOW_RESUME))
ROUNDING = 0.0005
"""Seconds the database's arithmetic may be off (julianday): a wait of exactly the target
meets it."""
MAX_DAYS = 400
"""The longest period a report covers (a year and some)."""

Cell = tuple[str, str | None, str | None]
"""(service, counter, teller): the finest grouping the queries return."""


Tallies = dict[tuple[Dimension, str | None], "_Tally"]


class ServiceStatsError(WorkstationError):
    """A statistics request was refused (a period that ends before it starts …)."""


@dataclass
class _Tally:
    served: int = 0
    no_shows: int = 0
    serve_total: float = 0.0
    rated: int = 0
    satisfied: int = 0
    late: int = 0
    overrides: int = 0
    waits: list[list[int]] = field(default_factory=list)
    """The sorted waits of each cell in the group (runs: never merged, see nearest_rank_of)."""
    serves: list[list[int]] = field(default_factory=list)
    sla_met: int = 0

    def figures(self, open_seconds: float | None, overrides: bool) -> Figures:
        waits, serves, served = self.waits, self.serves, self.served
        return Figures(
            served=served,
            no_shows=self.no_shows,
            wait_p50=nearest_rank_of(waits, 50),
            wait_p90=nearest_rank_of(waits, 90),
            serve_p50=nearest_rank_of(serves, 50),
            serve_mean=_r(self.serve_total / served) if served else None,
            serve_total=round(self.serve_total, 1),
            sla_met=self.sla_met,
            rated=self.rated,
            satisfied=self.satisfied,
            late_ratings=self.late,
            open_seconds=None if open_seconds is None else round(open_seconds, 1),
            overrides=self.overrides if overrides else None,
        )


def nearest_rank_of(runs: list[list[int]], p: float) -> int | None:
    """The p-th percentile by nearest rank of the values of several sorted runs, without
    merging them: the least value v with at least ⌈p·n⌉ values ≤ v, by bisection over
    the (whole-second) values, counting each run by bisection too."""
    n = sum(len(run) for run in runs)
    if not n:
        return None
    rank = max(1, math.ceil(p / 100 * n))
    low = min(run[0] for run in runs if run)
    high = max(run[-1] for run in runs if run)
    while low < high:
        middle = (low + high) // 2
        if sum(bisect_right(run, middle) for run in runs) >= rank:
            high = middle
        else:
            low = middle + 1
    return low


def _r(seconds: float | None) -> float | None:
    """Durations to a tenth of a second (the database's arithmetic is not exact)."""
    return None if seconds is None else round(seconds, 1)


def _keys(cell: Cell) -> tuple[tuple[Dimension, str | None], ...]:
    service, counter, teller = cell
    return (
        (Dimension.OVERALL, ""),
        (Dimension.TELLER, teller),
        (Dimension.COUNTER, counter),
        (Dimension.SERVICE, service),
    )


class StatsProviders(list[FigureProvider]):
    """The extra figure providers (opinions, incidents …): append one to add its figures."""


class ServiceStatsService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        branch_code: str,
        pack: BranchPack,
        providers: Iterable[FigureProvider] = (),
    ) -> None:
        self.db, self.clock, self.branch_code, self.pack = db, clock, branch_code, pack
        self.providers = StatsProviders(providers)
        self._targets = {spec.key: spec.target_wait.total_seconds() for spec in pack.services}

    def today(self) -> ServiceStats:
        day = local_date(self.clock)
        return self.period(day, day)

    def period(self, first: date, last: date) -> ServiceStats:
        """The figures of business dates ``first`` … ``last`` (both included)."""
        if last < first:
            raise ServiceStatsError("stats.error.period", first=first, last=last)
        if (last - first).days >= MAX_DAYS:
            raise ServiceStatsError("stats.error.too_long", days=MAX_DAYS)
        zone = self.clock.zone
        start = datetime.combine(first, time(), zone)
        end = datetime.combine(last + timedelta(days=1), time(), zone)
        period = q.Period(self.branch_code, first, last, start, end)
        extras = [f for p in self.providers for f in p.figures(self.branch_code, first, last)]
        tallies: Tallies = defaultdict(_Tally)
        for figure in extras:  # a group only a provider counted (a teller with no ticket)
            tallies[(figure.dimension, figure.group)]
        with self.db.read() as s:
            self._no_shows(q.no_show_counts(s, period), tallies)
            self._served(q.served(s, period), tallies)
            opened = self._open_time(q.window_events(s, period), end)
            self._overrides(q.override_counts(s, period), tallies)
            names = self._names(s, tallies)
        return self._stats(period, tallies, opened, names, extras)

    # -- adding up ---------------------------------------------------------------------

    def _no_shows(self, rows: Sequence[Any], tallies: Tallies) -> None:
        for service, counter, teller, n in rows:
            for key in _keys((service, counter, teller)):
                tallies[key].no_shows += n

    def _served(self, rows: Sequence[Any], tallies: Tallies) -> None:
        """Each cell's served tickets and ratings into the four groups it belongs to; its
        waits sorted once, its SLA counted by bisection (sorting runs already sorted, as
        the groups then do, is a merge)."""
        for service, counter, teller, n, waits_text, serves_text, *rated in rows:
            waits = sorted(map(int, waits_text.split(",")))
            serves = sorted(map(int, serves_text.split(",")))
            met = bisect_right(waits, self._targets.get(service, 0.0) + ROUNDING)
            serve = sum(serves)
            for key in _keys((service, counter, teller)):
                tally = tallies[key]
                tally.served += n
                tally.sla_met += met
                tally.serve_total += serve
                tally.waits.append(waits)
                tally.serves.append(serves)
                tally.rated += rated[0]
                tally.satisfied += rated[1]
                tally.late += rated[2]

    def _overrides(self, rows: Sequence[Any], tallies: Tallies) -> None:
        for teller, counter, n in rows:
            for key in ((Dimension.OVERALL, ""), (Dimension.TELLER, teller)):
                tallies[key].overrides += n
            if counter is not None:
                tallies[(Dimension.COUNTER, counter)].overrides += n

    def _open_time(self, rows: Sequence[Any], end: datetime) -> dict[str, float]:
        """Seconds each window was open: from open or resume to pause or close, never past
        the end of the day it opened, the period's end or now."""
        now, zone = self.clock.now(), self.clock.zone
        opened: dict[str, float] = defaultdict(float)
        since: dict[str, datetime] = {}

        def add(counter: str, start: datetime, stop: datetime) -> None:
            day_end = datetime.combine(start.astimezone(zone).date() + timedelta(days=1), time())
            bound = min(stop, day_end.replace(tzinfo=zone), end, now)
            opened[counter] += max(0.0, (bound - start).total_seconds())

        for counter, kind, at in rows:
            if kind in OPENS:
                since.setdefault(counter, at)
            elif counter in since:
                add(counter, since.pop(counter), at)
        for counter, start in since.items():
            add(counter, start, end)
        return dict(opened)

    def _names(self, s: Session, tallies: Tallies) -> dict[str, str]:
        ids = [k for d, k in tallies if d is Dimension.TELLER and k]
        rows = s.execute(select(Staff.staff_id, Staff.name).where(Staff.staff_id.in_(ids)))
        return {staff_id: name for staff_id, name in rows}

    # -- the result --------------------------------------------------------------------

    def _stats(
        self,
        period: q.Period,
        tallies: Tallies,
        opened: dict[str, float],
        names: dict[str, str],
        extras: list[ExtraFigure],
    ) -> ServiceStats:
        for counter in opened:
            tallies[(Dimension.COUNTER, counter)]  # a window open but serving nobody
        tallies[(Dimension.OVERALL, "")]
        extra_by: dict[tuple[Dimension, str], list[ExtraFigure]] = defaultdict(list)
        for figure in extras:
            extra_by[(figure.dimension, figure.group)].append(figure)
        groups: dict[Dimension, list[Group]] = defaultdict(list)
        for (dimension, key), tally in tallies.items():
            if key is None:
                continue  # a ticket closed without a teller or counter: only in the totals
            group = self._group(dimension, key, tally, opened, names)
            found = tuple(extra_by.get((dimension, key), ()))
            groups[dimension].append(replace(group, figures=replace(group.figures, extra=found)))
        for listed in groups.values():
            listed.sort(key=self._order)
        keys = tuple(dict.fromkeys((f.key, f.zh, f.en) for f in extras))
        return ServiceStats(
            branch_code=period.branch,
            first=period.first,
            last=period.last,
            computed_at=self.clock.now(),
            overall=groups[Dimension.OVERALL][0],
            tellers=tuple(groups[Dimension.TELLER]),
            counters=tuple(groups[Dimension.COUNTER]),
            services=tuple(groups[Dimension.SERVICE]),
            extra_keys=keys,
        )

    def _order(self, group: Group) -> tuple[int, str]:
        order = [spec.key for spec in self.pack.services]
        if group.dimension is Dimension.SERVICE and group.key in order:
            return order.index(group.key), group.key
        return len(order), group.key

    def _group(
        self,
        dimension: Dimension,
        key: str,
        tally: _Tally,
        opened: dict[str, float],
        names: dict[str, str],
    ) -> Group:
        if dimension is Dimension.OVERALL:
            figures = tally.figures(sum(opened.values()), overrides=True)
            return Group(dimension, key, "全网点", "Branch", figures)
        if dimension is Dimension.COUNTER:
            figures = tally.figures(opened.get(key, 0.0), overrides=True)
            return Group(dimension, key, f"{key}号窗口", f"Window {key}", figures)
        if dimension is Dimension.TELLER:
            figures = tally.figures(None, overrides=True)
            return Group(dimension, key, names.get(key, ""), "", figures)
        spec = self.pack.service(key)
        figures = tally.figures(None, overrides=False)
        if spec is None:
            return Group(dimension, key, key, key, figures)
        target = spec.target_wait.total_seconds()
        return Group(dimension, key, spec.name_zh, spec.name_en, figures, target)
