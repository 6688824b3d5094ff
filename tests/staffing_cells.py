"""The advisor against the simulation, zone by zone and hour by hour.

For each (day, zone, opening hour) the demo's arrival profile
(:mod:`workstation.domain.arrivals`) gives each service's customers per hour and
handling time. The advisor's answer is Erlang C's
:func:`workstation.domain.erlang.windows_needed` for the zone's total rate, its
rate-weighted mean handling time and its services' target, with the goals of the
service pack's ``[staffing]``. The simulation's answer is the fewest windows whose
simulated share called within target meets the goal with occupancy at most the
maximum, under the real queue rule (:mod:`tests.staffing_sim`).

Steady state, one long run per cell: Erlang C is a steady-state formula applied to
each hour, so the simulation plays that hour's rate for ``MEASURED`` customers
after ``WARMUP`` more (the queue forgets its empty start). One long run wastes one
warm-up, where replications would each waste theirs; replaying a single day of
history instead would judge the noise of a dozen customers an hour, not the
model. Every window count of a cell is played with the same customers (common
random numbers), so more windows is never worse by luck; the search starts at
Erlang's answer and walks down while the simulation still meets the goals, up
while it does not. Fewer windows than the offered load has no steady state: the
queue grows without end, the occupancy is 1, so the goal fails without playing it.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from forms.branch_pack import BranchPack
from forms.service_pack import Staffing as Goals
from tests.staffing_sim import EPOCH, Customer, poisson_customers, simulate, unstable, zone_windows
from workstation.domain import arrivals
from workstation.domain.erlang import Staffing, erlang_c, windows_needed
from workstation.domain.queue import Priority
from workstation.domain.queue_rule import QueueRule

WARMUP = 100
MEASURED = 700
DAYS = (
    ("workday", date(2026, 11, 24)),  # an ordinary Tuesday
    ("saturday", date(2026, 11, 28)),
    ("after holiday", date(2026, 10, 8)),  # the first working day after 国庆
)


@dataclass(frozen=True)
class Cell:
    day: str
    zone: str
    hour: int
    per_hour: float
    handling: float
    """The zone's mean handling seconds, weighted by each service's rate."""
    target: float
    """The zone's target wait in seconds (its strictest service's)."""
    erlang: Staffing
    simulated: int
    played: dict[int, tuple[float, float]]
    """Windows → simulated (share within target, occupancy), for each count played."""
    cv2: float
    """The squared coefficient of variation of the cell's drawn handling times (1 for
    exponential handling, which Erlang C assumes)."""
    fifo: dict[int, float] = field(default_factory=dict)
    """For a cell that differs: the share within target at the smaller count when the
    same customers are called first come first served (Erlang C's order)."""

    @property
    def agrees(self) -> bool:
        return self.erlang.windows == self.simulated

    @property
    def fewer(self) -> int:
        return min(self.erlang.windows, self.simulated)

    def corrected(self, windows: int) -> float:
        """Erlang C's share within target with the wait scaled by (1 + CV²)/2, the
        Allen–Cunneen correction for non-exponential handling (an approximation)."""
        formula = erlang_c(self.per_hour / 3600, self.handling, windows, self.target)
        if formula.service_level == 0:
            return 0.0
        spare = windows - formula.load
        scaled = spare * self.target / self.handling * 2 / (1 + self.cv2)
        return 1 - formula.p_wait * math.exp(-scaled)

    def why(self, goals: Goals) -> str:
        """Why the answers differ at the smaller count, with the figures that show it:
        the handling's spread (Erlang C corrected for it), the order (the same customers
        first come first served), or neither: the run's noise near the goal."""
        n = self.fewer
        level, busy = self.played.get(n, (0.0, 1.0))
        formula = erlang_c(self.per_hour / 3600, self.handling, n, self.target)
        corrected, in_order = self.corrected(n), self.fifo.get(n, level)
        figures = (
            f"at {n}: simulated {level:.0%} (busy {busy:.2f}), FIFO {in_order:.0%}; "
            f"Erlang C {formula.service_level:.0%} (busy {formula.occupancy:.2f}), "
            f"corrected for CV² {self.cv2:.2f} {corrected:.0%}"
        )
        goal = goals.service_level
        if self.simulated < self.erlang.windows:  # the simulation meets the goal with n
            if formula.occupancy > goals.max_occupancy:
                cause = "drawn handling under its mean (occupancy edge)"
            elif corrected >= goal and self.cv2 < 1:
                cause = "lognormal handling (CV² < 1) waits less than exponential"
            elif corrected > formula.service_level and self.cv2 < 1:
                cause = "lognormal handling (CV² < 1) lifts it to the goal's edge, noise the rest"
            elif in_order < goal:
                cause = "priority and aging help: first come first served misses"
            else:
                cause = "run noise near the goal"
        elif busy > goals.max_occupancy:
            cause = "drawn handling over its mean (occupancy edge)"
        elif in_order >= goal:
            cause = "priority and aging reorder the waits: first come first served meets"
        elif corrected < goal:
            cause = "handling more spread than exponential (CV² > 1)"
        else:
            cause = "run noise near the goal"
        return f"{cause} — {figures}"


def _mix(service: str) -> dict[Priority, float]:
    if service == arrivals.VIP_SERVICE:
        return {Priority.VIP: 1.0}
    return dict(arrivals.PRIORITY_MIX)


def _play(
    pack: BranchPack, zone: str, targets: dict[str, float], span: tuple[float, float]
) -> Callable[[int, Sequence[Customer], QueueRule], tuple[float, float]]:
    """Play one zone's windows over a measured span: (share within target, occupancy)."""

    def play(windows: int, customers: Sequence[Customer], rule: QueueRule) -> tuple[float, float]:
        out = simulate(
            customers, zone_windows(pack, zone, windows), rule=rule, targets=targets,
            warmup=span[0], until=span[1], origin=EPOCH,
        )  # fmt: skip
        return out.within(targets), out.occupancy

    return play


def _fewest(start: int, floor: int, meets: Callable[[int], bool]) -> int:
    """The fewest windows that meet the goals, walking from ``start`` (more never worse)."""
    windows = max(start, floor)
    if meets(windows):
        while windows > floor and meets(windows - 1):
            windows -= 1
        return windows
    windows += 1
    while not meets(windows):
        windows += 1
    return windows


def cell(
    pack: BranchPack, goals: Goals, label: str, day: date, zone: str, hour: int, seed: int = 0
) -> Cell:
    """One zone's hour: the advisor's windows and the simulation's."""
    services = [s for s in pack.services if s.zone == zone]
    rates = {s.key: arrivals.expected_arrivals(s.key, day, hour) for s in services}
    per_hour = sum(rates.values())
    spreads = {s.key: arrivals.handling(s.key) for s in services}
    targets = {s.key: s.target_wait.total_seconds() for s in services}
    if per_hour <= 0:
        return Cell(label, zone, hour, 0.0, 0.0, 0.0, erlang_c(0, 0, 0, 0), 0, {})
    handling = sum(rates[k] * spreads[k].mean_seconds for k in rates) / per_hour
    target = min(targets[k] for k, rate in rates.items() if rate > 0)
    advice = windows_needed(
        per_hour / 3600, handling, target, goals.service_level, goals.max_occupancy
    )
    rng = random.Random(f"{seed}/{label}/{zone}/{hour}")
    hours = (WARMUP + MEASURED) / per_hour
    customers = poisson_customers(
        rng, rates, hours, priority={k: _mix(k) for k in rates}, handling=spreads
    )
    play = _play(pack, zone, targets, (WARMUP / per_hour * 3600, hours * 3600))
    played: dict[int, tuple[float, float]] = {}

    def meets(windows: int) -> bool:
        if unstable(per_hour, handling, windows):
            played[windows] = (0.0, 1.0)
            return False
        level, busy = played[windows] = play(windows, customers, pack.rule)
        return level >= goals.service_level and busy <= goals.max_occupancy

    floor = math.floor(per_hour * handling / 3600) + 1
    simulated = _fewest(advice.windows, floor, meets)
    drawn = [c.handling_seconds for c in customers]
    cv2 = statistics.pvariance(drawn) / statistics.fmean(drawn) ** 2
    found = Cell(label, zone, hour, per_hour, handling, target, advice, simulated, played, cv2)
    if not found.agrees:  # the same customers in Erlang C's order
        found.fifo[found.fewer] = play(found.fewer, customers, QueueRule())[0]
    return found


def cells(
    pack: BranchPack, goals: Goals, days: tuple[tuple[str, date], ...] = DAYS, seed: int = 0
) -> list[Cell]:
    """Every (day, zone, opening hour) with customers; ``seed`` picks another run."""
    found = (
        cell(pack, goals, label, day, z.key, hour, seed)
        for label, day in days
        for z in pack.zones
        for hour in range(*goals.opening_hours)
    )
    return [c for c in found if c.per_hour > 0]


def agreement(found: list[Cell]) -> str:
    same = sum(c.agrees for c in found)
    return f"agreement {same}/{len(found)} = {same / len(found):.0%}"


def report(found: list[Cell], goals: Goals, *, every: bool = False) -> str:
    """The agreement figure and a table of the cells that differ (``every``: all cells)."""
    lines = [
        agreement(found),
        f"{'day':<13} {'zone':<9} {'hour':>4} {'λ/h':>5} {'AHT s':>6} {'A':>5} "
        f"{'Erlang N':>8} {'sim N':>5}  why they differ",
    ]
    for c in found:
        if c.agrees and not every:
            continue
        why = "" if c.agrees else c.why(goals)
        lines.append(
            f"{c.day:<13} {c.zone:<9} {c.hour:>4} {c.per_hour:>5.1f} {c.handling:>6.0f} "
            f"{c.erlang.load:>5.2f} {c.erlang.windows:>8} {c.simulated:>5}  {why}"
        )
    return "\n".join(lines)
