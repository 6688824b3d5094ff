"""90 days of a 20-counter branch for benchmarks/service_report.py, written in bulk.

20 tellers (T101-T120, as in benchmarks/eod_seed.py) each keep one window
(05-24) from 08:30 to 17:00 with a lunch pause 12:00-13:00; each serves the
day's tickets back to back (services drawn over the pack's, waits 0-30 min,
serve 1-7 min); 5 % are no-shows (called, recalled, no-show). Every served
ticket asks a rating: 80 % answered (mostly 非常满意 or 满意, 3 % of them
late), the rest 未评价. Events: issue, call, start, finish (or call, recall,
no-show) per ticket, and the windows' open, pause, resume and close.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, insert, select

from benchmarks.eod_seed import TELLERS
from workstation.db.models import Counter, Staff
from workstation.db.queue import Ticket, TicketEvent
from workstation.db.ratings import Rating

CHUNK = 20_000
LEVELS = (1, 2, 3, 4, 5)
LEVEL_WEIGHTS = (45, 35, 12, 6, 2)


def _staff_and_counters(s, start: datetime) -> None:
    password = s.scalar(select(Staff.password_hash).where(Staff.staff_id == "T001"))
    have_staff = set(s.scalars(select(Staff.staff_id)))
    have_counters = set(s.scalars(select(Counter.number)))
    staff = [
        dict(staff_id=sid, branch_code="SH01", name=name, role="teller", level=0,
             password_hash=password, created_at=start, password_changed_at=start)
        for sid, _, name in TELLERS if sid not in have_staff
    ]  # fmt: skip
    counters = [
        dict(branch_code="SH01", number=c, name_zh=f"{c} 号柜台", name_en=f"Counter {c}")
        for _, c, _ in TELLERS
        if c not in have_counters
    ]
    for model, rows in ((Staff, staff), (Counter, counters)):
        if rows:
            s.execute(insert(model), rows)


class _Book:
    def __init__(self, first_ticket: int, first_rating: int) -> None:
        self.tickets: list[dict] = []
        self.events: list[dict] = []
        self.ratings: list[dict] = []
        self.next_ticket, self.next_rating = first_ticket, first_rating
        self.numbers: dict[tuple[date, str], int] = defaultdict(int)

    def event(self, kind: str, at: datetime, counter: str, staff: str, ticket: int | None) -> None:
        self.events.append(
            dict(branch_code="SH01", ticket_id=ticket, kind=kind, at=at, counter=counter,
                 staff=staff, detail="{}")
        )  # fmt: skip


def _window_day(book: _Book, rng, day: date, counter: str, teller: str, services) -> None:
    base = datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(hours=8)  # 00:00 local
    opened, lunch, back, closed = (base + timedelta(hours=h) for h in (8.5, 12, 13, 17))
    book.event("window_open", opened, counter, teller, None)
    now = base + timedelta(hours=9)
    paused = False
    while now < closed - timedelta(minutes=12):
        if not paused and now >= lunch:
            book.event("window_pause", lunch, counter, teller, None)
            book.event("window_resume", back, counter, teller, None)
            now, paused = back, True
        spec = rng.choice(services)
        book.numbers[(day, spec.key)] += 1
        number = book.numbers[(day, spec.key)]
        tid = book.next_ticket
        book.next_ticket += 1
        arrived = now - timedelta(seconds=rng.randint(0, 1800))
        no_show = rng.random() < 0.05
        started = now + timedelta(seconds=30)
        finished = started + timedelta(seconds=rng.randint(60, 420))
        book.tickets.append(
            dict(id=tid, branch_code="SH01", business_date=day, service=spec.key, number=number,
                 label=f"{spec.prefix}{number:03d}", priority="none",
                 status="no_show" if no_show else "done", arrived_at=arrived, queued_at=arrived,
                 issued_by="L001", counter=counter, teller=teller, calls=2 if no_show else 1,
                 called_at=now, started_at=None if no_show else started,
                 finished_at=now + timedelta(seconds=60) if no_show else finished,
                 triage_error=False)
        )  # fmt: skip
        book.event("issue", arrived, counter, "L001", tid)
        book.event("call", now, counter, teller, tid)
        if no_show:
            book.event("recall", now + timedelta(seconds=30), counter, teller, tid)
            book.event("no_show", now + timedelta(seconds=60), counter, teller, tid)
            now += timedelta(seconds=60)
            continue
        book.event("start", started, counter, teller, tid)
        book.event("finish", finished, counter, teller, tid)
        answered = rng.random() < 0.8
        book.ratings.append(
            dict(id=book.next_rating, branch_code="SH01", ticket_id=tid, counter=counter,
                 teller=teller, asked_at=finished, answered_at=finished + timedelta(seconds=20),
                 status="answered" if answered else "unrated",
                 level=rng.choices(LEVELS, LEVEL_WEIGHTS)[0] if answered else None,
                 reasons="[]", late=answered and rng.random() < 0.03)
        )  # fmt: skip
        book.next_rating += 1
        now = finished + timedelta(seconds=rng.randint(0, 60))
    book.event("window_close", closed, counter, teller, None)


def seed(station, last: date, days: int, rng_seed: int = 11) -> int:
    """Write ``days`` business days ending ``last``; the number of tickets written."""
    rng = random.Random(rng_seed)
    services = station.queue.pack.services
    first = last - timedelta(days=days - 1)
    with station.db.write() as s:
        _staff_and_counters(s, datetime(first.year, first.month, first.day, tzinfo=UTC))
        first_ticket = (s.scalar(select(func.max(Ticket.id))) or 0) + 1
        first_rating = (s.scalar(select(func.max(Rating.id))) or 0) + 1
        book = _Book(first_ticket, first_rating)
        for n in range(days):
            day = first + timedelta(days=n)
            for teller, counter, _ in TELLERS:
                _window_day(book, rng, day, counter, teller, services)
        tables = ((Ticket, book.tickets), (TicketEvent, book.events), (Rating, book.ratings))
        for model, rows in tables:
            for at in range(0, len(rows), CHUNK):
                s.execute(insert(model), rows[at : at + CHUNK])
    return len(book.tickets)
