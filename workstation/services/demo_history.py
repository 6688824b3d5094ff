"""Weeks of a branch's past service, generated: tickets, their events, ratings, opinions.

For the demo (eight weeks, so the statistics and the periodic report show
something real) and the service report's benchmark (90 days of 20 windows).
Each window opens at 08:30, pauses for lunch 12:00-13:00 and closes at 17:00
on every working day (holidays and 调休 days from ``chinese_calendar``); it
serves its primary services' tickets back to back, at its own pace; one in
twenty is a no-show (called, recalled, gone). Four in five served customers
answer the pad (mostly 非常满意 or 满意, now and then late); a 不满意 or worse
opens a follow-up complaint, closed mostly within its 15 working days.
Suggestions and praise come in the opinion book now and then.

Rows are written in bulk with ids of their own, each with the journal entry the
live services write for it (:meth:`Journal.append_recorded`), at its own time,
after one ``history.generated`` entry that says what follows and why.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from forms.branch_pack import BranchPack, ServiceSpec
from workstation.db.opinions import Opinion
from workstation.db.queue import Ticket, TicketEvent
from workstation.db.ratings import Rating
from workstation.domain.opinion import Channel, OpinionKind, OpinionStatus
from workstation.domain.queue import TicketEventKind
from workstation.domain.rating import RatingStatus, Reason
from workstation.domain.workdays import add_working_days, is_working_day
from workstation.services.journal import Journal, Recorded, Where
from workstation.services.opinions import follow_up_content

LEVELS, LEVEL_WEIGHTS = (1, 2, 3, 4, 5), (55, 34, 8, 2, 1)
"""非常满意 … 非常不满意, as a branch's pads read over weeks."""
NOTES = (
    (OpinionKind.SUGGESTION, Channel.BOOK, "建议大堂增加老花镜和填单笔。"),
    (OpinionKind.SUGGESTION, Channel.PHONE, "希望午间也开放两个窗口。"),
    (OpinionKind.PRAISE, Channel.BOOK, "柜员讲解耐心细致，非常感谢。"),
    (OpinionKind.PRAISE, Channel.LETTER, "理赔办理快，表扬窗口工作人员。"),
    (OpinionKind.COMPLAINT, Channel.PHONE, "排队时间过长，叫号不清楚。"),
)


@dataclass(frozen=True)
class Window:
    counter: str
    teller: str
    minutes: tuple[int, int] = (3, 9)
    """The serving time's range at this window, in minutes."""


Row = dict[str, Any]


@dataclass
class _Rows:
    branch: str
    zone: tzinfo
    until: datetime
    """Nothing happens after this (the end of the last day): later steps are still to come."""
    ids: dict[str, int]
    """The last id of each table."""
    tickets: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    ratings: list[Row] = field(default_factory=list)
    opinions: list[Row] = field(default_factory=list)
    entries: list[Recorded] = field(default_factory=list)
    numbers: dict[tuple[date, str], int] = field(default_factory=lambda: defaultdict(int))

    def next(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def event(
        self, kind: TicketEventKind, at: datetime, window: Window, ticket: Row | None
    ) -> None:
        issue = kind is TicketEventKind.ISSUE
        staff, counter = ("L001", None) if issue else (window.teller, window.counter)
        row = dict(id=self.next("event"), branch_code=self.branch, kind=str(kind), at=at,
                   counter=counter, staff=staff, detail="{}",
                   ticket_id=None if ticket is None else ticket["id"])  # fmt: skip
        self.events.append(row)
        payload: Row = {"event": row["id"]}
        if ticket is not None:
            payload |= {"ticket": ticket["label"], "service": ticket["service"]}
        self.entries.append((at, kind.journal_event, payload, Where(self.branch, counter, staff)))

    def entry(self, at: datetime, event: str, payload: Row, where: Where) -> None:
        self.entries.append((at, event, payload, where))


@dataclass(frozen=True)
class Written:
    days: int
    tickets: int
    ratings: int
    opinions: int


def _served(rows: _Rows, rng: random.Random, window: Window, ticket: Row, at: datetime) -> None:
    """The rating the pad asked when ``ticket`` was finished at ``at``, and its follow-up."""
    answered = rng.random() < 0.8
    level = rng.choices(LEVELS, LEVEL_WEIGHTS)[0] if answered else None
    reasons = [rng.choice(tuple(Reason))] if level and level >= 4 else []
    status = RatingStatus.ANSWERED if answered else RatingStatus.UNRATED
    rating = dict(id=rows.next("rating"), branch_code=rows.branch, ticket_id=ticket["id"],
                  counter=window.counter, teller=window.teller, asked_at=at,
                  answered_at=at + timedelta(seconds=rng.randint(5, 25)), status=str(status),
                  level=level, reasons=json.dumps([str(r) for r in reasons]),
                  late=answered and rng.random() < 0.03)  # fmt: skip
    rows.ratings.append(rating)
    where = Where(rows.branch, window.counter, None)
    rows.entry(at, "rating.asked", {"rating": rating["id"], "ticket": ticket["label"]}, where)
    payload = {"rating": rating["id"], "ticket_id": ticket["id"], "level": level}
    payload["late"] = rating["late"]
    rows.entry(rating["answered_at"], f"rating.{status}", payload, where)
    if level is not None and level >= 4:
        text = follow_up_content(level, ticket["label"], reasons)
        _opinion(rows, rng, at, OpinionKind.COMPLAINT, Channel.COUNTER, text, window, rating["id"])


def _opinion(rows: _Rows, rng: random.Random, at: datetime, kind: OpinionKind, channel: Channel,
             text: str, window: Window | None, rating: int | None = None) -> None:  # fmt: skip
    """An opinion recorded at ``at``; closed by S001 some working days later (one complaint
    in ten after its due date), or, when that is still to come, assigned to S001."""
    day = at.astimezone(rows.zone).date()
    due = add_working_days(day, 15) if kind is OpinionKind.COMPLAINT else None
    late = rng.random() < 0.1
    closed = add_working_days(day, rng.randint(16, 20) if late else rng.randint(1, 12))
    closed_at = datetime.combine(closed, time(16), rows.zone)
    done = closed_at <= rows.until
    row = dict(id=rows.next("opinion"), branch_code=rows.branch, recorded_at=at, business_date=day,
               channel=str(channel), kind=str(kind), content=text, contact_masked="138****0000",
               teller=window.teller if window else None, counter=window.counter if window else None,
               owner="S001", due_date=due, recorded_by=None if rating else "L001", rating_id=rating,
               status=str(OpinionStatus.CLOSED if done else OpinionStatus.ASSIGNED),
               response="已联系客户说明情况并致歉。" if done else None,
               responded_at=closed_at - timedelta(hours=3) if done else None,
               callback_result="客户表示满意。" if done else None,
               called_back_at=closed_at - timedelta(hours=1) if done else None,
               closed_at=closed_at if done else None)  # fmt: skip
    rows.opinions.append(row)
    where = Where(rows.branch, window.counter if window else None, None if rating else "L001")
    payload: Row = {"opinion": row["id"], "kind": row["kind"], "status": "open"}
    if due is not None:
        payload["due"] = due.isoformat()
    rows.entry(at, "opinion.recorded", payload, where)
    if done:
        rows.entry(closed_at, "opinion.closed", payload | {"status": "closed"}, where)


def _window_day(rows: _Rows, rng: random.Random, day: date, window: Window,
                services: Sequence[ServiceSpec]) -> None:  # fmt: skip
    def at(hours: float) -> datetime:
        return datetime.combine(day, time(), rows.zone) + timedelta(hours=hours)

    opened, lunch, back, closed = at(8.5), at(12), at(13), at(17)
    rows.event(TicketEventKind.WINDOW_OPEN, opened, window, None)
    now, paused = at(9), False
    while now < closed - timedelta(minutes=15):
        if not paused and now >= lunch:
            rows.event(TicketEventKind.WINDOW_PAUSE, lunch, window, None)
            rows.event(TicketEventKind.WINDOW_RESUME, back, window, None)
            now, paused = back, True
        spec = rng.choice(services)
        rows.numbers[(day, spec.key)] += 1
        number = rows.numbers[(day, spec.key)]
        arrived = now - timedelta(seconds=rng.randint(0, 1500))
        no_show = rng.random() < 0.05
        started = now + timedelta(seconds=30)
        finished = started + timedelta(seconds=60 * rng.uniform(*window.minutes))
        ticket = dict(id=rows.next("ticket"), branch_code=rows.branch, business_date=day,
                      service=spec.key, number=number, label=f"{spec.prefix}{number:03d}",
                      priority="none", status="no_show" if no_show else "done",
                      arrived_at=arrived, queued_at=arrived, issued_by="L001",
                      counter=window.counter, teller=window.teller, calls=2 if no_show else 1,
                      called_at=now, started_at=None if no_show else started,
                      finished_at=now + timedelta(seconds=60) if no_show else finished,
                      triage_error=False)  # fmt: skip
        rows.tickets.append(ticket)
        rows.event(TicketEventKind.ISSUE, arrived, window, ticket)
        rows.event(TicketEventKind.CALL, now, window, ticket)
        if no_show:
            rows.event(TicketEventKind.RECALL, now + timedelta(seconds=30), window, ticket)
            rows.event(TicketEventKind.NO_SHOW, now + timedelta(seconds=60), window, ticket)
            now += timedelta(seconds=60)
            continue
        rows.event(TicketEventKind.START, started, window, ticket)
        rows.event(TicketEventKind.FINISH, finished, window, ticket)
        _served(rows, rng, window, ticket, finished)
        now = finished + timedelta(seconds=rng.randint(10, 240))
    rows.event(TicketEventKind.WINDOW_CLOSE, closed, window, None)
    if rng.random() < 0.25:  # the opinion book, now and then
        kind, channel, text = rng.choice(NOTES)
        _opinion(rows, rng, at(rng.uniform(9, 16.5)), kind, channel, text, None)


def write_history(
    s: Session,
    journal: Journal | None,
    pack: BranchPack,
    branch: str,
    windows: Sequence[Window],
    last: date,
    days: int,
    zone: tzinfo,
    now: datetime,
    seed: int = 11,
) -> Written:
    """The working days of the ``days`` calendar days ending ``last``, in ``s``; ``now``
    dates the journal's ``history.generated`` entry.

    With ``journal`` each row gets its entry (the demo, whose journal is audited);
    without, none (a benchmark's bulk of rows that no journal check reads).
    """
    rng = random.Random(seed)
    first = last - timedelta(days=days - 1)
    ids = {
        "ticket": s.scalar(select(func.max(Ticket.id))) or 0,
        "event": s.scalar(select(func.max(TicketEvent.id))) or 0,
        "rating": s.scalar(select(func.max(Rating.id))) or 0,
        "opinion": s.scalar(select(func.max(Opinion.id))) or 0,
    }
    until = datetime.combine(last + timedelta(days=1), time(), zone)
    rows = _Rows(branch, zone, until, ids)
    worked = [first + timedelta(days=n) for n in range(days)]
    worked = [day for day in worked if is_working_day(day)]
    for day in worked:
        for window in windows:
            primary, _overflow = pack.services_for(window.counter)
            services = [spec for spec in pack.services if spec.key in primary] or pack.services
            _window_day(rows, rng, day, window, services)
    written = Written(len(worked), len(rows.tickets), len(rows.ratings), len(rows.opinions))
    if journal is not None:
        what = {"from": first.isoformat(), "to": last.isoformat(), "days": written.days,
                "tickets": written.tickets, "ratings": written.ratings,
                "opinions": written.opinions}  # fmt: skip
        generated = (now, "history.generated", what, Where(branch, None, None))
        rows.entries.sort(key=lambda entry: entry[0])
        journal.append_recorded(s, [generated, *rows.entries])
    batches = (Ticket, rows.tickets), (TicketEvent, rows.events), (Rating, rows.ratings)
    for model, batch in (*batches, (Opinion, rows.opinions)):
        for at in range(0, len(batch), 20_000):
            s.execute(insert(model), batch[at : at + 20_000])
    return written
