"""Gathering what the risk rules need for one submission, from the database.

The day's activity is read across every teller of the branch, so a customer
who splits cash between two counters is seen whole.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db.ledger import CashMovement, Posting
from workstation.domain.identity import ResidentId
from workstation.domain.money import from_fen
from workstation.services.directory import PolicyDirectory, PolicyView
from workstation.services.risk.engine import Assessment, assess
from workstation.services.risk.model import DayActivity, RiskContext, Thresholds, WatchList
from workstation.services.submission import Submission

PREMIUM_CATEGORIES = ("new_business", "premium")


def customer_of(submission: Submission, policy: PolicyView | None, today: date) -> str | None:
    """The customer a day's activity is counted for: the holder, else the applicant."""
    if policy is not None:
        return policy.holder.id_number
    return submission.id_number("applicant_id", today)


def insured_of(submission: Submission, policy: PolicyView | None, today: date) -> str | None:
    if policy is not None:
        return policy.insured.id_number
    return submission.id_number("insured_id", today) or submission.id_number("applicant_id", today)


class RiskService:
    def __init__(
        self,
        directory: PolicyDirectory,
        thresholds: Thresholds,
        watch_list: WatchList,
        branch_code: str,
    ) -> None:
        self.directory, self.thresholds, self.watch_list = directory, thresholds, watch_list
        self.branch_code = branch_code

    def activity(
        self,
        s: Session,
        submission: Submission,
        policy: PolicyView | None,
        business_date: date,
        teller_id: str,
    ) -> DayActivity:
        today = (Posting.branch_code == self.branch_code) & (Posting.business_date == business_date)
        live = today & (Posting.status == "posted")
        customer = customer_of(submission, policy, business_date)
        rows = []
        if customer:
            rows = s.execute(
                select(Posting.direction, Posting.method, Posting.amount_fen).where(
                    live, Posting.customer_id_number == customer, Posting.amount_fen.is_not(None)
                )
            ).all()
        cash = [from_fen(amount) for _, method, amount in rows if method == "cash"]
        payouts = sum((from_fen(a) for d, _, a in rows if d == "out"), Decimal("0.00"))
        insured = insured_of(submission, policy, business_date)
        premium_fen = 0
        if insured:
            premium_fen = s.scalar(
                select(func.coalesce(func.sum(Posting.amount_fen), 0)).where(
                    live,
                    Posting.insured_id_number == insured,
                    Posting.method == "cash",
                    Posting.direction == "in",
                    Posting.category.in_(PREMIUM_CATEGORIES),
                )
            )
        same = 0
        if submission.policy_no:
            same = s.scalar(
                select(func.count()).where(
                    live,
                    Posting.template_code == submission.template.code,
                    Posting.policy_no == submission.policy_no,
                )
            )
        on_hand_fen = s.scalar(
            select(func.coalesce(func.sum(CashMovement.amount_fen), 0)).where(
                CashMovement.branch_code == self.branch_code,
                CashMovement.business_date == business_date,
                CashMovement.teller_id == teller_id,
            )
        )
        return DayActivity(
            customer_cash=sum(cash, Decimal("0.00")),
            customer_cash_amounts=tuple(cash),
            insured_cash_premium=from_fen(int(premium_fen)),
            customer_payouts=payouts,
            same_business=int(same),
            cash_on_hand=from_fen(int(on_hand_fen)),
        )

    def context(
        self, s: Session, submission: Submission, business_date: date, teller_id: str
    ) -> RiskContext:
        state = submission.state(business_date)
        policy = self.directory.policy(submission.policy_no) if submission.policy_no else None
        values = submission.normalised(business_date)
        card = values.get("payee_card")
        return RiskContext(
            template=submission.template,
            values=values,
            by_agent=submission.by_agent,
            documents_ticked=frozenset(submission.documents),
            required_documents=tuple(state.documents()),
            policy=policy,
            business_date=business_date,
            amount=submission.amount(business_date),
            method=submission.method(),
            activity=self.activity(s, submission, policy, business_date, teller_id),
            thresholds=self.thresholds,
            watch_list=self.watch_list,
            payee_account=self.directory.account(card) if isinstance(card, str) else None,
        )

    def assess(
        self, s: Session, submission: Submission, business_date: date, teller_id: str
    ) -> tuple[RiskContext, Assessment]:
        context = self.context(s, submission, business_date, teller_id)
        return context, assess(context)


def id_check(context: RiskContext) -> dict[str, str]:
    """The ID numbers seen and whether each passed, for an override's evidence (masked)."""
    from workstation.domain.identity import mask_resident_id

    return {
        key: mask_resident_id(value.number)
        for key, value in context.values.items()
        if isinstance(value, ResidentId)
    }
