"""Reversal (冲正): the same business day, the same branch, with a supervisor's approval.

A reversal posts an entry of its own that names the original, undoes the
original's cash, and marks the original reversed. Nothing is deleted. A
reversal cannot itself be reversed, and nothing is reversed twice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from forms.search import TemplateIndex
from workstation.db.ledger import CashMovement, Override, Posting
from workstation.domain.money import from_fen
from workstation.services.auth import SignedIn
from workstation.services.calendar import current_business_date, open_business_date
from workstation.services.evidence import reversal_context
from workstation.services.journal import Where
from workstation.services.overrides import Ask, approvals_for, approvals_of
from workstation.services.posting import (
    PostingRefused,
    PostingResult,
    PostingService,
    next_seq,
    result_of,
    serial_number,
)
from workstation.services.risk.model import Thresholds
from workstation.services.tills import expected_fen


@dataclass(frozen=True)
class ReversalRequest:
    serial: str
    reason: str
    idempotency_key: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"reverse|{self.serial}|{self.reason.strip()}".encode()).hexdigest()


def level_for(amount: Decimal | None, thresholds: Thresholds) -> int:
    """At least level 1; level 2 above the level-1 limit, as for the business itself."""
    if amount is not None and amount > thresholds.level1_limit:
        return 2
    return 1


class ReversalService:
    def __init__(
        self,
        postings: PostingService,
        thresholds: Thresholds,
        templates: TemplateIndex | None = None,
    ) -> None:
        self.postings, self.thresholds, self.templates = postings, thresholds, templates
        self.db, self.journal, self.clock = postings.db, postings.journal, postings.clock

    def _original(self, s: Session, serial: str, lock: bool = False) -> Posting:
        query = select(Posting).where(Posting.serial == serial.strip().upper())
        posting = s.scalar(query.with_for_update() if lock else query)
        if posting is None or posting.branch_code != self.postings.branch_code:
            raise PostingRefused("reversal.unknown", serial=serial)
        if posting.status == "reversal":
            raise PostingRefused("reversal.of_reversal", serial=posting.serial)
        if posting.status == "reversed":
            raise PostingRefused("reversal.already", serial=posting.serial)
        today = current_business_date(s, self.clock, self.postings.branch_code)
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
            amount = None if original.amount_fen is None else from_fen(original.amount_fen)
            template = self.templates.by_code(original.template_code) if self.templates else None
            context = reversal_context(original, template, who, request.reason.strip())
            return Ask(
                "reversal",
                request.idempotency_key,
                request.digest,
                level_for(amount, self.thresholds),
                context,
            )

    def reverse(self, request: ReversalRequest, who: SignedIn) -> PostingResult:
        branch, counter = self.postings.branch_code, self.postings.counter
        with self.db.write() as s:
            done = s.scalar(
                select(Posting).where(Posting.idempotency_key == request.idempotency_key)
            )
            if done is not None:
                return result_of(done, approvals_of(s, done.id), repeated=True)
            day = open_business_date(s, self.journal, self.clock, branch, who.staff.staff_id)
            shift = self.postings.till.open_shift(s, who.staff.staff_id, day)
            if shift is None:
                raise PostingRefused("posting.no_shift")
            original = self._original(s, request.serial, lock=True)
            amount = None if original.amount_fen is None else from_fen(original.amount_fen)
            approvals = [
                a
                for a in approvals_for(s, "reversal", request.idempotency_key, request.digest)
                if a.approver_level >= level_for(amount, self.thresholds)
                and a.approver_id != who.staff.staff_id
            ]
            if not approvals:
                raise PostingRefused(
                    "posting.needs_approval", level=level_for(amount, self.thresholds)
                )
            undone = -sum(
                s.scalars(
                    select(CashMovement.amount_fen).where(CashMovement.posting_id == original.id)
                ).all()
            )
            on_hand = expected_fen(s, shift)
            if undone < 0 and on_hand + undone < 0:  # cash paid back that the box does not hold
                raise PostingRefused(
                    "reversal.not_enough_cash",
                    amount=str(from_fen(-undone)),
                    on_hand=str(from_fen(on_hand)),
                )
            seq = next_seq(s, branch, day, counter)
            reversal = Posting(
                serial=serial_number(branch, day, counter, seq),
                branch_code=branch,
                business_date=day,
                counter=counter,
                seq=seq,
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
                teller_id=who.staff.staff_id,
                sign_on_id=who.sign_on_id,
                posted_at=self.clock.now(),
                idempotency_key=request.idempotency_key,
                content_digest=request.digest,
                status="reversal",
                reversal_of=original.id,
                reason=request.reason.strip()[:200],
                shift_id=shift.id,
            )
            s.add(reversal)
            s.flush()
            original.status = "reversed"
            movement = None
            if undone:  # the cash goes back out of (or into) the reversing teller's box
                movement = self.postings.till.move(s, shift, "reversal", undone, reversal.id)
            ids = [a.id for a in approvals]
            s.execute(update(Override).where(Override.id.in_(ids)).values(posting_id=reversal.id))
            payload = {
                "serial": reversal.serial,
                "reverses": original.serial,
                "reason": reversal.reason,
                "approvers": [a.approver_id for a in approvals],
                "movement": movement,
            }
            where = Where(branch, counter, who.staff.staff_id)
            self.journal.append(s, "reversed", payload, where)
            return result_of(reversal, approvals_of(s, reversal.id), repeated=False)
