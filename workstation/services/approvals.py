"""What an approval is: what a teller asks for, and what a supervisor's approval records.

:class:`Ask` carries the evidence the services build (``services.evidence``);
:class:`Approval` is an approval as stored, the one shape screens, receipts
and results show. The queries find the approvals of a submission or a posting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.ledger import Override
from workstation.db.models import Staff
from workstation.domain.statuses import Purpose
from workstation.services.evidence import Evidence


@dataclass(frozen=True)
class Ask:
    """What a teller asks a supervisor to approve."""

    purpose: Purpose
    idempotency_key: str
    content_digest: str
    level: int
    context: dict[str, Any] = field(default_factory=dict)
    """For the supervisor: title, lines, findings, documents, id check — both languages.
    Built by the service (see :mod:`workstation.services.evidence`); kept in full."""

    @property
    def evidence(self) -> Evidence:
        """What the approval dialog shows: personal numbers masked."""
        return Evidence.of(self.context)


@dataclass(frozen=True)
class Approval:
    """An approval as recorded: the one shape screens, receipts and results show."""

    approver_id: str
    approver_name: str
    level: int
    mode: str
    """local or remote (:class:`OverrideMode`)."""
    reason_code: str
    reason_text: str | None
    decided_at: datetime

    @classmethod
    def of(cls, row: Override, name: str | None) -> Approval:
        """The approval a stored row records; ``name``: the approver's, as staff records it."""
        return cls(
            row.approver_id,
            name or row.approver_id,
            row.approver_level,
            row.mode,
            row.reason_code,
            row.reason_text,
            row.decided_at,
        )


@dataclass(frozen=True)
class Reason:
    """Why a supervisor decided as they did; ``request_id`` for a remote decision."""

    code: str
    text: str | None = None
    request_id: int | None = None


def approval_of(s: Session, row: Override) -> Approval:
    """A stored approval, named as staff records the approver."""
    return Approval.of(row, s.scalar(select(Staff.name).where(Staff.staff_id == row.approver_id)))


def approvals_of(s: Session, posting_id: int) -> tuple[Approval, ...]:
    """The approvals that let a posting through, oldest first, each approver once."""
    rows = s.scalars(
        select(Override).where(Override.posting_id == posting_id).order_by(Override.id)
    )
    seen: dict[str, Approval] = {}
    for row in rows:
        if row.approver_id not in seen:
            seen[row.approver_id] = approval_of(s, row)
    return tuple(seen.values())


def approvals_for(s: Session, purpose: Purpose, key: str, digest: str) -> list[Override]:
    """Approvals given for exactly this submission (key and content)."""
    return list(
        s.scalars(
            select(Override).where(
                Override.purpose == purpose,
                Override.idempotency_key == key,
                Override.content_digest == digest,
            )
        )
    )
