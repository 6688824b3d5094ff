"""Sign-in, screen lock, sign-out and account lockout at one counter.

Wrong passwords count per account whether typed at sign-in or at the lock
screen; the n-th in a row locks the account for a while. Every outcome is
journaled. Failures are committed before the refusal is raised.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil
from typing import NoReturn

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from workstation.db.engine import Database
from workstation.db.models import SignOn, Staff
from workstation.domain.clock import Clock
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Msg, msg
from workstation.domain.limits import DEFAULT_LOCKOUT, LockoutPolicy
from workstation.domain.staff import Role
from workstation.domain.statuses import SignOnEnd
from workstation.services.journal import Journal, Where
from workstation.services.passwords import Passwords, check_strength

log = logging.getLogger(__name__)


class AuthError(WorkstationError):
    """A sign-in, unlock or take-over was refused."""


class AccountLocked(AuthError):
    """The account is (now) locked; the person must wait or ask an administrator."""


def refuse(problem: Msg) -> NoReturn:
    """Raise a password check's refusal (after its failed attempt has been committed)."""
    locked = problem.key in ("auth.locked", "auth.now_locked")
    raise (AccountLocked if locked else AuthError)(problem)


@dataclass(frozen=True)
class StaffInfo:
    staff_id: str
    name: str
    role: Role
    level: int
    branch_code: str

    @classmethod
    def of(cls, staff: Staff) -> StaffInfo:
        return cls(staff.staff_id, staff.name, Role(staff.role), staff.level, staff.branch_code)


@dataclass(frozen=True)
class SignedIn:
    """A person at this counter, from sign-in to sign-out."""

    staff: StaffInfo
    sign_on_id: int
    started_at: datetime


def normalise_id(staff_id: str) -> str:
    return staff_id.strip().upper()


def minutes_left(until: datetime, now: datetime) -> int:
    return max(1, ceil((until - now).total_seconds() / 60))


class AuthService:
    def __init__(
        self,
        db: Database,
        journal: Journal,
        passwords: Passwords,
        clock: Clock,
        branch_code: str,
        counter: str,
        policy: LockoutPolicy = DEFAULT_LOCKOUT,
    ) -> None:
        self.db, self.journal, self.passwords, self.clock = db, journal, passwords, clock
        self.branch_code, self.counter, self.policy = branch_code, counter, policy

    def _where(self, staff_id: str | None) -> Where:
        return Where(self.branch_code, self.counter, staff_id)

    # -- checking a password (inside the caller's transaction) ----------------------

    def check_password(
        self, s: Session, staff_id: str, password: str, purpose: str, max_failed: int | None = None
    ) -> Staff | Msg:
        """Check one password; record the failure and return why, or the staff row.

        ``max_failed`` lowers the number of wrong passwords that lock the account
        (an approval typed at someone else's counter allows fewer). The caller
        commits the failure before raising it with :func:`refuse`.
        """
        now = self.clock.now()
        staff = s.get(Staff, staff_id, with_for_update=True) if staff_id else None
        if staff is None or staff.branch_code != self.branch_code:
            self.passwords.burn(password)
            self._failed(s, staff_id, purpose, "unknown")
            return msg("auth.wrong_credentials")
        if not staff.active:
            self._failed(s, staff_id, purpose, "inactive")
            return msg("auth.inactive")
        if staff.locked_until is not None:
            if staff.locked_until > now:
                self._failed(s, staff_id, purpose, "locked")
                return msg("auth.locked", minutes=minutes_left(staff.locked_until, now))
            staff.locked_until, staff.failed_attempts = None, 0
        if self.passwords.verify(staff.password_hash, password):
            staff.failed_attempts = 0
            return staff
        staff.failed_attempts += 1
        self._failed(s, staff_id, purpose, "wrong_password", attempts=staff.failed_attempts)
        left = (max_failed or self.policy.max_failed) - staff.failed_attempts
        if left > 0:
            return msg("auth.wrong_password", left=left)
        staff.locked_until = now + timedelta(minutes=self.policy.minutes)
        log.warning("lockout staff=%s via=%s minutes=%s", staff_id, purpose, self.policy.minutes)
        self.journal.append(
            s,
            "lockout",
            {"staff_id": staff_id, "until": staff.locked_until.isoformat(), "via": purpose},
            self._where(staff_id),
        )
        self._end_open_sign_ons(s, staff_id, SignOnEnd.LOCKED_OUT, None)
        return msg("auth.now_locked", minutes=minutes_left(staff.locked_until, now))

    def _failed(
        self, s: Session, staff_id: str | None, purpose: str, reason: str, **extra: object
    ) -> None:
        payload = {"staff_id": staff_id, "via": purpose, "reason": reason, **extra}
        self.journal.append(s, "sign_in_failed", payload, self._where(None))
        # an unknown ID may be a password typed into the wrong field: not written to the log
        shown = "?" if reason == "unknown" else staff_id
        log.info("sign_in_failed staff=%s via=%s reason=%s", shown, purpose, reason)

    def verify_approver(
        self, s: Session, staff_id: str, password: str, teller_id: str, level: int
    ) -> Staff | Msg:
        """A supervisor's credentials for an override, inside the caller's transaction.

        Never the teller themself; a supervisor of at least ``level``; not locked;
        three wrong passwords lock the account as sign-in does.
        """
        staff_id = normalise_id(staff_id)
        if staff_id == normalise_id(teller_id):
            return msg("override.self_approval")
        outcome = self.check_password(
            s, staff_id, password, "override", max_failed=self.policy.max_failed_overrides
        )
        if not isinstance(outcome, Staff):
            return outcome
        if outcome.role != Role.SUPERVISOR.value:
            return msg("override.not_supervisor", staff_id=staff_id)
        if outcome.level < level:
            return msg("override.level_too_low", level=outcome.level, required=level)
        return outcome

    # -- sign-on records ------------------------------------------------------

    def _end_open_sign_ons(
        self, s: Session, staff_id: str, reason: SignOnEnd, by: str | None
    ) -> None:
        s.execute(
            update(SignOn)
            .where(SignOn.staff_id == staff_id, SignOn.ended_at.is_(None))
            .values(ended_at=self.clock.now(), end_reason=reason, ended_by=by)
        )

    def start_sign_on(self, s: Session, staff: Staff) -> SignedIn:
        """Sign ``staff`` on at this counter (ending any sign-on it supersedes), journaled."""
        now = self.clock.now()
        stale = s.scalars(
            select(SignOn).where(
                SignOn.ended_at.is_(None),
                (SignOn.staff_id == staff.staff_id)
                | ((SignOn.branch_code == self.branch_code) & (SignOn.counter == self.counter)),
            )
        ).all()
        for old in stale:
            old.ended_at, old.end_reason, old.ended_by = now, SignOnEnd.SUPERSEDED, staff.staff_id
            self.journal.append(
                s,
                "sign_on_superseded",
                {"sign_on": old.id, "staff_id": old.staff_id, "counter": old.counter},
                self._where(staff.staff_id),
            )
        sign_on = SignOn(
            staff_id=staff.staff_id,
            branch_code=self.branch_code,
            counter=self.counter,
            started_at=now,
        )
        s.add(sign_on)
        s.flush()
        self.journal.append(
            s, "sign_in", {"sign_on": sign_on.id, "role": staff.role}, self._where(staff.staff_id)
        )
        return SignedIn(StaffInfo.of(staff), sign_on.id, now)

    def end_sign_on(self, s: Session, who: SignedIn, reason: SignOnEnd, by: str | None) -> None:
        """End ``who``'s sign-on (if it is still open) for ``reason``, by ``by``."""
        sign_on = s.get(SignOn, who.sign_on_id)
        if sign_on is not None and sign_on.ended_at is None:
            sign_on.ended_at, sign_on.end_reason, sign_on.ended_by = self.clock.now(), reason, by

    # -- what screens call -------------------------------------------------------

    def sign_in(self, staff_id: str, password: str) -> SignedIn:
        staff_id = normalise_id(staff_id)
        with self.db.write() as s:
            outcome = self.check_password(s, staff_id, password, "sign_in")
            if isinstance(outcome, Staff):
                who = self.start_sign_on(s, outcome)
        if isinstance(outcome, Staff):
            log.info("sign_in staff=%s role=%s counter=%s", staff_id, outcome.role, self.counter)
            return who
        refuse(outcome)

    def lock(self, who: SignedIn, reason: str) -> None:
        with self.db.write() as s:
            self.journal.append(
                s,
                "lock",
                {"sign_on": who.sign_on_id, "reason": reason},
                self._where(who.staff.staff_id),
            )
        log.info("lock staff=%s reason=%s", who.staff.staff_id, reason)

    def unlock(self, who: SignedIn, password: str) -> None:
        """Only the same person's password unlocks; failures count towards lockout."""
        staff_id = who.staff.staff_id
        with self.db.write() as s:
            outcome = self.check_password(s, staff_id, password, "unlock")
            if isinstance(outcome, Staff):
                self.journal.append(s, "unlock", {"sign_on": who.sign_on_id}, self._where(staff_id))
        if isinstance(outcome, Staff):
            log.info("unlock staff=%s", staff_id)
            return
        refuse(outcome)

    def sign_out(self, who: SignedIn) -> None:
        with self.db.write() as s:
            self.end_sign_on(s, who, SignOnEnd.SIGN_OUT, who.staff.staff_id)
            self.journal.append(
                s, "sign_out", {"sign_on": who.sign_on_id}, self._where(who.staff.staff_id)
            )
        log.info("sign_out staff=%s", who.staff.staff_id)

    def take_over(self, locked: SignedIn, staff_id: str, password: str) -> SignedIn:
        """Another person at a locked screen signs the first one out and signs in."""
        staff_id = normalise_id(staff_id)
        with self.db.write() as s:
            outcome = self.check_password(s, staff_id, password, "take_over")
            if isinstance(outcome, Staff):
                self.end_sign_on(s, locked, SignOnEnd.FORCED, staff_id)
                self.journal.append(
                    s,
                    "forced_sign_out",
                    {"sign_on": locked.sign_on_id, "signed_out": locked.staff.staff_id},
                    self._where(staff_id),
                )
                who = self.start_sign_on(s, outcome)
        if isinstance(outcome, Staff):
            log.info("take_over staff=%s signed_out=%s", staff_id, locked.staff.staff_id)
            return who
        refuse(outcome)

    def change_password(self, who: SignedIn, old: str, new: str) -> None:
        check_strength(new)
        staff_id = who.staff.staff_id
        with self.db.write() as s:
            outcome = self.check_password(s, staff_id, old, "change_password")
            if isinstance(outcome, Staff):
                outcome.password_hash = self.passwords.hash(new)
                outcome.password_changed_at = self.clock.now()
                self.journal.append(
                    s,
                    "staff_changed",
                    {"staff_id": staff_id, "change": "password"},
                    self._where(staff_id),
                )
                return
        refuse(outcome)
