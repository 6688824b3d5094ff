"""Handover (交接班), teller close (日终) and branch close: the end of a box's shift.

A handover ends one teller's shift and opens the next teller's on the same
box without closing the day. A close compares the counted box with what it
should hold; within the tolerance it closes, beyond it a supervisor signs off
with a reason; either way the variance (长款 over, 短款 short) is recorded as
its own movement. The branch closes its business date only when every till
is closed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.engine import Database
from workstation.db.ledger import BusinessDay
from workstation.db.models import Staff
from workstation.db.tills import Handover, Shift
from workstation.domain.cash import Count
from workstation.domain.clock import Clock
from workstation.domain.flows import MovementKind
from workstation.domain.i18n import Msg, listed, msg
from workstation.domain.money import from_fen
from workstation.domain.staff import Role
from workstation.domain.statuses import ShiftStatus, SignOnEnd
from workstation.services.anchor_file import anchor_file_name, save_anchor
from workstation.services.auth import AuthService, SignedIn, normalise_id, refuse
from workstation.services.branch_preview import DayPreview, day_preview
from workstation.services.calendar import current_business_date
from workstation.services.journal import Anchor, Journal
from workstation.services.tills import ShiftView, TillRefused, TillService, expected_fen, view_of


@dataclass(frozen=True)
class HandoverView:
    id: int
    outgoing: ShiftView
    incoming: ShiftView
    expected_fen: int
    difference_fen: int
    approved_by: str | None
    at: datetime


@dataclass(frozen=True)
class OpenTill:
    counter: str
    teller_id: str
    teller_name: str
    opened_at: datetime


@dataclass(frozen=True)
class Ended:
    """How a shift ended: what the box should have held, the count less that, and the
    variance's own movement (None when the box balanced)."""

    expected_fen: int
    variance_fen: int
    movement: int | None


@dataclass(frozen=True)
class Incoming:
    """The teller who takes the box over at a handover, as counted and checked."""

    staff: Staff
    count: Count
    approver: Staff | None
    """The supervisor who signed off a difference, if there was one."""


class ClosingService:
    def __init__(
        self,
        db: Database,
        journal: Journal,
        clock: Clock,
        auth: AuthService,
        till: TillService,
        anchor_folder: Path | None = None,
    ) -> None:
        """``anchor_folder``: where the branch close writes the day's journal anchor."""
        self.db, self.journal, self.clock, self.auth, self.till = db, journal, clock, auth, till
        self.anchor_folder = anchor_folder

    def _end(
        self,
        s: Session,
        shift: Shift,
        status: ShiftStatus,
        count: Count,
        reason: str | None = None,
        by: str | None = None,
    ) -> Ended:
        """End a shift with its counted box; the variance becomes a movement of its own."""
        expected = expected_fen(s, shift)
        variance = count.total_fen - expected
        movement = self.till.move(s, shift, MovementKind.VARIANCE, variance) if variance else None
        shift.status, shift.ended_at = status, self.clock.now()
        shift.closing, shift.closing_fen = json.dumps(count.as_json()), count.total_fen
        shift.expected_fen, shift.variance_fen = expected, variance
        shift.variance_reason, shift.signed_off_by = reason, by
        return Ended(expected, variance, movement)

    def close(
        self,
        who: SignedIn,
        count: Count,
        approver_id: str | None = None,
        password: str | None = None,
        reason: str | None = None,
    ) -> ShiftView:
        """Close this teller's shift; beyond the tolerance a supervisor signs off with a reason."""
        teller = who.staff.staff_id
        with self.db.write() as s:
            day = current_business_date(s, self.clock, self.till.branch_code)
            shift = self._closable(s, teller, day)
            variance = count.total_fen - expected_fen(s, shift)
            approver: Staff | Msg | None = None
            if abs(variance) > self.till.tolerance * 100:
                if not (reason or "").strip():
                    raise TillRefused("till.reason_needed")
                approver = self.till.supervisor(s, teller, approver_id, password)
            if not isinstance(approver, Msg):
                by = approver.staff_id if approver else None
                note = (reason or "").strip() or None
                ended = self._end(s, shift, ShiftStatus.CLOSED, count, note, by)
                payload = {
                    "shift": shift.id,
                    "counted": str(count.total),
                    "expected": str(from_fen(ended.expected_fen)),
                    "variance": str(from_fen(ended.variance_fen)),
                    "signed_off_by": by,
                    "reason": note,
                    "movement": ended.movement,
                }
                self.journal.append(s, "shift_closed", payload, self.till.where(teller))
                return view_of(s, shift)
        refuse(approver)

    def _closable(self, s: Session, teller: str, day: date) -> Shift:
        """The teller's open shift, when nothing stands before ending it."""
        shift = self.till.open_shift(s, teller, day)
        blockers = self.till.blockers(s, teller, shift)
        if blockers or shift is None:
            raise TillRefused("till.not_ready", what=blockers[0])
        return shift

    def _incoming(
        self, s: Session, teller: str, day: date, staff_id: str, password: str
    ) -> Staff | Msg:
        """The teller taking the box over, by their own password; or why their password failed."""
        incoming = self.auth.check_password(s, normalise_id(staff_id), password, "handover")
        if not isinstance(incoming, Staff):
            return msg("till.incoming_refused", reason=incoming)
        if incoming.staff_id == teller:
            raise TillRefused("till.same_teller")
        if incoming.role not in (Role.TELLER, Role.SUPERVISOR):
            raise TillRefused("till.not_counter_staff", staff_id=incoming.staff_id)
        if self.till.closed_today(s, incoming.staff_id, day):
            raise TillRefused("till.incoming_closed_today", staff_id=incoming.staff_id)
        if (other := self.till.shift_elsewhere(s, incoming.staff_id, day)) is not None:
            raise TillRefused(
                "till.incoming_open_elsewhere", staff_id=incoming.staff_id, counter=other
            )
        return incoming

    def handover(
        self,
        outgoing: SignedIn,
        outgoing_count: Count,
        items: list[str],
        incoming_id: str,
        incoming_password: str,
        incoming_count: Count,
        approver_id: str | None = None,
        approver_password: str | None = None,
    ) -> tuple[SignedIn, HandoverView]:
        """The box passes to another teller, who signs in here with their own password."""
        teller = outgoing.staff.staff_id
        with self.db.write() as s:
            day = current_business_date(s, self.clock, self.till.branch_code)
            shift = self._closable(s, teller, day)
            incoming = self._incoming(s, teller, day, incoming_id, incoming_password)
            if isinstance(incoming, Msg):
                problem = incoming
            else:
                approver: Staff | Msg | None = None
                expected = expected_fen(s, shift)
                if incoming_count != outgoing_count or outgoing_count.total_fen != expected:
                    approver = self.till.supervisor(s, teller, approver_id, approver_password)
                if not isinstance(approver, Msg):
                    taker = Incoming(incoming, incoming_count, approver)
                    return self._hand_over(s, outgoing, shift, outgoing_count, items, taker)
                problem = approver
        refuse(problem)

    def _hand_over(
        self,
        s: Session,
        outgoing: SignedIn,
        shift: Shift,
        outgoing_count: Count,
        items: list[str],
        incoming: Incoming,
    ) -> tuple[SignedIn, HandoverView]:
        by = incoming.approver.staff_id if incoming.approver else None
        taker, incoming_count = incoming.staff, incoming.count
        expected = expected_fen(s, shift)
        movement = self._end(s, shift, ShiftStatus.HANDED_OVER, outgoing_count, None, by).movement
        now = self.clock.now()
        following = Shift(
            branch_code=shift.branch_code,
            counter=shift.counter,
            business_date=shift.business_date,
            teller_id=taker.staff_id,
            opened_at=now,
            opening=json.dumps(incoming_count.as_json()),
            opening_fen=incoming_count.total_fen,
            opening_difference_fen=incoming_count.total_fen - outgoing_count.total_fen,
            opening_approved_by=by,
            previous_shift_id=shift.id,
            status=ShiftStatus.OPEN,
        )
        s.add(following)
        s.flush()
        record = Handover(
            from_shift_id=shift.id,
            to_shift_id=following.id,
            outgoing_count=json.dumps(outgoing_count.as_json()),
            incoming_count=json.dumps(incoming_count.as_json()),
            expected_fen=expected,
            difference_fen=incoming_count.total_fen - outgoing_count.total_fen,
            items=json.dumps([i.strip() for i in items if i.strip()], ensure_ascii=False),
            approved_by=by,
            at=now,
        )
        s.add(record)
        self.auth.end_sign_on(s, outgoing, SignOnEnd.HANDOVER, taker.staff_id)
        s.flush()
        payload = {
            "handover": record.id,
            "from": outgoing.staff.staff_id,
            "to": taker.staff_id,
            "outgoing": str(outgoing_count.total),
            "incoming": str(incoming_count.total),
            "expected": str(from_fen(expected)),
            "approved_by": by,
            "movement": movement,
        }
        self.journal.append(s, "handover", payload, self.till.where(taker.staff_id))
        who = self.auth.start_sign_on(s, taker)
        view = HandoverView(
            record.id,
            view_of(s, shift),
            view_of(s, following),
            expected,
            record.difference_fen,
            by,
            now,
        )
        return who, view

    def open_tills(self) -> list[OpenTill]:
        """The shifts of today's business date that are not closed yet."""
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.till.branch_code)
            rows = s.execute(
                select(Shift, Staff.name)
                .join(Staff, Staff.staff_id == Shift.teller_id)
                .where(
                    Shift.branch_code == self.till.branch_code,
                    Shift.business_date == day,
                    Shift.status == ShiftStatus.OPEN,
                )
                .order_by(Shift.counter)
            ).all()
            return [OpenTill(sh.counter, sh.teller_id, name, sh.opened_at) for sh, name in rows]

    def preview(self) -> DayPreview:
        """Today's figures, read before the branch close asks for a password."""
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.till.branch_code)
            return day_preview(s, self.till.branch_code, day)

    def close_branch(self, supervisor: SignedIn, password: str) -> str:
        """Close the business date: only a supervisor, only when every till is closed.

        The entry that closes it is the day's journal anchor, written to the
        output folder once the close has committed.
        """
        staff_id = supervisor.staff.staff_id
        if supervisor.staff.role is not Role.SUPERVISOR:
            raise TillRefused("till.branch_needs_supervisor")
        with self.db.write() as s:
            day = current_business_date(s, self.clock, self.till.branch_code)
            still_open = s.scalars(
                select(Shift).where(
                    Shift.branch_code == self.till.branch_code,
                    Shift.business_date == day,
                    Shift.status == ShiftStatus.OPEN,
                )
            ).all()
            if still_open:
                tills = listed(f"{t.counter}/{t.teller_id}" for t in still_open)
                raise TillRefused("till.tills_open", tills=tills)
            checked = self.auth.check_password(s, staff_id, password, "branch_close")
            if isinstance(checked, Staff):
                record = s.get(BusinessDay, (self.till.branch_code, day), with_for_update=True)
                if record is None:  # no shift, no posting: nothing to close
                    raise TillRefused("till.day_not_open", date=day.isoformat())
                if record.closed_at is not None:
                    raise TillRefused("till.day_closed", date=day.isoformat())
                record.closed_at, record.closed_by = self.clock.now(), staff_id
                where = self.till.where(staff_id)
                entry = self.journal.append(
                    s, "business_day_closed", {"date": day.isoformat()}, where
                )
        if not isinstance(checked, Staff):
            refuse(checked)
        self._save_anchor(day, Anchor(entry.seq, entry.hash))
        return day.isoformat()

    def _save_anchor(self, day: date, anchor: Anchor) -> None:
        if self.anchor_folder is None:
            return
        folder, branch = self.anchor_folder, self.till.branch_code
        try:
            save_anchor(folder, branch, day, anchor)
        except OSError as exc:
            path = folder / anchor_file_name(branch, day)
            reason = exc.strerror or str(exc)
            raise TillRefused(
                "journal.anchor.not_saved",
                date=day.isoformat(),
                path=str(path),
                reason=reason,
                anchor=str(anchor),
            ) from None
