"""A counter's cash box through the day: open, vault transfers, handover, close.

Expected cash = the opening count + every movement of the shift (cash in,
cash out, vault transfers, variances). Differences are never absorbed: an
opening that does not match the last close, a handover the two tellers count
differently, a close beyond the tolerance — each needs a supervisor and is
recorded as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from workstation.db.ledger import CashMovement, OverrideRequest
from workstation.db.models import Staff
from workstation.db.tills import Shift, VaultTransfer
from workstation.domain.cash import Count
from workstation.domain.errors import WorkstationError
from workstation.domain.flows import CUSTOMER_CASH, MovementKind, VaultDirection
from workstation.domain.i18n import Msg, msg
from workstation.domain.limits import DEFAULT_THRESHOLDS
from workstation.domain.money import from_fen
from workstation.domain.statuses import RequestStatus, ShiftStatus
from workstation.services.auth import SignedIn, refuse
from workstation.services.calendar import current_business_date, open_business_date
from workstation.services.desk import CounterDesk
from workstation.services.journal import Where
from workstation.services.till_state import ZERO, ShiftView, TillSummary, expected_fen, view_of

__all__ = ["ShiftView", "TillRefused", "TillService", "TillSummary", "expected_fen", "view_of"]

_OPEN_SHIFT = select(Shift).where(
    Shift.branch_code == bindparam("branch"),
    Shift.counter == bindparam("counter"),
    Shift.business_date == bindparam("day"),
    Shift.teller_id == bindparam("teller"),
    Shift.status == ShiftStatus.OPEN,
)
"""Built once: every posting and every till screen asks it."""


class TillRefused(WorkstationError):
    """The till refused: the message says why and what to do."""


@dataclass(eq=False)
class TillService(CounterDesk):
    counter: str
    tolerance: Decimal = Decimal("0")
    limit: Decimal = DEFAULT_THRESHOLDS.till_limit

    def where(self, staff_id: str | None) -> Where:
        """This counter, and who acts at it: where a till's journal entries belong."""
        return Where(self.branch_code, self.counter, staff_id)

    # -- finding shifts -------------------------------------------------------------

    def open_shift(self, s: Session, teller_id: str, day: date) -> Shift | None:
        """This teller's open shift at this counter on ``day``."""
        where = {"branch": self.branch_code, "counter": self.counter, "day": day}
        return s.scalar(_OPEN_SHIFT, where | {"teller": teller_id})

    def current(self, who: SignedIn) -> ShiftView | None:
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.branch_code)
            shift = self.open_shift(s, who.staff.staff_id, day)
            return None if shift is None else view_of(s, shift)

    def counter_shift(self, s: Session, day: date) -> Shift | None:
        """Whoever's shift holds this counter's box now."""
        return s.scalar(
            select(Shift).where(
                Shift.branch_code == self.branch_code,
                Shift.counter == self.counter,
                Shift.business_date == day,
                Shift.status == ShiftStatus.OPEN,
            )
        )

    def shift_elsewhere(self, s: Session, teller_id: str, day: date) -> str | None:
        """The counter where this teller holds an open box on ``day``, if any."""
        return s.scalar(
            select(Shift.counter).where(
                Shift.branch_code == self.branch_code,
                Shift.business_date == day,
                Shift.teller_id == teller_id,
                Shift.status == ShiftStatus.OPEN,
            )
        )

    def closed_today(self, s: Session, teller_id: str, day: date) -> bool:
        """Whether this teller has closed a till of the branch on ``day``."""
        closed = s.scalar(
            select(func.count()).where(
                Shift.branch_code == self.branch_code,
                Shift.business_date == day,
                Shift.teller_id == teller_id,
                Shift.status == ShiftStatus.CLOSED,
            )
        )
        return bool(closed)

    def last_close(self, s: Session) -> Count | None:
        """What this counter's box held when it was last closed."""
        closing = s.scalar(
            select(Shift.closing)
            .where(
                Shift.branch_code == self.branch_code,
                Shift.counter == self.counter,
                Shift.status == ShiftStatus.CLOSED,
            )
            .order_by(Shift.ended_at.desc(), Shift.id.desc())
            .limit(1)
        )
        return None if closing is None else Count.from_json(json.loads(closing))

    # -- approvals ------------------------------------------------------------------

    def supervisor(
        self, s: Session, teller_id: str, approver_id: str | None, password: str | None
    ) -> Staff | Msg:
        """A supervisor's credentials typed at the counter, checked as for any override."""
        if not approver_id:
            raise TillRefused("till.needs_supervisor")
        return self.auth.verify_approver(s, approver_id, password or "", teller_id, 1)

    # -- open -----------------------------------------------------------------------

    def open(
        self,
        who: SignedIn,
        count: Count,
        approver_id: str | None = None,
        approver_password: str | None = None,
        reason: str | None = None,
    ) -> ShiftView:
        """Open a shift with the counted box; a box unlike its last close needs a reason
        and a supervisor, stored and journaled with the difference."""
        teller = who.staff.staff_id
        with self.db.write() as s:
            day = open_business_date(s, self.journal, self.clock, self.branch_code, teller)
            if (busy := self.counter_shift(s, day)) is not None:
                raise TillRefused("till.counter_busy", teller=busy.teller_id)
            if elsewhere := self.shift_elsewhere(s, teller, day):
                raise TillRefused("till.open_elsewhere", counter=elsewhere)
            if self.closed_today(s, teller, day):
                raise TillRefused("till.closed_today", date=day.isoformat())
            last = self.last_close(s) or Count()
            approver, note = None, (reason or "").strip() or None
            if count != last:
                if approver_id and note is None:  # no supervisor yet: that is asked first
                    raise TillRefused("till.opening_reason_needed")
                approver = self.supervisor(s, teller, approver_id, approver_password)
            if not isinstance(approver, Msg):
                shift = Shift(
                    branch_code=self.branch_code,
                    counter=self.counter,
                    business_date=day,
                    teller_id=teller,
                    opened_at=self.clock.now(),
                    opening=json.dumps(count.as_json()),
                    opening_fen=count.total_fen,
                    opening_difference_fen=count.total_fen - last.total_fen,
                    opening_approved_by=approver.staff_id if approver else None,
                    opening_reason=note if approver else None,
                    status=ShiftStatus.OPEN,
                )
                s.add(shift)
                s.flush()
                payload = {
                    "shift": shift.id,
                    "opening": str(count.total),
                    "difference": str(from_fen(shift.opening_difference_fen)),
                    "approved_by": shift.opening_approved_by,
                    "reason": shift.opening_reason,
                }
                self.journal.append(s, "shift_opened", payload, self.where(teller))
                return view_of(s, shift)
        refuse(approver)

    # -- vault ----------------------------------------------------------------------

    def vault_transfer(
        self, who: SignedIn, direction: str, count: Count, officer_id: str, password: str
    ) -> tuple[ShiftView, int]:
        """请领 (from_vault) or 上缴 (to_vault) by denomination, confirmed by a vault officer."""
        if direction not in tuple(VaultDirection):
            raise TillRefused("till.bad_direction")
        way = VaultDirection(direction)
        if count.total_fen <= 0:
            raise TillRefused("till.empty_transfer")
        teller = who.staff.staff_id
        with self.db.write() as s:
            day = current_business_date(s, self.clock, self.branch_code)
            shift = self.open_shift(s, teller, day)
            if shift is None:
                raise TillRefused("till.no_shift")
            if way is VaultDirection.TO_VAULT and count.total_fen > expected_fen(s, shift):
                raise TillRefused("till.not_enough", expected=str(from_fen(expected_fen(s, shift))))
            officer = self.supervisor(s, teller, officer_id, password)
            if not isinstance(officer, Msg):
                transfer = VaultTransfer(
                    shift_id=shift.id,
                    direction=way,
                    count=json.dumps(count.as_json()),
                    amount_fen=count.total_fen,
                    officer_id=officer.staff_id,
                    at=self.clock.now(),
                )
                s.add(transfer)
                s.flush()
                kind = MovementKind.VAULT_IN if way.sign > 0 else MovementKind.VAULT_OUT
                movement = self.move(s, shift, kind, way.sign * count.total_fen)
                payload = {
                    "transfer": transfer.id,
                    "movement": movement,
                    "direction": way,
                    "amount": str(count.total),
                    "count": count.as_json(),
                    "officer": officer.staff_id,
                }
                self.journal.append(s, "vault_transfer", payload, self.where(teller))
                return view_of(s, shift), transfer.id
        refuse(officer)

    def move(
        self,
        s: Session,
        shift: Shift,
        kind: MovementKind,
        amount_fen: int,
        posting_id: int | None = None,
    ) -> int:
        """Book cash into or out of the box; the movement's id goes in the journal entry."""
        movement = CashMovement(
            branch_code=self.branch_code,
            business_date=shift.business_date,
            counter=shift.counter,
            teller_id=shift.teller_id,
            posting_id=posting_id,
            kind=kind,
            amount_fen=amount_fen,
            created_at=self.clock.now(),
            shift_id=shift.id,
        )
        s.add(movement)
        s.flush()
        return movement.id

    # -- readiness to close -------------------------------------------------------------

    def blockers(self, s: Session, teller_id: str, shift: Shift | None) -> list[Msg]:
        """Everything that would stop this teller closing now."""
        if shift is None:
            return [msg("till.no_shift")]
        found: list[Msg] = []
        pending = s.scalar(
            select(func.count()).where(
                OverrideRequest.branch_code == self.branch_code,
                OverrideRequest.teller_id == teller_id,
                OverrideRequest.status == RequestStatus.PENDING,
            )
        )
        if pending:
            found.append(msg("till.pending_requests", count=pending))
        if expected_fen(s, shift) < 0:
            found.append(msg("till.negative_box"))
        return found

    def summary(self, who: SignedIn) -> TillSummary:
        teller = who.staff.staff_id
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.branch_code)
            shift = self.open_shift(s, teller, day)
            moved: dict[str, Decimal] = {}
            if shift is not None:
                incoming = CashMovement.amount_fen > 0
                sums = s.execute(
                    select(CashMovement.kind, incoming, func.sum(CashMovement.amount_fen))
                    .where(CashMovement.shift_id == shift.id)
                    .group_by(CashMovement.kind, incoming)
                )
                for kind, positive, fen in sums:
                    if kind in CUSTOMER_CASH:
                        kind = "cash_in" if positive else "cash_out"
                    moved[kind] = moved.get(kind, ZERO) + abs(from_fen(int(fen)))
            view = None if shift is None else view_of(s, shift)
            blockers = self.blockers(s, teller, shift)
            closed = shift is None and self.closed_today(s, teller, day)
            return TillSummary(day, view, moved, self.limit, blockers, self.last_close(s), closed)

    def readiness(self, who: SignedIn) -> list[Msg]:
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.branch_code)
            shift = self.open_shift(s, who.staff.staff_id, day)
            return self.blockers(s, who.staff.staff_id, shift)
