"""The supervisor's board (主管看板): the branch at a glance, read only.

Per counter: whose till, in what state, and the cash the box should hold
against the till limit; the remote approvals waiting and the approvals given
today (who approved what, when, at what level); the receipts posted today and
never printed; the tills still open before the branch can close. A handful of
aggregate queries, whatever the day's size; every line it gives is a catalog
:class:`~workstation.domain.i18n.Msg`.

A receipt counts as printed once one of its prints is saved or printed; a
posting with no print, or only pending or failed ones, is listed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db.engine import Database
from workstation.db.ledger import (
    BusinessDay,
    CashMovement,
    Override,
    OverrideRequest,
    Posting,
    receipt_pending,
)
from workstation.db.models import Counter, Staff
from workstation.db.tills import Shift
from workstation.domain.clock import Clock, time_of_day
from workstation.domain.i18n import Msg, msg
from workstation.domain.labelled import Labelled
from workstation.domain.limits import DEFAULT_THRESHOLDS
from workstation.domain.money import format_yuan, from_fen
from workstation.domain.statuses import RequestStatus, ShiftStatus
from workstation.services.calendar import current_business_date
from workstation.services.report_data import Person

SHOWN = 3
"""At most this many lines of a list (approvals, requests, receipts); the rest are counted."""


class TillState(Labelled, prefix="board.till"):
    """Where a counter's box stands today: its latest shift's status, or none."""

    NONE = "none"
    OPEN = "open"
    HANDED_OVER = "handed_over"
    CLOSED = "closed"


@dataclass(frozen=True)
class CounterTill:
    counter: str
    state: TillState
    teller_id: str | None
    teller_name: str | None
    expected: Decimal | None
    """What the box should hold now (or held when its shift ended); None with no shift."""
    limit: Decimal

    @property
    def over_limit(self) -> bool:
        return self.state is TillState.OPEN and (self.expected or 0) > self.limit

    @property
    def line(self) -> Msg:
        return msg(
            "board.counter_over" if self.over_limit else "board.counter",
            counter=self.counter,
            state=self.state.label,
            teller=self.teller_name or self.teller_id or "",
            expected=format_yuan(self.expected or Decimal(0)),
            limit=format_yuan(self.limit),
        )


@dataclass(frozen=True)
class Waiting:
    """A remote approval request waiting for a supervisor."""

    id: int
    counter: str
    teller: Person
    title_zh: str
    title_en: str
    level: int
    asked_at: str
    """Local time of day, ``HH:MM``."""

    @property
    def line(self) -> Msg:
        return msg(
            "board.waiting",
            counter=self.counter,
            teller=self.teller.name,
            what=msg("queue.bilingual", zh=self.title_zh, en=self.title_en),
            level=self.level,
            at=self.asked_at,
        )


@dataclass(frozen=True)
class Given:
    """An approval given today, at a counter or from a supervisor's workstation."""

    approver: Person
    level: int
    mode: str
    title_zh: str
    title_en: str
    serial: str | None
    teller_id: str
    at: str

    @property
    def line(self) -> Msg:
        return msg(
            "board.given",
            at=self.at,
            approver=self.approver.name,
            level=self.level,
            mode=msg(f"board.mode.{self.mode}"),
            what=msg("queue.bilingual", zh=self.title_zh, en=self.title_en),
            serial=f" {self.serial}" if self.serial else "",
            teller=self.teller_id,
        )


@dataclass(frozen=True)
class Unprinted:
    serial: str
    counter: str
    teller_id: str
    posted_at: str

    @property
    def line(self) -> Msg:
        return msg(
            "board.unprinted",
            serial=self.serial,
            counter=self.counter,
            teller=self.teller_id,
            at=self.posted_at,
        )


@dataclass(frozen=True)
class BranchBoard:
    """The board's reading: one business date of one branch."""

    business_date: date
    day_closed: bool
    counters: tuple[CounterTill, ...]
    waiting: tuple[Waiting, ...]
    given: tuple[Given, ...]
    """Newest first."""
    unprinted: tuple[Unprinted, ...]

    @property
    def open_tills(self) -> tuple[CounterTill, ...]:
        return tuple(c for c in self.counters if c.state is TillState.OPEN)

    @property
    def over_limit(self) -> tuple[CounterTill, ...]:
        return tuple(c for c in self.counters if c.over_limit)

    def till_lines(self) -> tuple[Msg, ...]:
        """A line per counter with a shift today; those without, on one line."""
        lines = [c.line for c in self.counters if c.state is not TillState.NONE]
        if idle := [c.counter for c in self.counters if c.state is TillState.NONE]:
            lines.append(msg("board.idle", counters=" ".join(idle), state=TillState.NONE.label))
        return tuple(lines)

    def approval_lines(self) -> tuple[Msg, ...]:
        """Requests waiting (or that none is), then today's approvals, newest first."""
        return (
            *_listed("board.waiting_count", [w.line for w in self.waiting]),
            *_listed("board.given_count", [g.line for g in self.given]),
        )

    def close_lines(self) -> tuple[Msg, ...]:
        """Unprinted receipts, then what stands before the branch closes."""
        lines = _listed("board.unprinted_count", [u.line for u in self.unprinted])
        if self.day_closed:
            lines.append(msg("board.day_closed", date=self.business_date.isoformat()))
        elif self.open_tills:
            tills = "  ".join(f"{c.counter}/{c.teller_id}" for c in self.open_tills)
            lines.append(msg("board.open_tills", count=len(self.open_tills), tills=tills))
        else:
            lines.append(msg("board.ready_to_close"))
        return tuple(lines)


def _listed(heading: str, lines: list[Msg]) -> list[Msg]:
    """How many, then the first :data:`SHOWN` lines, then how many more."""
    more = [msg("board.more", count=len(lines) - SHOWN)] if len(lines) > SHOWN else []
    return [msg(heading, count=len(lines)), *lines[:SHOWN], *more]


def _titles(context: str | None) -> tuple[str, str]:
    """The business's name in both languages, from an approval's stored evidence."""
    try:
        c = json.loads(context or "{}")
    except ValueError:
        c = {}
    return str(c.get("title_zh") or "—"), str(c.get("title_en") or "—")


@dataclass(eq=False)
class BranchBoardService:
    db: Database
    clock: Clock
    branch_code: str
    limit: Decimal = DEFAULT_THRESHOLDS.till_limit

    def board(self) -> BranchBoard:
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.branch_code)
            closed = s.scalar(
                select(BusinessDay.closed_at).where(
                    BusinessDay.branch_code == self.branch_code, BusinessDay.business_date == day
                )
            )
            return BranchBoard(
                day,
                closed is not None,
                self._counters(s, day),
                self._waiting(s),
                self._given(s, day),
                self._unprinted(s, day),
            )

    def _hhmm(self, moment: datetime) -> str:
        return time_of_day(moment, self.clock.zone, seconds=False)

    def _counters(self, s: Session, day: date) -> tuple[CounterTill, ...]:
        """Each counter with its latest shift of ``day``: one query for the shifts and their
        movements, one for the counters."""
        moved = (
            select(CashMovement.shift_id, func.sum(CashMovement.amount_fen).label("fen"))
            .where(CashMovement.branch_code == self.branch_code, CashMovement.business_date == day)
            .group_by(CashMovement.shift_id)
            .subquery()
        )
        rows = s.execute(
            select(
                Shift.counter,
                Shift.status,
                Shift.teller_id,
                Staff.name,
                Shift.opening_fen + func.coalesce(moved.c.fen, 0),
                Shift.expected_fen,
            )
            .join(Staff, Staff.staff_id == Shift.teller_id)
            .outerjoin(moved, moved.c.shift_id == Shift.id)
            .where(Shift.branch_code == self.branch_code, Shift.business_date == day)
            .order_by(Shift.id)
        ).all()
        latest = {row[0]: row for row in rows}  # the later shift of a counter wins
        numbers = s.scalars(
            select(Counter.number)
            .where(Counter.branch_code == self.branch_code)
            .order_by(Counter.number)
        ).all()
        tills = []
        for number in numbers:
            row = latest.get(number)
            if row is None:
                tills.append(CounterTill(number, TillState.NONE, None, None, None, self.limit))
                continue
            _, status, teller, name, now_fen, ended_fen = row
            fen = now_fen if status == ShiftStatus.OPEN else ended_fen
            expected = None if fen is None else from_fen(int(fen))
            tills.append(CounterTill(number, TillState(status), teller, name, expected, self.limit))
        return tuple(tills)

    def _waiting(self, s: Session) -> tuple[Waiting, ...]:
        rows = s.execute(
            select(
                OverrideRequest.id,
                OverrideRequest.counter,
                OverrideRequest.teller_id,
                Staff.name,
                OverrideRequest.context,
                OverrideRequest.level_required,
                OverrideRequest.created_at,
            )
            .join(Staff, Staff.staff_id == OverrideRequest.teller_id)
            .where(
                OverrideRequest.branch_code == self.branch_code,
                OverrideRequest.status == RequestStatus.PENDING,
            )
            .order_by(OverrideRequest.id)
        ).all()
        return tuple(
            Waiting(rid, counter, Person(name, teller), *_titles(context), level, self._hhmm(at))
            for rid, counter, teller, name, context, level, at in rows
        )

    def _given(self, s: Session, day: date) -> tuple[Given, ...]:
        """The approvals decided on ``day`` in the branch's zone, newest first."""
        start = datetime.combine(day, time(), tzinfo=self.clock.zone).astimezone(UTC)
        rows = s.execute(
            select(
                Override.approver_id,
                Staff.name,
                Override.approver_level,
                Override.mode,
                Override.evidence,
                Posting.serial,
                Override.teller_id,
                Override.decided_at,
            )
            .join(Staff, Staff.staff_id == Override.approver_id)
            .outerjoin(Posting, Posting.id == Override.posting_id)
            .where(
                Override.branch_code == self.branch_code,
                Override.decided_at >= start,
                Override.decided_at < start + timedelta(days=1),
            )
            .order_by(Override.decided_at.desc(), Override.id.desc())
        ).all()
        return tuple(
            Given(
                Person(name, who), level, mode, *_titles(evidence), serial, teller, self._hhmm(at)
            )
            for who, name, level, mode, evidence, serial, teller, at in rows
        )

    def _unprinted(self, s: Session, day: date) -> tuple[Unprinted, ...]:
        rows = s.execute(
            select(Posting.serial, Posting.counter, Posting.teller_id, Posting.posted_at)
            .where(
                Posting.branch_code == self.branch_code,
                Posting.business_date == day,
                receipt_pending(),
            )
            .order_by(Posting.id)
        ).all()
        return tuple(
            Unprinted(serial, counter, teller, self._hhmm(at))
            for serial, counter, teller, at in rows
        )
