"""Posting a business exactly once: one transaction, one serial, gapless per counter and day.

The transaction writes the posting, its cash movement, links its approvals
and appends the journal entry; a failure leaves nothing behind. The
idempotency key makes a second confirm (or a retry after a lost answer)
return the first result instead of posting again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from forms.roles import FieldRole
from workstation.db.engine import Database
from workstation.db.ledger import Override, Posting
from workstation.db.queue import serving_ticket_id
from workstation.db.tills import Shift
from workstation.domain.cash import Tender, below_jiao, takes_tender
from workstation.domain.clock import Clock
from workstation.domain.flows import Method, MovementKind
from workstation.domain.i18n import Catalog
from workstation.domain.money import fen_of, to_fen
from workstation.domain.statuses import PostingStatus, Purpose
from workstation.services.approvals import Ask
from workstation.services.auth import SignedIn
from workstation.services.calendar import current_business_date, open_business_date
from workstation.services.entries import (
    Place,
    PostingRefused,
    PostingResult,
    by_key,
    entry,
    link_approvals,
    recorded,
    result_of,
    shift_of,
    take_approvals,
)
from workstation.services.evidence import finding_record, posting_context
from workstation.services.journal import Journal, Where
from workstation.services.overlay import effect_of
from workstation.services.risk.engine import Assessment
from workstation.services.risk.model import LARGE_CASH_REPORT, RiskContext
from workstation.services.risk.service import (
    RiskService,
    customer_name_of,
    customer_of,
    insured_of,
)
from workstation.services.submission import Submission
from workstation.services.tills import TillService

__all__ = ["PostingRefused", "PostingResult", "PostingService"]

ZH, EN = Catalog.load("zh"), Catalog.load("en")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Draft:
    """A submission every check let through, with what the checks found: ready to write."""

    submission: Submission
    digest: str
    """The submission's content digest on ``day``: what approvals are bound to."""
    who: SignedIn
    day: date
    shift: Shift
    context: RiskContext
    assessment: Assessment
    acknowledged: frozenset[str]
    approvals: tuple[Override, ...]
    tender: Tender | None
    """The cash handed over for a cash payment in, and the change given back."""


def _findings_json(assessment: Assessment, acknowledged: frozenset[str]) -> str:
    records = [finding_record(f, acknowledged) for f in assessment.findings]
    return json.dumps(records, ensure_ascii=False)


def _blocked_codes(assessment: Assessment) -> str:
    return ", ".join(f.code for f in assessment.blocks)


def _log_block(stage: str, submission: Submission, who: SignedIn, assessment: Assessment) -> None:
    """The risk checks blocked a business: which, by what rules, for whom (no customer data)."""
    codes = ",".join(f.code for f in assessment.blocks)
    template, staff = submission.template.code, who.staff.staff_id
    log.info("blocked at=%s template=%s codes=%s staff=%s", stage, template, codes, staff)


def check_acknowledged(assessment: Assessment, acknowledged: frozenset[str]) -> None:
    """Every warning must have been acknowledged by the teller, one by one."""
    missing = [f.code for f in assessment.warnings if f.code not in acknowledged]
    if missing:
        raise PostingRefused("posting.unacknowledged", codes=", ".join(missing))


def tender_of(context: RiskContext, tendered: Decimal | None) -> Tender | None:
    """Cash is counted in whole jiao, and only cash coming in is tendered (with change)."""
    amount, method = context.amount, context.method
    if method == Method.CASH and amount is not None and below_jiao(amount):
        raise PostingRefused("posting.cash_below_jiao", amount=str(amount))
    if tendered is None:
        return None
    if amount is None or not takes_tender(context.direction, method, amount):
        raise PostingRefused("posting.tender_not_cash_in")
    if below_jiao(tendered):
        raise PostingRefused("posting.cash_below_jiao", amount=str(tendered))
    return Tender.of(tendered, amount)


class PostingService:
    def __init__(
        self,
        db: Database,
        journal: Journal,
        risk: RiskService,
        clock: Clock,
        till: TillService,
    ) -> None:
        self.db, self.journal, self.risk, self.clock, self.till = db, journal, risk, clock, till
        self.place = Place(till.branch_code, till.counter)

    def review(self, submission: Submission, who: SignedIn) -> tuple[RiskContext, Assessment]:
        """The risk findings for a submission, before anything is written."""
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.place.branch_code)
            context, assessment = self.risk.assess(s, submission, day, who.staff.staff_id)
        if assessment.blocked:
            _log_block("review", submission, who, assessment)
        return context, assessment

    def ask(self, submission: Submission, who: SignedIn) -> Ask:
        """What a supervisor is asked to approve for this submission, with its evidence."""
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.place.branch_code)
            context, assessment = self.risk.assess(s, submission, day, who.staff.staff_id)
        if assessment.blocked:
            raise PostingRefused("posting.blocked", codes=_blocked_codes(assessment))
        if not assessment.level_needed:
            raise PostingRefused("posting.no_approval_needed")
        evidence = posting_context(submission, who, day, context, assessment)
        digest = submission.digest(day)
        key, level = submission.idempotency_key, assessment.level_needed
        return Ask(Purpose.POSTING, key, digest, level, evidence)

    def _existing(self, s: Session, submission: Submission, today: date) -> PostingResult | None:
        posting = by_key(s, submission.idempotency_key)
        if posting is None:
            return None
        if posting.content_digest != submission.digest(today):
            raise PostingRefused("posting.key_reused", serial=posting.serial)
        return recorded(s, posting, repeated=True)

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
        with self.db.write() as s:
            day = open_business_date(s, self.journal, self.clock, self.place.branch_code, teller)
            if (done := self._existing(s, submission, day)) is not None:
                return done
            shift = shift_of(s, self.till, teller, day)
            state = submission.state(day)
            if state.problems() or state.missing_documents():
                raise PostingRefused("posting.incomplete")
            context, assessment = self.risk.assess(s, submission, day, teller, lock=True)
            if not assessment.blocked:
                check_acknowledged(assessment, acknowledged)
                digest = submission.digest(day)
                approvals = self._approvals(s, submission, digest, teller, assessment)
                tender = tender_of(context, tendered)
                draft = Draft(
                    submission, digest, who, day, shift, context, assessment, acknowledged,
                    approvals, tender,
                )  # fmt: skip
                return self._write(s, draft)
        self._record_block(submission, who, assessment)
        raise PostingRefused("posting.blocked", codes=_blocked_codes(assessment))

    def _approvals(
        self, s: Session, submission: Submission, digest: str, teller: str, assessment: Assessment
    ) -> tuple[Override, ...]:
        """The approvals the findings need, given for exactly this submission; none if none."""
        if not assessment.level_needed:
            return ()
        key, level = submission.idempotency_key, assessment.level_needed
        return take_approvals(s, Purpose.POSTING, key, digest, level, teller)

    def _record_block(self, submission: Submission, who: SignedIn, assessment: Assessment) -> None:
        """A refusal leaves a trace: the journal records what blocked whom."""
        payload = {
            "template": submission.template.code,
            "policy_no": submission.policy_no,
            "findings": [f.code for f in assessment.blocks],
        }
        with self.db.write() as s:
            self.journal.append(s, "posting_blocked", payload, self._where(who))
        _log_block("post", submission, who, assessment)

    def _where(self, who: SignedIn) -> Where:
        return Where(self.place.branch_code, self.place.counter, who.staff.staff_id)

    def _write(self, s: Session, draft: Draft) -> PostingResult:
        posting = self._row(s, draft)
        movement, amount = None, draft.context.amount
        if draft.context.method == Method.CASH and amount is not None:
            fen = draft.context.direction.sign * to_fen(amount)
            movement = self.till.move(s, draft.shift, MovementKind.POSTING, fen, posting.id)
        link_approvals(s, draft.approvals, posting.id)
        payload = {
            "serial": posting.serial,
            "template": posting.template_code,
            "policy_no": posting.policy_no,
            "amount": None if amount is None else str(amount),
            "method": posting.method,
            "approvers": [a.approver_id for a in draft.approvals],
            "large_cash_report": posting.large_cash_report,
            "movement": movement,
        }
        self.journal.append(s, "posted", payload, self._where(draft.who))
        if draft.approvals:
            return recorded(s, posting)
        return result_of(posting, (), repeated=False)  # nothing to read back

    def _row(self, s: Session, draft: Draft) -> Posting:
        """The posting row: numbered now, so a refusal above gives no number away."""
        sub, context, day, tender = draft.submission, draft.context, draft.day, draft.tender
        template, amount, policy = sub.template, context.amount, context.policy
        effect = effect_of(template, context.values, amount, policy, day)
        return entry(
            s,
            self.place,
            day,
            draft.who,
            draft.shift,
            self.clock.now(),
            template_code=template.code,
            template_key=template.key,
            category=template.category,
            policy_no=sub.policy_no,
            customer_id_number=customer_of(sub, policy, day),
            customer_name=customer_name_of(sub, policy),
            applicant_id_number=sub.id_number(FieldRole.APPLICANT_ID, day),
            insured_id_number=insured_of(sub, policy, day),
            direction=template.money.direction,
            method=context.method if amount is not None else None,
            amount_fen=fen_of(amount),
            by_agent=sub.by_agent,
            submission=json.dumps(sub.lines(day, ZH, EN), ensure_ascii=False),
            documents=json.dumps(list(sub.documents)),
            findings=_findings_json(draft.assessment, draft.acknowledged),
            large_cash_report=LARGE_CASH_REPORT in draft.assessment.flags,
            idempotency_key=sub.idempotency_key,
            content_digest=draft.digest,
            status=PostingStatus.POSTED,
            tendered_fen=fen_of(tender.received if tender else None),
            change_fen=fen_of(tender.change if tender else None),
            effect=None if effect is None else effect.to_json(),
            ticket_id=serving_ticket_id(s, self.place.branch_code, self.place.counter),
        )
