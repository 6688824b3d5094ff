"""One generated day at the windows: who is called when, by the real queue rule.

A small discrete-event loop (standard library) over the day's customers
(:func:`workstation.domain.arrivals.draw_arrivals`): a heap of the times each window
is next free; a free window calls, among the customers who have arrived and wait,
the one :func:`workstation.domain.queue_rule.choose_next` picks (its primary services
before overflow, priority weights and run cap from the pack, overdue normal tickets
first), walks them up (15-60 s), serves them for their handling time, wraps up
(10-90 s) and is free again. One call in twenty is a no-show (recalled after 30 s,
gone after 60 s). A window a pack counter does not describe serves every service.

Regular windows open at 08:00; each takes a 30-minute lunch pause, the first, third …
window at 12:00, the others at 12:30 (or when its customer leaves, if later), so the
lobby is never left without a window; they close at 17:00 or, later, once nobody they
could call waits. The flexible window (弹性窗口, 04 in the demo) opens only when it is
needed: a customer waits whom no regular window may call (the VIP zone has none), a
customer waits past their service's target, or ``FLEX_QUEUE`` or more wait; it closes
as soon as none of that holds. Customers of a service no given window may call do not
come (a one-window test branch sees only that window's services).
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from forms.branch_pack import BranchPack
from workstation.domain.arrivals import OPENING_HOURS, Arrival, draw_arrivals
from workstation.domain.queue import TicketEventKind
from workstation.domain.queue_rule import Candidate, choose_next, is_priority

FLEX_QUEUE = 6
"""This many waiting customers open the flexible window."""
NO_SHOW_SHARE = 0.05
LUNCH = timedelta(minutes=30)


@dataclass(frozen=True)
class Window:
    counter: str
    teller: str


@dataclass
class Visit:
    """One customer's ticket: ``window`` is None until called."""

    arrival: Arrival
    number: int
    """Per service and day, from 1 in order of arrival."""
    ticket_id: int
    window: Window | None = None
    no_show: bool = False
    called: datetime | None = None
    started: datetime | None = None
    finished: datetime | None = None


@dataclass(frozen=True)
class Shift:
    """A window's open, pause, resume or close."""

    kind: TicketEventKind
    at: datetime
    window: Window


@dataclass
class Day:
    visits: list[Visit]
    shifts: list[Shift]


@dataclass
class _Desk:
    window: Window
    primary: frozenset[str]
    overflow: frozenset[str]
    flexible: bool
    lunch: datetime | None
    """When its lunch pause is due (None: taken, or a flexible window, which takes none)."""
    open: bool = False
    run: int = 0
    """Priority calls in a row."""

    def may_call(self, service: str) -> bool:
        return service in self.primary or service in self.overflow


def _desks(pack: BranchPack, windows: Sequence[Window], noon: datetime) -> list[_Desk]:
    every = frozenset(spec.key for spec in pack.services)
    desks = []
    for n, window in enumerate(windows):
        spec = pack.counter(window.counter)
        primary, overflow = pack.services_for(window.counter)
        flexible = spec is not None and spec.flexible
        lunch = None if flexible else noon + LUNCH * (n % 2)
        if spec is None:  # not in the pack: serves everything
            primary, overflow = tuple(every), ()
        desks.append(_Desk(window, frozenset(primary), frozenset(overflow), flexible, lunch))
    return desks


class _Loop:
    def __init__(self, rng: random.Random, pack: BranchPack, day: Day, desks: list[_Desk],
                 close: datetime) -> None:  # fmt: skip
        self.rng, self.pack, self.day, self.desks, self.close = rng, pack, day, desks, close
        self.targets = {spec.key: spec.target_wait for spec in pack.services}
        self.waiting: list[Visit] = []
        self.next = 0
        """The index of the first visit still to arrive."""

    def shift(self, kind: TicketEventKind, at: datetime, desk: _Desk) -> None:
        self.day.shifts.append(Shift(kind, at, desk.window))
        desk.open = kind in (TicketEventKind.WINDOW_OPEN, TicketEventKind.WINDOW_RESUME)

    def arrive(self, now: datetime) -> None:
        visits = self.day.visits
        while self.next < len(visits) and visits[self.next].arrival.at <= now:
            self.waiting.append(visits[self.next])
            self.next += 1

    def upcoming(self, desk: _Desk | None) -> datetime | None:
        """When the next customer ``desk`` may call (any, for None) arrives."""
        for visit in self.day.visits[self.next :]:
            if desk is None or desk.may_call(visit.arrival.service):
                return visit.arrival.at
        return None

    def flex_needed(self, now: datetime) -> bool:
        regular = [d for d in self.desks if not d.flexible]
        for visit in self.waiting:
            service = visit.arrival.service
            if not any(d.may_call(service) for d in regular):
                return True
            if now - visit.arrival.at > self.targets[service]:
                return True
        return len(self.waiting) >= FLEX_QUEUE

    def candidate(self, desk: _Desk, visit: Visit) -> Candidate | None:
        service = visit.arrival.service
        if not desk.may_call(service):
            return None
        return Candidate(
            visit.ticket_id, "", service, visit.arrival.priority, visit.arrival.at,
            self.targets[service], overflow=service not in desk.primary,
        )  # fmt: skip

    def call(self, desk: _Desk, now: datetime) -> Visit | None:
        rule = self.pack.rule
        cands = [c for v in self.waiting if (c := self.candidate(desk, v)) is not None]
        chosen = choose_next(cands, counter=desk.window.counter, now=now,
                             priority_run=desk.run, rule=rule)  # fmt: skip
        if chosen is None:
            return None
        visit = next(v for v in self.waiting if v.ticket_id == chosen.ticket_id)
        self.waiting.remove(visit)
        desk.run = desk.run + 1 if is_priority(rule, chosen.priority) else 0
        return visit

    def serve(self, desk: _Desk, visit: Visit, now: datetime) -> datetime:
        """Serve ``visit`` from ``now``; when ``desk`` is free again."""
        visit.window, visit.called = desk.window, now
        if self.rng.random() < NO_SHOW_SHARE:
            visit.no_show, visit.finished = True, now + timedelta(seconds=60)
            return visit.finished
        visit.started = now + timedelta(seconds=self.rng.randint(15, 60))
        visit.finished = visit.started + timedelta(seconds=visit.arrival.handling_seconds)
        return visit.finished + timedelta(seconds=self.rng.randint(10, 90))

    def step(self, desk: _Desk, now: datetime) -> datetime | None:
        """``desk`` is free at ``now``: what it does; when it is next free (None: done)."""
        self.arrive(now)
        if desk.flexible:
            return self.step_flexible(desk, now)
        if desk.lunch is not None and now >= desk.lunch:
            self.shift(TicketEventKind.WINDOW_PAUSE, now, desk)
            self.shift(TicketEventKind.WINDOW_RESUME, now + LUNCH, desk)
            desk.lunch = None
            return now + LUNCH
        visit = self.call(desk, now)
        if visit is not None:
            return self.serve(desk, visit, now)
        arrives = self.upcoming(desk)
        if now >= self.close and (arrives is None or arrives > now):
            self.shift(TicketEventKind.WINDOW_CLOSE, now, desk)
            return None
        wake = [t for t in (arrives, desk.lunch, self.close) if t is not None and t > now]
        return min(wake, default=self.close)

    def step_flexible(self, desk: _Desk, now: datetime) -> datetime | None:
        if self.flex_needed(now):
            if not desk.open:
                self.shift(TicketEventKind.WINDOW_OPEN, now, desk)
            visit = self.call(desk, now)
            if visit is not None:
                return self.serve(desk, visit, now)
        if desk.open:
            self.shift(TicketEventKind.WINDOW_CLOSE, now, desk)
        arrives = self.upcoming(None)
        if arrives is None and not self.waiting:
            return None
        soon = now + timedelta(minutes=5)  # a wait may pass its target meanwhile
        return soon if arrives is None else min(arrives, soon)

    def run(self, opened: datetime) -> None:
        heap = []
        for n, desk in enumerate(self.desks):
            if not desk.flexible:
                self.shift(TicketEventKind.WINDOW_OPEN, opened, desk)
            heap.append((opened, n))
        heapq.heapify(heap)
        while heap:
            now, n = heapq.heappop(heap)
            free = self.step(self.desks[n], now)
            if free is not None:
                heapq.heappush(heap, (free, n))


def serve_day(rng: random.Random, pack: BranchPack, windows: Sequence[Window], day: date,
              zone: tzinfo, first_id: int, crowd: int = 1) -> Day:  # fmt: skip
    """``day`` at ``windows``: its customers (``crowd`` times the demo branch's, ids from
    ``first_id`` + 1, numbered per service) and what the windows did."""
    start = datetime.combine(day, time(), zone)
    desks = _desks(pack, windows, start + timedelta(hours=12))
    arrivals = sorted(
        (a for _ in range(crowd) for a in draw_arrivals(rng, day, zone)
         if any(d.may_call(a.service) for d in desks)),
        key=lambda a: a.at,
    )  # fmt: skip
    numbers: dict[str, int] = {}
    visits = []
    for n, arrival in enumerate(arrivals, start=first_id + 1):
        numbers[arrival.service] = numbers.get(arrival.service, 0) + 1
        visits.append(Visit(arrival, numbers[arrival.service], n))
    served = Day(visits, [])
    if visits:
        opens, closes = (start + timedelta(hours=hour) for hour in OPENING_HOURS)
        _Loop(rng, pack, served, desks, closes).run(opens)
    return served
