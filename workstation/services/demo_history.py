"""Weeks of a branch's past service, generated: tickets, their events, ratings, opinions.

For the demo (eight weeks, so the statistics, the periodic report and the staffing
advisor have a past to read) and the service report's benchmark (90 days of 20
windows). Seeded (``seed``, 11 by default): one seed, one past, row for row.

Arrival-driven: each day's customers come as
:mod:`workstation.domain.arrivals` draws them (a Poisson process peaking near
10:00 and 15:00, a lunch dip, Mondays and the first day after a holiday busier,
Saturdays quieter, Sundays and statutory holidays closed; lognormal handling times
per service); :mod:`workstation.services.demo_serving` serves them at the given
windows by the real queue rule (lunch pauses, the flexible window 04 opened only
when the queue needs it). ``crowd`` multiplies the customers (the benchmark's 20
windows see six demo branches' worth). One in twenty called is a no-show (called,
recalled, gone). Four in five served customers answer the pad (mostly 非常满意 or
满意, now and then late); a 不满意 or worse opens a follow-up complaint, closed mostly
within its 15 working days. Suggestions and praise come in the opinion book now
and then.

Rows are written in bulk with ids of their own, each with the journal entry the
live services write for it (:meth:`Journal.append_recorded`), at its own time,
after one ``history.generated`` entry that says what follows, from which seed and model.
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

from forms.branch_pack import BranchPack
from workstation.db.opinions import Opinion
from workstation.db.queue import Ticket, TicketEvent
from workstation.db.ratings import Rating
from workstation.domain.opinion import Channel, OpinionKind, OpinionStatus
from workstation.domain.queue import TicketEventKind
from workstation.domain.rating import RatingStatus, Reason
from workstation.domain.workdays import add_working_days
from workstation.services.demo_serving import Visit, Window, serve_day
from workstation.services.journal import Journal, Recorded, Where
from workstation.services.opinions import follow_up_content

__all__ = ["Window", "Written", "write_history"]

LEVELS, LEVEL_WEIGHTS = (1, 2, 3, 4, 5), (55, 34, 8, 2, 1)
"""非常满意 … 非常不满意, as a branch's pads read over weeks."""
NOTES = (
    (OpinionKind.SUGGESTION, Channel.BOOK, "建议大堂增加老花镜和填单笔。"),
    (OpinionKind.SUGGESTION, Channel.PHONE, "希望午间也开放两个窗口。"),
    (OpinionKind.PRAISE, Channel.BOOK, "柜员讲解耐心细致，非常感谢。"),
    (OpinionKind.PRAISE, Channel.LETTER, "理赔办理快，表扬窗口工作人员。"),
    (OpinionKind.COMPLAINT, Channel.PHONE, "排队时间过长，叫号不清楚。"),
)


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


def _ticket(rows: _Rows, rng: random.Random, day: date, visit: Visit,
            pack: BranchPack) -> None:  # fmt: skip
    """``visit``'s ticket row, its events from issue to finish (or no-show), its rating."""
    arrival, window = visit.arrival, visit.window
    assert window is not None and visit.called is not None and visit.finished is not None
    spec = pack.service(arrival.service)
    prefix = spec.prefix if spec else arrival.service[:1].upper()
    ticket = dict(id=visit.ticket_id, branch_code=rows.branch, business_date=day,
                  service=arrival.service, number=visit.number,
                  label=f"{prefix}{visit.number:03d}", priority=str(arrival.priority),
                  status="no_show" if visit.no_show else "done", arrived_at=arrival.at,
                  queued_at=arrival.at, issued_by="L001", counter=window.counter,
                  teller=window.teller, calls=2 if visit.no_show else 1,
                  called_at=visit.called, started_at=visit.started,
                  finished_at=visit.finished, triage_error=False)  # fmt: skip
    rows.tickets.append(ticket)
    rows.event(TicketEventKind.ISSUE, arrival.at, window, ticket)
    rows.event(TicketEventKind.CALL, visit.called, window, ticket)
    if visit.no_show:
        rows.event(TicketEventKind.RECALL, visit.called + timedelta(seconds=30), window, ticket)
        rows.event(TicketEventKind.NO_SHOW, visit.finished, window, ticket)
        return
    assert visit.started is not None
    rows.event(TicketEventKind.START, visit.started, window, ticket)
    rows.event(TicketEventKind.FINISH, visit.finished, window, ticket)
    _served(rows, rng, window, ticket, visit.finished)


def _day(rows: _Rows, rng: random.Random, day: date, pack: BranchPack,
         windows: Sequence[Window], crowd: int) -> bool:  # fmt: skip
    """``day`` at ``windows``; whether the branch was open (anyone came)."""
    served = serve_day(rng, pack, windows, day, rows.zone, rows.ids["ticket"], crowd)
    rows.ids["ticket"] += len(served.visits)
    for shift in served.shifts:
        rows.event(shift.kind, shift.at, shift.window, None)
    for visit in served.visits:
        _ticket(rows, rng, day, visit, pack)
    for _ in windows if served.visits else ():
        if rng.random() < 0.25:  # the opinion book, now and then
            kind, channel, text = rng.choice(NOTES)
            at = datetime.combine(day, time(), rows.zone) + timedelta(hours=rng.uniform(9, 16.5))
            _opinion(rows, rng, at, kind, channel, text, None)
    return bool(served.visits)


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
    *,
    crowd: int | None = None,
) -> Written:
    """The open days of the ``days`` calendar days ending ``last``, in ``s``, with
    ``crowd`` times the demo branch's customers (None: the demo's own, once); ``now``
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
    calendar = [first + timedelta(days=n) for n in range(days)]
    crowd = crowd or 1
    opened = sum(_day(rows, rng, day, pack, windows, crowd) for day in calendar)
    written = Written(opened, len(rows.tickets), len(rows.ratings), len(rows.opinions))
    if journal is not None:
        what = {"from": first.isoformat(), "to": last.isoformat(), "days": written.days,
                "tickets": written.tickets, "ratings": written.ratings,
                "opinions": written.opinions, "seed": seed, "crowd": crowd,
                "model": "workstation.domain.arrivals"}  # fmt: skip
        generated = (now, "history.generated", what, Where(branch, None, None))
        rows.entries.sort(key=lambda entry: entry[0])
        journal.append_recorded(s, [generated, *rows.entries])
    batches = (Ticket, rows.tickets), (TicketEvent, rows.events), (Rating, rows.ratings)
    connection = s.connection()  # Core executemany: the ORM's bulk path is 3x slower here
    for model, batch in (*batches, (Opinion, rows.opinions)):
        for at in range(0, len(batch), 20_000):
            connection.execute(insert(model), batch[at : at + 20_000])
    return written
