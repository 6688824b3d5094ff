"""Finding postings again: by serial, policy, resident ID, dates, teller.

Supervisors (and administrators) see the whole branch; a teller sees their
own postings only. The service decides, whatever the screen asks for.
Resident IDs, cards and phones come masked; a supervisor may reveal them,
and the journal records that they did.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, aliased

from workstation.db.engine import Database
from workstation.db.ledger import Posting
from workstation.domain.masking import mask_value, may_reveal
from workstation.domain.money import yuan_of
from workstation.domain.staff import Role
from workstation.domain.text import fold
from workstation.services.approvals import Approval, approvals_of
from workstation.services.auth import SignedIn
from workstation.services.journal import Journal, Where
from workstation.services.posting import PostingRefused


@dataclass(frozen=True)
class Query:
    serial: str | None = None
    policy_no: str | None = None
    id_number: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    teller_id: str | None = None
    limit: int = 200


@dataclass(frozen=True)
class PostingRow:
    serial: str
    business_date: date
    posted_at: datetime
    template_code: str
    policy_no: str | None
    customer_name: str | None
    amount: Decimal | None
    direction: str
    method: str | None
    teller_id: str
    status: str
    """posted, reversed, or reversal."""
    linked_serial: str | None
    """The reversal of a reversed posting, or the original of a reversal."""


@dataclass(frozen=True)
class PostingDetail:
    row: PostingRow
    lines: list[dict[str, str]]
    """Each value in both languages; IDs, cards and phones masked unless ``revealed``."""
    documents: list[str]
    findings: list[dict[str, Any]]
    approvals: list[Approval]
    """As recorded, each approver once."""
    by_agent: bool
    reason: str | None
    revealed: bool = False


def masked_lines(lines: list[dict[str, str]]) -> list[dict[str, str]]:
    """Stored submission lines with resident IDs, cards and phones masked."""
    return [
        {
            **line,
            "zh": mask_value(line.get("type"), line["zh"]),
            "en": mask_value(line.get("type"), line["en"]),
        }
        for line in lines
    ]


def _row(posting: Posting, linked: str | None) -> PostingRow:
    return PostingRow(
        posting.serial,
        posting.business_date,
        posting.posted_at,
        posting.template_code,
        posting.policy_no,
        posting.customer_name,
        yuan_of(posting.amount_fen),
        posting.direction,
        posting.method,
        posting.teller_id,
        posting.status,
        linked,
    )


class Inquiry:
    def __init__(
        self,
        db: Database,
        branch_code: str,
        journal: Journal,
        counter: str,
    ) -> None:
        self.db, self.branch_code = db, branch_code
        self.journal, self.counter = journal, counter

    def _scope(self, who: SignedIn) -> ColumnElement[bool]:
        condition = Posting.branch_code == self.branch_code
        if who.staff.role is Role.TELLER:
            condition &= Posting.teller_id == who.staff.staff_id
        return condition

    def search(self, who: SignedIn, query: Query) -> list[PostingRow]:
        other = aliased(Posting)
        statement = (
            select(Posting, other.serial)
            .outerjoin(other, or_(other.reversal_of == Posting.id, other.id == Posting.reversal_of))
            .where(self._scope(who))
            .order_by(Posting.posted_at.desc(), Posting.id.desc())
            .limit(query.limit)
        )
        if query.serial:
            statement = statement.where(Posting.serial == fold(query.serial).upper())
        if query.policy_no:
            statement = statement.where(Posting.policy_no == fold(query.policy_no).upper())
        if query.id_number:
            number = fold(query.id_number).upper()
            statement = statement.where(
                or_(
                    Posting.customer_id_number == number,
                    Posting.applicant_id_number == number,
                    Posting.insured_id_number == number,
                )
            )
        if query.date_from:
            statement = statement.where(Posting.business_date >= query.date_from)
        if query.date_to:
            statement = statement.where(Posting.business_date <= query.date_to)
        if query.teller_id:
            statement = statement.where(Posting.teller_id == query.teller_id.strip().upper())
        with self.db.read() as s:
            return [_row(posting, linked) for posting, linked in s.execute(statement)]

    def detail(self, who: SignedIn, serial: str) -> PostingDetail:
        """One posting in full, personal numbers masked."""
        rows = self.search(who, Query(serial=serial, limit=1))
        if not rows:
            raise PostingRefused("inquiry.not_found", serial=serial)
        with self.db.read() as s:
            return _detail(s, rows[0], revealed=False)

    def reveal(self, who: SignedIn, serial: str) -> PostingDetail:
        """One posting with its personal numbers in full: supervisors only, journaled."""
        if not may_reveal(who.staff.role):
            raise PostingRefused("reveal.not_allowed")
        rows = self.search(who, Query(serial=serial, limit=1))
        if not rows:
            raise PostingRefused("inquiry.not_found", serial=serial)
        with self.db.write() as s:
            where = Where(self.branch_code, self.counter, who.staff.staff_id)
            self.journal.append(s, "id_revealed", {"serial": rows[0].serial}, where)
            return _detail(s, rows[0], revealed=True)


def _detail(s: Session, row: PostingRow, revealed: bool) -> PostingDetail:
    posting = s.execute(select(Posting).where(Posting.serial == row.serial)).scalar_one()
    lines = json.loads(posting.submission)
    return PostingDetail(
        row,
        lines if revealed else masked_lines(lines),
        json.loads(posting.documents),
        json.loads(posting.findings),
        list(approvals_of(s, posting.id)),
        posting.by_agent,
        posting.reason,
        revealed,
    )
