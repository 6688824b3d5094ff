"""Supervisor overrides: local (credentials typed at the teller's counter) or remote.

Whatever the screen does, the service enforces: the approver is not the
teller, is a supervisor of at least the level asked for, is not locked, and
typed the right password (three wrong ones lock the account). An approval is
bound to one submission (idempotency key and content digest) and keeps its
evidence: findings, documents ticked, the ID check, who, when, how.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.ledger import Override, OverrideRequest
from workstation.db.models import Staff
from workstation.domain.errors import WorkstationError
from workstation.domain.masking import may_reveal
from workstation.domain.statuses import OverrideMode, Purpose, RequestStatus
from workstation.services.approvals import (
    Approval,
    Ask,
    Reason,
    approval_of,
    approvals_for,
    approvals_of,
)
from workstation.services.auth import SignedIn, refuse
from workstation.services.desk import CounterDesk
from workstation.services.evidence import Evidence
from workstation.services.journal import Where
from workstation.services.report_data import Person

__all__ = [
    "REASONS",
    "REJECTIONS",
    "Approval",
    "Ask",
    "OverrideError",
    "OverrideService",
    "RequestView",
    "approvals_for",
    "approvals_of",
]
"""Ask, Approval and the approval queries live in ``services.approvals``; offered here too."""

REASONS = ("identity_verified", "customer_confirmed", "documents_checked", "exception", "other")
"""Reason codes for an approval (the catalog's [override.reason] section)."""
REJECTIONS = ("documents_insufficient", "identity_doubt", "amount_wrong", "not_allowed", "other")


class OverrideError(WorkstationError):
    """An approval or a request was refused."""


@dataclass(frozen=True)
class RequestView:
    id: int
    counter: str
    teller_id: str
    purpose: str
    level: int
    status: str
    created_at: datetime
    evidence: Evidence
    """What the supervisor sees; personal numbers masked unless revealed."""
    decided_by: Person | None = None
    """Who approved or rejected it (by ID when no longer on the staff)."""
    reason_code: str | None = None
    reason_text: str | None = None
    approval: Approval | None = None
    """Once approved: the approval as recorded (the approver's name, level and time)."""


def _view(s: Session, row: OverrideRequest, revealed: bool = False) -> RequestView:
    approval = None
    if row.status == RequestStatus.APPROVED:
        stored = s.scalar(select(Override).where(Override.request_id == row.id))
        approval = approval_of(s, stored) if stored is not None else None
    decider = None
    if row.decided_by:
        staff = s.get(Staff, row.decided_by)
        decider = Person(staff.name if staff else row.decided_by, row.decided_by)
    return RequestView(
        row.id,
        row.counter,
        row.teller_id,
        row.purpose,
        row.level_required,
        row.status,
        row.created_at,
        Evidence.of(json.loads(row.context), revealed),
        decider,
        row.reason_code,
        row.reason_text,
        approval,
    )


@dataclass(eq=False)
class OverrideService(CounterDesk):
    counter: str | None = None

    def _check_reason(self, code: str, allowed: tuple[str, ...], text: str | None) -> None:
        if code not in allowed:
            raise OverrideError("override.bad_reason", code=code)
        if code == "other" and not (text or "").strip():
            raise OverrideError("override.reason_text_needed")

    def _record(
        self, s: Session, ask: Ask, teller_id: str, approver: Staff, mode: OverrideMode, why: Reason
    ) -> Approval:
        record = Override(
            branch_code=self.branch_code,
            idempotency_key=ask.idempotency_key,
            content_digest=ask.content_digest,
            purpose=ask.purpose,
            level_required=ask.level,
            approver_id=approver.staff_id,
            approver_level=approver.level,
            teller_id=teller_id,
            mode=mode,
            request_id=why.request_id,
            reason_code=why.code,
            reason_text=why.text,
            evidence=json.dumps(ask.context, ensure_ascii=False, sort_keys=True),
            decided_at=self.clock.now(),
        )
        s.add(record)
        s.flush()
        payload = {
            "override": record.id,
            "purpose": ask.purpose,
            "key": ask.idempotency_key,
            "digest": ask.content_digest,
            "level": ask.level,
            "approver": approver.staff_id,
            "teller": teller_id,
            "mode": mode,
            "reason": why.code,
        }
        self.journal.append(s, "override_approved", payload, Where(self.branch_code))
        return Approval.of(record, approver.name)

    # -- local -------------------------------------------------------------------

    def approve_local(
        self,
        teller: SignedIn,
        ask: Ask,
        approver_id: str,
        password: str,
        reason_code: str,
        reason_text: str | None = None,
    ) -> Approval:
        """A supervisor types their credentials at the teller's counter."""
        self._check_reason(reason_code, REASONS, reason_text)
        teller_id = teller.staff.staff_id
        with self.db.write() as s:
            approver = self.auth.verify_approver(s, approver_id, password, teller_id, ask.level)
            if isinstance(approver, Staff):
                why = Reason(reason_code, reason_text)
                return self._record(s, ask, teller_id, approver, OverrideMode.LOCAL, why)
        refuse(approver)

    # -- remote ------------------------------------------------------------------

    def request(self, teller: SignedIn, ask: Ask, counter: str) -> int:
        """Put the request where every supervisor's Authorizations screen sees it."""
        with self.db.write() as s:
            row = OverrideRequest(
                branch_code=self.branch_code,
                counter=counter,
                teller_id=teller.staff.staff_id,
                idempotency_key=ask.idempotency_key,
                content_digest=ask.content_digest,
                purpose=ask.purpose,
                level_required=ask.level,
                context=json.dumps(ask.context, ensure_ascii=False, sort_keys=True),
                status=RequestStatus.PENDING,
                created_at=self.clock.now(),
            )
            s.add(row)
            s.flush()
            payload = {"request": row.id, "purpose": ask.purpose, "level": ask.level}
            where = Where(self.branch_code, counter, teller.staff.staff_id)
            self.journal.append(s, "override_requested", payload, where)
            return row.id

    def status(self, request_id: int) -> RequestView:
        """The request now; once approved, with the approval as recorded."""
        with self.db.read() as s:
            row = s.get(OverrideRequest, request_id)
            if row is None:
                raise OverrideError("override.no_request", id=request_id)
            return _view(s, row)

    def reveal(self, who: SignedIn, request_id: int) -> RequestView:
        """The request with its personal numbers in full: supervisors only, journaled."""
        if not may_reveal(who.staff.role):
            raise OverrideError("reveal.not_allowed")
        with self.db.write() as s:
            row = s.get(OverrideRequest, request_id)
            if row is None or row.branch_code != self.branch_code:
                raise OverrideError("override.no_request", id=request_id)
            where = Where(self.branch_code, self.counter, who.staff.staff_id)
            payload = {"request": row.id, "teller": row.teller_id}
            self.journal.append(s, "id_revealed", payload, where)
            return _view(s, row, revealed=True)

    def cancel(self, teller: SignedIn, request_id: int) -> RequestView:
        """Withdraw a pending request; a decision already made stands."""
        with self.db.write() as s:
            row = s.get(OverrideRequest, request_id, with_for_update=True)
            if row is None or row.teller_id != teller.staff.staff_id:
                raise OverrideError("override.no_request", id=request_id)
            if row.status == RequestStatus.PENDING:
                row.status, row.decided_at = RequestStatus.CANCELLED, self.clock.now()
                where = Where(self.branch_code, row.counter, teller.staff.staff_id)
                self.journal.append(s, "override_cancelled", {"request": row.id}, where)
            return _view(s, row)

    def pending(self) -> list[RequestView]:
        """Requests waiting in this branch, oldest first."""
        with self.db.read() as s:
            rows = s.scalars(
                select(OverrideRequest)
                .where(
                    OverrideRequest.branch_code == self.branch_code,
                    OverrideRequest.status == RequestStatus.PENDING,
                )
                .order_by(OverrideRequest.id)
            ).all()
            return [_view(s, row) for row in rows]

    def decide(
        self,
        supervisor: SignedIn,
        request_id: int,
        approve: bool,
        password: str,
        reason_code: str,
        reason_text: str | None = None,
    ) -> RequestView:
        """Approve (with the supervisor's password) or reject a pending request."""
        self._check_reason(reason_code, REASONS if approve else REJECTIONS, reason_text)
        with self.db.write() as s:
            row = s.get(OverrideRequest, request_id, with_for_update=True)
            if row is None or row.branch_code != self.branch_code:
                raise OverrideError("override.no_request", id=request_id)
            if row.status != RequestStatus.PENDING:
                raise OverrideError("override.already_decided", status=row.status)
            staff_id = supervisor.staff.staff_id
            approver = self.auth.verify_approver(
                s, staff_id, password, row.teller_id, row.level_required if approve else 0
            )
            if isinstance(approver, Staff):
                row.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
                row.decided_at, row.decided_by = self.clock.now(), staff_id
                row.reason_code, row.reason_text = reason_code, reason_text
                if approve:
                    ask = Ask(
                        Purpose(row.purpose),
                        row.idempotency_key,
                        row.content_digest,
                        row.level_required,
                        json.loads(row.context),
                    )
                    why = Reason(reason_code, reason_text, row.id)
                    self._record(s, ask, row.teller_id, approver, OverrideMode.REMOTE, why)
                else:
                    payload = {"request": row.id, "reason": reason_code, "by": staff_id}
                    self.journal.append(s, "override_rejected", payload, Where(self.branch_code))
                return _view(s, row)
        refuse(approver)
