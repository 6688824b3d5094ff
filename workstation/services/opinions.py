"""The opinion book (意见簿): record, assign, respond, call back, close; and what is overdue.

Lobby staff, tellers and supervisors record what a customer said (channel, kind,
content, a contact kept only masked, optionally the ticket, teller and counter it
is about). A complaint is due 15 working days after the day it was recorded
(:mod:`workstation.domain.workdays`); whoever assigns it names an owner and may
set another due date, never one in the past. Each step is allowed only from the
statuses :data:`~workstation.domain.opinion.MOVES` lists; a complaint is not
closed without a response, nor by the teller it is about. Every change is a
journal entry ``opinion.<what>`` in its own transaction. A 不满意 or 非常不满意
rating opens a follow-up complaint in the rating's transaction (:func:`follow_up`).
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session

from forms.branch_pack import BranchPack
from workstation.db.models import Staff
from workstation.db.opinions import Opinion
from workstation.db.queue import Ticket
from workstation.db.ratings import Rating
from workstation.domain.clock import local_date
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Catalog, msg
from workstation.domain.opinion import (
    COMPLAINT_DAYS,
    CONTENT_LENGTH,
    Channel,
    OpinionKind,
    OpinionStatus,
    can_move,
    mask_contact,
)
from workstation.domain.rating import Reason, level_label
from workstation.domain.staff import Role
from workstation.domain.workdays import add_working_days
from workstation.services.auth import SignedIn
from workstation.services.calendar import current_business_date
from workstation.services.desk import PackDesk
from workstation.services.journal import Journal, Where
from workstation.services.opinion_views import OpinionRegister, OpinionView, view
from workstation.services.receipt_data import BranchHeader

__all__ = ["OpinionError", "OpinionService", "OpinionView", "follow_up"]

CLOSED = str(OpinionStatus.CLOSED)
LISTED = 300
"""The most items the book lists at once: every open one comes first."""


class OpinionError(WorkstationError):
    """An opinion or a step of its handling was refused; nothing was stored."""


def complaint_due(recorded_on: date) -> date:
    return add_working_days(recorded_on, COMPLAINT_DAYS)


def _text(value: str, empty_key: str) -> str:
    text = value.strip()
    if not text:
        raise OpinionError(empty_key)
    if len(text) > CONTENT_LENGTH:
        raise OpinionError("opinion.error.too_long", limit=CONTENT_LENGTH)
    return text


def _journal(s: Session, journal: Journal, row: Opinion, event: str, staff: str | None) -> None:
    payload: dict[str, object] = {"opinion": row.id, "kind": row.kind, "status": row.status}
    if row.due_date is not None:
        payload["due"] = row.due_date.isoformat()
    journal.append(s, f"opinion.{event}", payload, Where(row.branch_code, row.counter, staff))


def follow_up(s: Session, journal: Journal, rating: Rating, ticket: Ticket) -> Opinion:
    """In the rating's transaction: the complaint a 不满意 / 非常不满意 answer opens,
    bound to the ticket, teller, counter and rating, due in 15 working days."""
    assert rating.level is not None and rating.answered_at is not None
    reasons = [Reason(r) for r in _json_list(rating.reasons)]
    content = follow_up_content(rating.level, ticket.label, reasons)
    row = Opinion(
        branch_code=rating.branch_code, recorded_at=rating.answered_at,
        business_date=ticket.business_date, channel=Channel.COUNTER, kind=OpinionKind.COMPLAINT,
        content=content, contact_masked="", ticket_id=ticket.id, teller=rating.teller,
        counter=rating.counter, due_date=complaint_due(ticket.business_date),
        status=OpinionStatus.OPEN, recorded_by=None, rating_id=rating.id,
    )  # fmt: skip
    s.add(row)
    s.flush()
    _journal(s, journal, row, "recorded", None)
    return row


def follow_up_content(level: int, ticket: str, reasons: list[Reason]) -> str:
    """What a poor rating's follow-up says, in both languages."""
    return " / ".join(_follow_up_text(lang, level, ticket, reasons) for lang in ("zh", "en"))


def _follow_up_text(lang: str, level: int, ticket: str, reasons: list[Reason]) -> str:
    t = Catalog.load(lang)
    why = t(
        "opinion.follow_up_reasons", reasons=t("opinion.comma").join(t(r.label) for r in reasons)
    )
    return t(msg("opinion.follow_up", level=level_label(level), ticket=ticket)) + (
        why if reasons else ""
    )


def _json_list(text: str) -> list[str]:
    return [str(x) for x in json.loads(text or "[]")]


class OpinionService(PackDesk[BranchPack]):
    # -- writing -----------------------------------------------------------------------

    def record(
        self,
        who: SignedIn,
        channel: Channel | str,
        kind: OpinionKind | str,
        content: str,
        *,
        contact: str = "",
        ticket: int | str | None = None,
        teller: str | None = None,
        counter: str | None = None,
    ) -> OpinionView:
        """Write an opinion in the book; a complaint is due in 15 working days. ``ticket`` is
        a ticket's id, or the label of one of today's (``A001``); its teller and counter are
        the item's unless given."""
        try:
            channel, kind = Channel(channel), OpinionKind(kind)
        except ValueError:
            raise OpinionError("opinion.error.kind", kind=f"{channel}/{kind}") from None
        text = _text(content, "opinion.error.no_content")
        if counter and self.pack.counter(counter) is None:
            raise OpinionError("opinion.error.unknown_counter", counter=counter)
        with self.db.write() as s:
            day = current_business_date(s, self.clock, self.branch_code)
            found = self._ticket(s, ticket, day) if ticket not in (None, "") else None
            if teller:
                teller = self._staff(s, teller)
            row = Opinion(
                branch_code=self.branch_code, recorded_at=self.clock.now(), business_date=day,
                channel=channel, kind=kind, content=text, contact_masked=mask_contact(contact),
                ticket_id=found.id if found else None,
                teller=teller or (found.teller if found else None),
                counter=counter or (found.counter if found else None),
                due_date=complaint_due(day) if kind is OpinionKind.COMPLAINT else None,
                status=OpinionStatus.OPEN, recorded_by=who.staff.staff_id,
            )  # fmt: skip
            s.add(row)
            s.flush()
            _journal(s, self.journal, row, "recorded", who.staff.staff_id)
            return self._view(s, row)

    def assign(
        self, who: SignedIn, opinion_id: int, owner: str, due_date: date | None = None
    ) -> OpinionView:
        """Give it an owner and a due date (kept, or a complaint's default, when none given)."""
        if due_date is not None and due_date < local_date(self.clock):
            raise OpinionError("opinion.error.due_past", due=due_date.isoformat())
        with self.db.write() as s:
            row = self._moving(s, who, opinion_id, OpinionStatus.ASSIGNED)
            row.owner = self._staff(s, owner)
            if due_date is not None:
                row.due_date = due_date
            elif row.due_date is None and row.kind == OpinionKind.COMPLAINT:
                row.due_date = complaint_due(row.business_date)
            return self._moved(s, who, row, OpinionStatus.ASSIGNED)

    def respond(self, who: SignedIn, opinion_id: int, response: str) -> OpinionView:
        """The owner's answer to the customer."""
        text = _text(response, "opinion.error.no_response_text")
        now = self.clock.now()
        return self._step(who, opinion_id, OpinionStatus.RESPONDED, response=text, responded_at=now)

    def call_back(self, who: SignedIn, opinion_id: int, result: str) -> OpinionView:
        """回访: what the customer said when asked whether the answer settled it."""
        text = _text(result, "opinion.error.no_callback_text")
        now = self.clock.now()
        return self._step(
            who, opinion_id, OpinionStatus.CALLED_BACK, callback_result=text, called_back_at=now
        )

    def _step(
        self, who: SignedIn, opinion_id: int, to: OpinionStatus, **fields: object
    ) -> OpinionView:
        with self.db.write() as s:
            row = self._moving(s, who, opinion_id, to)
            for name, value in fields.items():
                setattr(row, name, value)
            return self._moved(s, who, row, to)

    def close(self, who: SignedIn, opinion_id: int) -> OpinionView:
        """Close it; a complaint only once it has a response."""
        with self.db.write() as s:
            row = self._moving(s, who, opinion_id, OpinionStatus.CLOSED)
            if row.kind == OpinionKind.COMPLAINT and not row.response:
                raise OpinionError("opinion.error.no_response", opinion=row.id)
            row.closed_at = self.clock.now()
            return self._moved(s, who, row, OpinionStatus.CLOSED)

    def _moving(self, s: Session, who: SignedIn, opinion_id: int, to: OpinionStatus) -> Opinion:
        row = s.get(Opinion, opinion_id, with_for_update=True)
        if row is None or row.branch_code != self.branch_code:
            raise OpinionError("opinion.error.unknown", opinion=opinion_id)
        now = OpinionStatus(row.status)
        if not can_move(now, to):
            raise OpinionError("opinion.error.move", opinion=row.id, now=now.label, to=to.label)
        if row.kind == OpinionKind.COMPLAINT and row.teller == who.staff.staff_id:
            raise OpinionError("opinion.error.own_complaint", opinion=row.id)
        return row

    def _moved(self, s: Session, who: SignedIn, row: Opinion, to: OpinionStatus) -> OpinionView:
        """``row`` is now ``to``: journaled as ``opinion.<to>`` (``opinion.assigned`` …)."""
        row.status = to
        s.flush()
        _journal(s, self.journal, row, str(to), who.staff.staff_id)
        return self._view(s, row)

    def _ticket(self, s: Session, ticket: int | str | None, day: date) -> Ticket:
        """The ticket of id ``ticket``, or today's of label ``ticket`` (``a001`` too)."""
        if isinstance(ticket, str):
            found = s.scalar(
                select(Ticket).where(
                    Ticket.branch_code == self.branch_code,
                    Ticket.business_date == day,
                    Ticket.label == ticket.strip().upper(),
                )
            )
        else:
            found = s.get(Ticket, ticket) if ticket is not None else None
        if found is None or found.branch_code != self.branch_code:
            raise OpinionError("opinion.error.unknown_ticket", ticket=ticket)
        return found

    def _staff(self, s: Session, staff_id: str) -> str:
        found = s.get(Staff, staff_id.strip().upper())
        if found is None or found.branch_code != self.branch_code or not found.active:
            raise OpinionError("opinion.error.unknown_staff", staff=staff_id)
        return found.staff_id

    # -- reading -----------------------------------------------------------------------

    def _view(self, s: Session, row: Opinion) -> OpinionView:
        label = (
            s.scalar(select(Ticket.label).where(Ticket.id == row.ticket_id))
            if row.ticket_id
            else None
        )
        return view(row, local_date(self.clock), self.clock.zone, label)

    def _views(self, s: Session, query: Select[Opinion, str]) -> list[OpinionView]:
        today, zone = local_date(self.clock), self.clock.zone
        rows = s.execute(query).all()
        return [view(row, today, zone, label) for row, label in rows]

    def _select(self) -> Select[Opinion, str]:
        return (
            select(Opinion, Ticket.label)
            .outerjoin(Ticket, Ticket.id == Opinion.ticket_id)
            .where(Opinion.branch_code == self.branch_code)
        )

    def opinion(self, opinion_id: int) -> OpinionView:
        with self.db.read() as s:
            row = s.get(Opinion, opinion_id)
            if row is None or row.branch_code != self.branch_code:
                raise OpinionError("opinion.error.unknown", opinion=opinion_id)
            return self._view(s, row)

    def owners(self) -> list[tuple[str, str]]:
        """Who may own an item: the branch's active lobby staff, tellers and supervisors."""
        roles = [str(r) for r in (Role.SUPERVISOR, Role.TELLER, Role.LOBBY)]
        query = (
            select(Staff.staff_id, Staff.name)
            .where(Staff.branch_code == self.branch_code, Staff.active, Staff.role.in_(roles))
            .order_by(Staff.staff_id)
        )
        with self.db.read() as s:
            return [(staff_id, name) for staff_id, name in s.execute(query)]

    def book(self, limit: int = LISTED) -> list[OpinionView]:
        """The book as staff see it: open items first, soonest due first; then the closed,
        newest first."""
        closed = case((Opinion.status == CLOSED, 1), else_=0)
        query = self._select().order_by(
            closed, Opinion.due_date.is_(None), Opinion.due_date, Opinion.id.desc()
        )
        with self.db.read() as s:
            return self._views(s, query.limit(limit))

    def overdue(self) -> list[OpinionView]:
        """Not closed and past the due date, the longest overdue first."""
        with self.db.read() as s:
            query = self._select().where(*self._overdue()).order_by(Opinion.due_date)
            return self._views(s, query)

    def overdue_count(self) -> int:
        with self.db.read() as s:
            counted = select(func.count()).select_from(Opinion).where(*self._overdue())
            return int(s.scalar(counted.where(Opinion.branch_code == self.branch_code)) or 0)

    def _overdue(self) -> tuple[ColumnElement[bool], ...]:
        today = local_date(self.clock)
        return Opinion.status != CLOSED, Opinion.due_date < today

    def register(self, first: date, last: date, header: BranchHeader) -> OpinionRegister:
        """意见簿登记表: the opinions recorded from ``first`` to ``last`` as they stand now."""
        if last < first:
            raise OpinionError(
                "opinion.error.period", first=first.isoformat(), last=last.isoformat()
            )
        query = self._select().where(Opinion.business_date.between(first, last))
        with self.db.read() as s:
            items = self._views(s, query.order_by(Opinion.business_date, Opinion.id))
        return OpinionRegister(header, first, last, local_date(self.clock), tuple(items))
