"""Posting a business exactly once: one transaction, one serial, gapless per counter and day.

The transaction writes the posting, its cash movement, links its approvals
and appends the journal entry; a failure leaves nothing behind. The
idempotency key makes a second confirm (or a retry after a lost answer)
return the first result instead of posting again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from workstation.db.engine import Database
from workstation.db.ledger import Override, Posting, SerialCounter
from workstation.db.upsert import insert_missing
from workstation.domain.cash import change_due
from workstation.domain.clock import Clock
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Catalog
from workstation.domain.money import FEN, from_fen, to_fen
from workstation.services.auth import SignedIn
from workstation.services.calendar import current_business_date, open_business_date
from workstation.services.evidence import posting_context
from workstation.services.journal import Journal, Where
from workstation.services.overlay import effect_of
from workstation.services.overrides import Approval, Ask, approvals_for, approvals_of
from workstation.services.risk.engine import Assessment
from workstation.services.risk.model import LARGE_CASH_REPORT, RiskContext, Severity
from workstation.services.risk.service import RiskService, customer_of, insured_of
from workstation.services.submission import Submission
from workstation.services.tills import TillService

ZH, EN = Catalog.load("zh"), Catalog.load("en")


class PostingRefused(WorkstationError):
    """The business was not posted; the message says why and what to do."""


@dataclass(frozen=True)
class PostingResult:
    serial: str
    business_date: date
    posted_at: datetime
    template_code: str
    policy_no: str | None
    amount: Decimal | None
    method: str | None
    direction: str
    large_cash_report: bool
    approvers: tuple[str, ...]
    """The approvers' staff IDs, each once."""
    repeated: bool = False
    """True when this submission had been posted already: the first result, again."""
    tendered: Decimal | None = None
    """Cash the customer handed over, when it was more than due."""
    change: Decimal | None = None
    approvals: tuple[Approval, ...] = ()
    """The approvals as recorded (name, level, time), each approver once."""


def serial_number(branch: str, day: date, counter: str, seq: int) -> str:
    return f"{branch}-{day:%Y%m%d}-{counter}-{seq:05d}"


def next_seq(s: Session, branch: str, day: date, counter: str) -> int:
    """The next sequence number, under a row lock held until the transaction ends.

    A rolled-back posting gives its number back, so the sequence stays gapless.
    """
    key = (branch, day, counter)
    row = s.get(SerialCounter, key, with_for_update=True)
    if row is None:
        insert_missing(
            s, SerialCounter, branch_code=branch, business_date=day, counter=counter, last_seq=0
        )
        row = s.get(SerialCounter, key, with_for_update=True, populate_existing=True)
    row.last_seq += 1
    s.flush()
    return row.last_seq


def result_of(posting: Posting, approvals: tuple[Approval, ...], repeated: bool) -> PostingResult:
    approvers = tuple(dict.fromkeys(a.approver_id for a in approvals))
    return PostingResult(
        serial=posting.serial,
        business_date=posting.business_date,
        posted_at=posting.posted_at,
        template_code=posting.template_code,
        policy_no=posting.policy_no,
        amount=None if posting.amount_fen is None else from_fen(posting.amount_fen),
        method=posting.method,
        direction=posting.direction,
        large_cash_report=posting.large_cash_report,
        approvers=approvers,
        repeated=repeated,
        tendered=None if posting.tendered_fen is None else from_fen(posting.tendered_fen),
        change=None if posting.change_fen is None else from_fen(posting.change_fen),
        approvals=approvals,
    )


def _findings_json(assessment: Assessment, acknowledged: frozenset[str]) -> str:
    return json.dumps(
        [
            {
                "code": f.code,
                "severity": f.severity.name.lower(),
                "level": f.level,
                "acknowledged": f.code in acknowledged,
                "zh": ZH(f.message),
                "en": EN(f.message),
            }
            for f in assessment.findings
        ],
        ensure_ascii=False,
    )


class PostingService:
    def __init__(
        self,
        db: Database,
        journal: Journal,
        risk: RiskService,
        clock: Clock,
        till: TillService,
    ) -> None:
        self.db, self.journal, self.risk, self.clock = db, journal, risk, clock
        self.till = till
        self.branch_code, self.counter = till.branch_code, till.counter

    def review(self, submission: Submission, who: SignedIn) -> tuple[RiskContext, Assessment]:
        """The risk findings for a submission, before anything is written."""
        with self.db.read() as s:
            from workstation.services.calendar import current_business_date

            day = current_business_date(s, self.clock, self.branch_code)
            return self.risk.assess(s, submission, day, who.staff.staff_id)

    def ask(self, submission: Submission, who: SignedIn) -> Ask:
        """What a supervisor is asked to approve for this submission, with its evidence."""
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.branch_code)
            context, assessment = self.risk.assess(s, submission, day, who.staff.staff_id)
        if assessment.blocked:
            codes = ", ".join(f.code for f in assessment.findings if f.severity is Severity.BLOCK)
            raise PostingRefused("posting.blocked", codes=codes)
        if not assessment.level_needed:
            raise PostingRefused("posting.no_approval_needed")
        evidence = posting_context(submission, who, day, context, assessment)
        digest = submission.digest(day)
        key, level = submission.idempotency_key, assessment.level_needed
        return Ask("posting", key, digest, level, evidence)

    def _existing(self, s: Session, submission: Submission, today: date) -> PostingResult | None:
        posting = s.scalar(
            select(Posting).where(Posting.idempotency_key == submission.idempotency_key)
        )
        if posting is None:
            return None
        if posting.content_digest != submission.digest(today):
            raise PostingRefused("posting.key_reused", serial=posting.serial)
        return result_of(posting, approvals_of(s, posting.id), repeated=True)

    def post(
        self,
        submission: Submission,
        who: SignedIn,
        acknowledged: frozenset[str] = frozenset(),
        tendered: Decimal | None = None,
    ) -> PostingResult:
        """Check everything again, then post once; raise :class:`PostingRefused` otherwise.

        ``tendered`` is the cash a customer handed over for a cash payment: the
        change is recorded with it, and only the amount due enters the box.
        """
        teller = who.staff.staff_id
        blocked = None
        with self.db.write() as s:
            day = open_business_date(s, self.journal, self.clock, self.branch_code, teller)
            if (done := self._existing(s, submission, day)) is not None:
                return done
            shift = self.till.open_shift(s, teller, day)
            if shift is None:
                raise PostingRefused("posting.no_shift")
            state = submission.state(day)
            if state.problems() or state.missing_documents():
                raise PostingRefused("posting.incomplete")
            context, assessment = self.risk.assess(s, submission, day, teller, lock=True)
            if assessment.blocked:
                blocked = assessment
            else:
                cash = (shift, tendered)
                return self._write(s, submission, who, day, context, assessment, acknowledged, cash)
        self._record_block(submission, who, blocked)
        codes = ", ".join(f.code for f in blocked.findings if f.severity is Severity.BLOCK)
        raise PostingRefused("posting.blocked", codes=codes)

    def _record_block(self, submission: Submission, who: SignedIn, assessment: Assessment) -> None:
        """A refusal leaves a trace: the journal records what blocked whom."""
        payload = {
            "template": submission.template.code,
            "policy_no": submission.policy_no,
            "findings": [f.code for f in assessment.findings if f.severity is Severity.BLOCK],
        }
        where = Where(self.branch_code, self.counter, who.staff.staff_id)
        with self.db.write() as s:
            self.journal.append(s, "posting_blocked", payload, where)

    def _write(
        self,
        s: Session,
        submission: Submission,
        who: SignedIn,
        day: date,
        context: RiskContext,
        assessment: Assessment,
        acknowledged: frozenset[str],
        cash: tuple,
    ) -> PostingResult:
        shift, tendered = cash
        missing = [f.code for f in assessment.warnings if f.code not in acknowledged]
        if missing:
            raise PostingRefused("posting.unacknowledged", codes=", ".join(missing))
        digest = submission.digest(day)
        approvals = []
        if assessment.level_needed:
            approvals = [
                a
                for a in approvals_for(s, "posting", submission.idempotency_key, digest)
                if a.approver_level >= assessment.level_needed
                and a.approver_id != who.staff.staff_id
            ]
            if not approvals:
                raise PostingRefused("posting.needs_approval", level=assessment.level_needed)
        template, amount, method = submission.template, context.amount, context.method
        if method == "cash" and amount is not None and to_fen(amount) % 10:
            raise PostingRefused("posting.cash_below_jiao", amount=str(amount))
        change = None
        if tendered is not None:
            if amount is None or method != "cash" or template.money.direction != "in":
                raise PostingRefused("posting.tender_not_cash_in")
            if to_fen(tendered.quantize(FEN)) % 10:
                raise PostingRefused("posting.cash_below_jiao", amount=str(tendered))
            change = change_due(tendered, amount)
        seq = next_seq(s, self.branch_code, day, self.counter)
        serial = serial_number(self.branch_code, day, self.counter, seq)
        policy = context.policy
        effect = effect_of(template.effect, context.values, amount, policy, day)
        posting = Posting(
            serial=serial,
            branch_code=self.branch_code,
            business_date=day,
            counter=self.counter,
            seq=seq,
            template_code=template.code,
            template_key=template.key,
            category=template.category,
            policy_no=submission.policy_no,
            customer_id_number=customer_of(submission, policy, day),
            customer_name=policy.holder.name
            if policy
            else dict(submission.values).get("applicant_name"),
            applicant_id_number=submission.id_number("applicant_id", day),
            insured_id_number=insured_of(submission, policy, day),
            direction=template.money.direction,
            method=method if amount is not None else None,
            amount_fen=None if amount is None else to_fen(amount),
            by_agent=submission.by_agent,
            submission=json.dumps(submission.lines(day, ZH, EN), ensure_ascii=False),
            documents=json.dumps(list(submission.documents)),
            findings=_findings_json(assessment, acknowledged),
            large_cash_report=LARGE_CASH_REPORT in assessment.flags,
            teller_id=who.staff.staff_id,
            sign_on_id=who.sign_on_id,
            posted_at=self.clock.now(),
            idempotency_key=submission.idempotency_key,
            content_digest=digest,
            status="posted",
            shift_id=shift.id,
            tendered_fen=None if tendered is None else to_fen(tendered),
            change_fen=None if change is None else to_fen(change),
            effect=None if effect is None else effect.to_json(),
        )
        s.add(posting)
        s.flush()
        movement = None
        if amount is not None and method == "cash":
            sign = 1 if template.money.direction == "in" else -1
            movement = self.till.move(s, shift, "posting", sign * to_fen(amount), posting.id)
        ids = [a.id for a in approvals]
        if ids:
            s.execute(update(Override).where(Override.id.in_(ids)).values(posting_id=posting.id))
        payload = {
            "serial": serial,
            "template": template.code,
            "policy_no": submission.policy_no,
            "amount": None if amount is None else str(amount),
            "method": posting.method,
            "approvers": [a.approver_id for a in approvals],
            "large_cash_report": posting.large_cash_report,
            "movement": movement,
        }
        self.journal.append(
            s, "posted", payload, Where(self.branch_code, self.counter, who.staff.staff_id)
        )
        return result_of(posting, approvals_of(s, posting.id), repeated=False)
