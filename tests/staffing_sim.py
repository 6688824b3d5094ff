"""A discrete-event simulation (simpy) of the branch's windows under the REAL queue rule.

Erlang C (:mod:`workstation.domain.erlang`) assumes one first-come-first-served
queue and exponential handling times. The branch calls by
:func:`workstation.domain.queue_rule.choose_next`: priority classes by the pack's
weights, at most ``priority_run_cap`` priority calls in a row per window (each
window's run is tracked here as ``services/queue_calls.py`` tracks it), a normal
ticket past its service's target overtaking priority (aging: ``choose_next`` sees
``now``), and the flexible window 04 calling every service as overflow while it is
open (:meth:`forms.branch_pack.BranchPack.services_for`). This module plays that rule
against given arrivals, so ``tests/test_staffing_simulation.py`` can check the
advisor's window counts against it.

``python -m tests.staffing_sim`` prints the agreement table the test asserts on.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Protocol

import simpy

from forms.branch_pack import BranchPack
from workstation.domain.queue import Priority
from workstation.domain.queue_rule import Candidate, QueueRule, choose_next

EPOCH = datetime(2026, 11, 24, tzinfo=UTC)
FLEXIBLE = "04"


class ArrivalLike(Protocol):
    """A customer: :class:`workstation.domain.arrivals.Arrival` is one."""

    @property
    def at(self) -> datetime: ...
    @property
    def service(self) -> str: ...
    @property
    def priority(self) -> Priority: ...
    @property
    def handling_seconds(self) -> float: ...


class Draws(Protocol):
    """A handling-time distribution: :class:`workstation.domain.arrivals.HandlingTime` is one."""

    def draw(self, rng: random.Random) -> float: ...


@dataclass(frozen=True)
class Customer:
    at: datetime
    service: str
    priority: Priority
    handling_seconds: float


@dataclass(frozen=True)
class Window:
    """An open window: the services it calls first, and those it calls only when none waits."""

    counter: str
    primary: tuple[str, ...]
    overflow: tuple[str, ...] = ()


@dataclass(frozen=True)
class Served:
    service: str
    priority: Priority
    arrived: float
    """Seconds after the first arrival."""
    wait: float
    counter: str


@dataclass(frozen=True)
class Outcome:
    served: tuple[Served, ...]
    """The customers who arrived inside the measured span, in call order."""
    occupancy: float
    """Busy window-seconds inside the measured span over ``windows × span``."""
    left: tuple[str, ...] = ()
    """The services of the customers no open window may call: they wait for ever."""

    def within(self, targets: Mapping[str, float]) -> float:
        """The share called within their service's target wait (1 with nobody at all);
        a customer left uncalled counts as late."""
        if not self.served and not self.left:
            return 1.0
        in_time = sum(s.wait <= targets[s.service] for s in self.served)
        return in_time / (len(self.served) + len(self.left))

    @property
    def average_wait(self) -> float:
        return sum(s.wait for s in self.served) / len(self.served) if self.served else 0.0


def zone_windows(pack: BranchPack, zone: str, count: int) -> list[Window]:
    """``count`` windows for ``zone``: its own counters from the pack first, then the
    flexible window 04 (overflow for every service, as the pack opens it), then more
    windows like the zone's first one (a second teller at a spare desk)."""
    services = tuple(s.key for s in pack.services if s.zone == zone)
    own = [
        Window(c.number, *pack.services_for(c.number))
        for c in pack.counters
        if not c.flexible and set(c.primary) & set(services)
    ]
    flexible = [Window(c.number, *pack.services_for(c.number)) for c in pack.counters if c.flexible]
    chosen = (own + flexible)[:count]
    spare = own[0] if own else Window("", services)
    chosen += [replace(spare, counter=f"x{n}") for n in range(len(chosen) + 1, count + 1)]
    return chosen


class _Branch:
    def __init__(
        self,
        env: simpy.Environment,
        windows: Sequence[Window],
        rule: QueueRule,
        targets: Mapping[str, float],
        span: tuple[float, float],
    ) -> None:
        self.env, self.rule, self.span = env, rule, span
        self.targets = {k: timedelta(seconds=v) for k, v in targets.items()}
        self.waiting: dict[int, tuple[Candidate, Candidate, float, float]] = {}
        """Ticket id → (candidate, the same through overflow, arrival second, handling)."""
        self.idle: list[tuple[Window, simpy.Event]] = []
        """Windows with nothing to call, each waiting to be woken by an arrival."""
        self.served: list[Served] = []
        self.busy = 0.0
        for window in windows:
            env.process(self._window(window))

    def arrive(self, ticket: int, customer: Customer, second: float, _: object = None) -> None:
        at, target = EPOCH + timedelta(seconds=second), self.targets[customer.service]
        label, service, priority = f"T{ticket}", customer.service, customer.priority
        cand = Candidate(ticket, label, service, priority, at, target)
        over = Candidate(ticket, label, service, priority, at, target, overflow=True)
        self.waiting[ticket] = (cand, over, second, customer.handling_seconds)
        # the first idle window with the service as primary, else as overflow, calls it
        # (an idle window had nothing to call, so the newcomer is all it may take)
        for side in ("primary", "overflow"):
            for n, (window, wake) in enumerate(self.idle):
                if service in getattr(window, side):
                    del self.idle[n]
                    wake.succeed()
                    return

    def _callable(self, window: Window) -> list[Candidate]:
        found = []
        for cand, over, _, _ in self.waiting.values():
            if cand.service in window.primary:
                found.append(cand)
            elif cand.service in window.overflow:
                found.append(over)
        return found

    def _window(self, window: Window) -> Iterable[simpy.Event]:
        run = 0  # priority calls in a row at this window
        while True:
            now = EPOCH + timedelta(seconds=self.env.now)
            chosen = choose_next(
                self._callable(window), counter=window.counter, now=now,
                priority_run=run, rule=self.rule,
            )  # fmt: skip
            if chosen is None:
                wake = self.env.event()
                self.idle.append((window, wake))
                yield wake
                continue
            cand, _, arrived, handling = self.waiting.pop(chosen.ticket_id)
            run = run + 1 if self.rule.weight(cand.priority) > 0 else 0
            start, (lo, hi) = self.env.now, self.span
            if lo <= arrived <= hi:
                self.served.append(
                    Served(cand.service, cand.priority, arrived, start - arrived, window.counter)
                )
            self.busy += max(0.0, min(hi, start + handling) - max(lo, start))
            yield self.env.timeout(handling)


def simulate(
    customers: Sequence[ArrivalLike],
    windows: Sequence[Window],
    *,
    rule: QueueRule,
    targets: Mapping[str, float],
    warmup: float = 0.0,
    until: float | None = None,
    origin: datetime | None = None,
) -> Outcome:
    """Play ``customers`` (by arrival) through ``windows`` under ``rule``. Waits and
    occupancy are measured for arrivals from ``warmup`` to ``until`` seconds after
    ``origin`` (default: from the first arrival to the last); everyone is served."""
    if not customers:
        return Outcome((), 0.0)
    first = min(c.at for c in customers) if origin is None else origin
    seconds = [(c.at - first).total_seconds() for c in customers]
    end = max(seconds) if until is None else until
    env = simpy.Environment()
    branch = _Branch(env, windows, rule, targets, (warmup, end))

    ordered = sorted(zip(seconds, customers, strict=True), key=lambda pair: pair[0])
    for ticket, (second, c) in enumerate(ordered):  # every arrival scheduled up front
        customer = Customer(c.at, c.service, c.priority, c.handling_seconds)
        env.timeout(second).callbacks.append(partial(branch.arrive, ticket, customer, second))
    env.run()
    measured = max(end - warmup, 1e-9) * len(windows)
    left = tuple(
        cand.service for cand, _, arrived, _ in branch.waiting.values() if warmup <= arrived <= end
    )
    return Outcome(tuple(branch.served), branch.busy / measured if windows else 1.0, left)


def poisson_customers(
    rng: random.Random,
    per_hour: Mapping[str, float],
    hours: float,
    *,
    priority: Mapping[str, Mapping[Priority, float]],
    handling: Mapping[str, Draws],
) -> list[Customer]:
    """Steady arrivals: each service a Poisson stream at its hourly rate for ``hours``;
    ``priority[service]`` the class mix, ``handling[service].draw(rng)`` the seconds."""
    out: list[Customer] = []
    for service, rate in per_hour.items():
        if rate <= 0:
            continue
        classes, weights = tuple(priority[service]), tuple(priority[service].values())
        cumulative = [sum(weights[: n + 1]) for n in range(len(weights))]
        draw = handling[service].draw
        t = rng.expovariate(rate / 3600)
        while t < hours * 3600:
            klass = rng.choices(classes, cum_weights=cumulative)[0]
            out.append(Customer(EPOCH + timedelta(seconds=t), service, klass, draw(rng)))
            t += rng.expovariate(rate / 3600)
    out.sort(key=lambda c: c.at)
    return out


def unstable(per_hour: float, handling_seconds: float, windows: int) -> bool:
    """No steady state: the queue grows without end (occupancy would be 1)."""
    return windows <= per_hour * handling_seconds / 3600 or not math.isfinite(handling_seconds)


def main() -> None:
    """Print the advisor-against-simulation table (every cell) and the agreement figure."""
    from forms.branch_pack import load_branch_pack
    from forms.service_pack import load_service_pack
    from tests.staffing_cells import cells, report

    goals = load_service_pack().staffing
    print(report(cells(load_branch_pack(), goals), goals, every=True))


if __name__ == "__main__":
    main()
