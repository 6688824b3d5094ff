"""Service ratings (服务评价): asked by the system, answered only on the counter's pad.

Finishing a ticket calls :func:`ask` inside the finish's transaction: the
ticket's counter gets exactly one open request, bound to the ticket, the teller
and the time. Nothing a teller does answers it: :meth:`RatingService.answer`
and :meth:`RatingService.expire` are called by the rating pad alone, and each
takes the pad's own counter, so a pad bound to another window is refused. An
answer given after that counter called a newer ticket is stored, flagged late.
An answer of 不满意 or below opens a follow-up complaint in the opinion book, in the
answer's transaction (:func:`workstation.services.opinions.follow_up`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.branch_pack import BranchPack
from workstation.db.models import Staff
from workstation.db.queue import QueueWindow, Ticket, TicketEvent
from workstation.db.ratings import Rating
from workstation.db.watch import QUEUE, notify
from workstation.domain.errors import WorkstationError
from workstation.domain.queue import CALL_KINDS, PauseReason, WindowState
from workstation.domain.rating import LEVELS, UNHAPPY, RatingStatus, Reason
from workstation.services.desk import PackDesk
from workstation.services.journal import Journal, Where
from workstation.services.opinions import follow_up

__all__ = ["Badge", "RatingError", "RatingRequest", "RatingService", "RatingView", "ask"]

ASKED = str(RatingStatus.ASKED)


class RatingError(WorkstationError):
    """A rating was refused; nothing was stored. The message says why."""


@dataclass(frozen=True)
class RatingRequest:
    """What a pad asks about: the open request of its counter."""

    id: int
    ticket_id: int
    ticket_label: str
    counter: str
    teller: str | None
    asked_at: datetime


@dataclass(frozen=True)
class RatingView:
    id: int
    ticket_id: int
    counter: str
    teller: str | None
    status: RatingStatus
    level: int | None
    attitude: int | None
    efficiency: int | None
    quality: int | None
    reasons: tuple[Reason, ...]
    late: bool
    asked_at: datetime
    answered_at: datetime | None


@dataclass(frozen=True)
class Badge:
    """What an idle pad shows: the window, its state, who serves there."""

    counter: str
    state: WindowState
    reason: PauseReason | None
    staff_id: str | None
    staff_name: str | None


def ask(s: Session, journal: Journal, now: datetime, ticket: Ticket) -> Rating:
    """In the finish's transaction: the one request for ``ticket`` at its counter.

    A request still open at that counter (its customer never answered before the
    next one was finished) is recorded unrated first: a pad asks about one ticket.
    """
    assert ticket.counter is not None  # a ticket is finished at a window
    where = Where(ticket.branch_code, ticket.counter, ticket.teller)
    for old in _open(s, ticket.branch_code, ticket.counter):
        _close(s, journal, old, now, RatingStatus.UNRATED)
    rating = Rating(
        branch_code=ticket.branch_code, ticket_id=ticket.id, counter=ticket.counter,
        teller=ticket.teller, asked_at=now, status=RatingStatus.ASKED, reasons="[]", late=False,
    )  # fmt: skip
    s.add(rating)
    s.flush()
    journal.append(s, "rating.asked", {"rating": rating.id, "ticket": ticket.label}, where)
    return rating


def _open(s: Session, branch: str, counter: str) -> list[Rating]:
    return list(
        s.scalars(
            select(Rating)
            .where(Rating.branch_code == branch, Rating.counter == counter, Rating.status == ASKED)
            .order_by(Rating.id)
            .with_for_update()
        )
    )


def _close(
    s: Session, journal: Journal, rating: Rating, now: datetime, status: RatingStatus
) -> None:
    """Record ``rating`` answered or unrated, journaled, the pads woken, in ``s``."""
    rating.status, rating.answered_at = status, now
    payload: dict[str, object] = {"rating": rating.id, "ticket_id": rating.ticket_id}
    payload |= {"level": rating.level, "late": rating.late}
    where = Where(rating.branch_code, rating.counter, None)
    journal.append(s, f"rating.{status}", payload, where)
    notify(s, QUEUE)


class RatingService(PackDesk[BranchPack]):
    def _counter(self, counter: str) -> str:
        if self.pack.counter(counter) is None:
            raise RatingError("rating.error.unknown_counter", counter=counter)
        return counter

    # -- what a pad reads ------------------------------------------------------------

    def badge(self, counter: str) -> Badge:
        """The window's state and the staff at it (their name and staff number)."""
        self._counter(counter)
        with self.db.read() as s:
            window = s.get(QueueWindow, (self.branch_code, counter))
            staff = s.get(Staff, window.staff) if window and window.staff else None
        state = WindowState(window.state) if window else WindowState.CLOSED
        reason = PauseReason(window.reason) if window and window.reason else None
        return Badge(
            counter, state, reason, staff.staff_id if staff else None, staff.name if staff else None
        )

    def pending(self, counter: str) -> RatingRequest | None:
        """The open request at ``counter``'s pad, or None."""
        self._counter(counter)
        with self.db.read() as s:
            row = s.execute(
                select(Rating, Ticket.label)
                .join(Ticket, Ticket.id == Rating.ticket_id)
                .where(
                    Rating.branch_code == self.branch_code,
                    Rating.counter == counter,
                    Rating.status == ASKED,
                )
                .order_by(Rating.id.desc())
                .limit(1)
            ).first()
        if row is None:
            return None
        r, label = row
        return RatingRequest(r.id, r.ticket_id, label, r.counter, r.teller, r.asked_at)

    def rating(self, rating_id: int) -> RatingView:
        with self.db.read() as s:
            return _view(self._rating(s, rating_id, lock=False))

    def of_ticket(self, ticket_id: int) -> RatingView | None:
        with self.db.read() as s:
            found = s.scalar(select(Rating).where(Rating.ticket_id == ticket_id))
            return None if found is None else _view(found)

    # -- what only the pad does --------------------------------------------------------

    def answer(
        self,
        pad_counter: str,
        rating_id: int,
        level: int,
        *,
        attitude: int | None = None,
        efficiency: int | None = None,
        quality: int | None = None,
        reasons: Iterable[Reason | str] = (),
    ) -> RatingView:
        """The customer's answer on ``pad_counter``'s pad; refused for another counter's
        request, one already answered or unrated, a level outside 1–5."""
        for value in (level, attitude, efficiency, quality):
            if value is not None and value not in LEVELS:
                raise RatingError("rating.error.level", level=value)
        try:
            chosen = tuple(dict.fromkeys(Reason(r) for r in reasons))
        except ValueError:
            raise RatingError("rating.error.reason", reason=", ".join(map(str, reasons))) from None
        if chosen and level < UNHAPPY:
            raise RatingError("rating.error.reasons_unasked")
        with self.db.write() as s:
            rating = self._open_at(s, pad_counter, rating_id)
            rating.level, rating.attitude = level, attitude
            rating.efficiency, rating.quality = efficiency, quality
            rating.reasons = json.dumps([str(r) for r in chosen])
            rating.late = self._called_since(s, rating)
            _close(s, self.journal, rating, self.clock.now(), RatingStatus.ANSWERED)
            if level >= UNHAPPY:  # a poor rating is followed up, never left
                follow_up(s, self.journal, rating, s.get_one(Ticket, rating.ticket_id))
            s.flush()
            return _view(rating)

    def expire(self, pad_counter: str, rating_id: int) -> RatingView:
        """The pad's time ran out: the request is recorded unrated (未评价)."""
        with self.db.write() as s:
            rating = self._open_at(s, pad_counter, rating_id)
            _close(s, self.journal, rating, self.clock.now(), RatingStatus.UNRATED)
            s.flush()
            return _view(rating)

    def _rating(self, s: Session, rating_id: int, *, lock: bool = True) -> Rating:
        rating = s.get(Rating, rating_id, with_for_update=lock)
        if rating is None or rating.branch_code != self.branch_code:
            raise RatingError("rating.error.unknown", rating=rating_id)
        return rating

    def _open_at(self, s: Session, pad_counter: str, rating_id: int) -> Rating:
        self._counter(pad_counter)
        rating = self._rating(s, rating_id)
        if rating.counter != pad_counter:
            raise RatingError("rating.error.other_counter", pad=pad_counter, counter=rating.counter)
        if rating.status != ASKED:
            raise RatingError("rating.error.closed", status=RatingStatus(rating.status).label)
        return rating

    def _called_since(self, s: Session, rating: Rating) -> bool:
        """Has the rating's counter called a ticket other than the rated one since it asked?"""
        found = s.scalar(
            select(TicketEvent.id)
            .where(
                TicketEvent.branch_code == self.branch_code,
                TicketEvent.counter == rating.counter,
                TicketEvent.kind.in_([str(k) for k in CALL_KINDS]),
                TicketEvent.at >= rating.asked_at,
                TicketEvent.ticket_id != rating.ticket_id,
            )
            .limit(1)
        )
        return found is not None


def _view(r: Rating) -> RatingView:
    return RatingView(
        id=r.id, ticket_id=r.ticket_id, counter=r.counter, teller=r.teller,
        status=RatingStatus(r.status), level=r.level, attitude=r.attitude,
        efficiency=r.efficiency, quality=r.quality,
        reasons=tuple(Reason(x) for x in json.loads(r.reasons)), late=r.late,
        asked_at=r.asked_at, answered_at=r.answered_at,
    )  # fmt: skip
