"""Reversal (冲正): the same business day, the same branch, with a supervisor's approval.

A reversal posts an entry of its own that names the original, undoes the
original's cash, and marks the original reversed. Nothing is deleted. A
reversal cannot itself be reversed, and nothing is reversed twice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.search import TemplateIndex
from workstation.db.engine import Database
from workstation.db.ledger import CashMovement, Posting
from workstation.db.tills import Shift
from workstation.domain.authority import reversal_level
from workstation.domain.clock import Clock
from workstation.domain.flows import MovementKind
from workstation.domain.limits import Thresholds
from workstation.domain.money import from_fen, yuan_of
from workstation.domain.statuses import PostingStatus, Purpose
from workstation.services import entries
from workstation.services.approvals import Ask
from workstation.services.auth import SignedIn
from workstation.services.calendar import current_business_date, open_business_date
from workstation.services.entries import Place, PostingRefused, PostingResult
from workstation.services.evidence import reversal_context
from workstation.services.journal import Journal, Where
from workstation.services.tills import TillService, expected_fen


@dataclass(frozen=True)
class ReversalRequest:
    serial: str
    reason: str
    idempotency_key: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"reverse|{self.serial}|{self.reason.strip()}".encode()).hexdigest()


class ReversalService:
    def __init__(
        self,
        db: Database,
        journal: Journal,
        clock: Clock,
        till: TillService,
        thresholds: Thresholds,
        templates: TemplateIndex | None = None,
    ) -> None:
        self.db, self.journal, self.clock, self.till = db, journal, clock, till
        self.thresholds, self.templates = thresholds, templates
        self.place = Place(till.branch_code, till.counter)

    def _level(self, original: Posting) -> int:
        return reversal_level(yuan_of(original.amount_fen), self.thresholds.authority_limits)

    def _original(self, s: Session, serial: str, lock: bool = False) -> Posting:
        query = select(Posting).where(Posting.serial == serial.strip().upper())
        posting = s.scalar(query.with_for_update() if lock else query)
        if posting is None or posting.branch_code != self.place.branch_code:
            raise PostingRefused("reversal.unknown", serial=serial)
        if posting.status == PostingStatus.REVERSAL:
            raise PostingRefused("reversal.of_reversal", serial=posting.serial)
        if posting.status == PostingStatus.REVERSED:
            raise PostingRefused("reversal.already", serial=posting.serial)
        today = current_business_date(s, self.clock, self.place.branch_code)
        if posting.business_date != today:
            raise PostingRefused(
                "reversal.other_day", serial=posting.serial, day=posting.business_date.isoformat()
            )
        return posting

    def ask(self, request: ReversalRequest, who: SignedIn) -> Ask:
        """What the supervisor is asked to approve, after the same checks as the reversal."""
        if not request.reason.strip():
            raise PostingRefused("reversal.reason_needed")
        with self.db.read() as s:
            original = self._original(s, request.serial)
            template = self.templates.by_code(original.template_code) if self.templates else None
            context = reversal_context(original, template, who, request.reason.strip())
            key, digest = request.idempotency_key, request.digest
            return Ask(Purpose.REVERSAL, key, digest, self._level(original), context)

    def reverse(self, request: ReversalRequest, who: SignedIn) -> PostingResult:
        teller = who.staff.staff_id
        with self.db.write() as s:
            if (done := entries.by_key(s, request.idempotency_key)) is not None:
                return entries.recorded(s, done, repeated=True)
            day = open_business_date(s, self.journal, self.clock, self.place.branch_code, teller)
            shift = entries.shift_of(s, self.till, teller, day)
            original = self._original(s, request.serial, lock=True)
            key, digest, level = request.idempotency_key, request.digest, self._level(original)
            approvals = entries.take_approvals(s, Purpose.REVERSAL, key, digest, level, teller)
            undone = _cash_back(s, original, shift)
            reversal = self._row(s, request, who, original, day, shift)
            original.status = PostingStatus.REVERSED
            movement = None
            if undone:  # the cash goes back out of (or into) the reversing teller's box
                movement = self.till.move(s, shift, MovementKind.REVERSAL, undone, reversal.id)
            entries.link_approvals(s, approvals, reversal.id)
            payload = {
                "serial": reversal.serial,
                "reverses": original.serial,
                "reason": reversal.reason,
                "approvers": [a.approver_id for a in approvals],
                "movement": movement,
            }
            where = Where(self.place.branch_code, self.place.counter, teller)
            self.journal.append(s, "reversed", payload, where)
            return entries.recorded(s, reversal)

    def _row(
        self,
        s: Session,
        request: ReversalRequest,
        who: SignedIn,
        original: Posting,
        day: date,
        shift: Shift,
    ) -> Posting:
        """The reversing entry: the original's business, its amount negated, numbered now."""
        return entries.entry(
            s,
            self.place,
            day,
            who,
            shift,
            self.clock.now(),
            template_code=original.template_code,
            template_key=original.template_key,
            category=original.category,
            policy_no=original.policy_no,
            customer_id_number=original.customer_id_number,
            customer_name=original.customer_name,
            applicant_id_number=original.applicant_id_number,
            insured_id_number=original.insured_id_number,
            direction=original.direction,
            method=original.method,
            amount_fen=None if original.amount_fen is None else -original.amount_fen,
            by_agent=original.by_agent,
            submission=original.submission,
            documents=original.documents,
            findings="[]",
            idempotency_key=request.idempotency_key,
            content_digest=request.digest,
            status=PostingStatus.REVERSAL,
            reversal_of=original.id,
            reason=request.reason.strip()[:200],
        )


def _cash_back(s: Session, original: Posting, shift: Shift) -> int:
    """The cash (fen) that undoing ``original`` moves through ``shift``'s box; refused when
    it pays back cash the box does not hold."""
    undone = -sum(
        s.scalars(select(CashMovement.amount_fen).where(CashMovement.posting_id == original.id))
    )
    on_hand = expected_fen(s, shift)
    if undone < 0 and on_hand + undone < 0:
        raise PostingRefused(
            "reversal.not_enough_cash",
            amount=str(from_fen(-undone)),
            on_hand=str(from_fen(on_hand)),
        )
    return undone
