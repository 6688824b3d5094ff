"""Gathering what the risk rules need for one submission, from the database.

The day's activity is read across every teller of the branch, so a customer
who splits cash between two counters is seen whole.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, func, select
from sqlalchemy.orm import Session

from forms.roles import FieldRole
from workstation.db.ledger import CashMovement, Posting
from workstation.db.tills import Shift
from workstation.domain.flows import Direction, Method
from workstation.domain.identity import ResidentId, mask_resident_id
from workstation.domain.limits import Thresholds
from workstation.domain.money import from_fen
from workstation.domain.statuses import PostingStatus, ShiftStatus
from workstation.services.directory import PolicyView
from workstation.services.policy_state import TodayDirectory
from workstation.services.risk.engine import Assessment, assess
from workstation.services.risk.model import DayActivity, RiskContext, WatchList
from workstation.services.submission import Submission


def customer_of(submission: Submission, policy: PolicyView | None, today: date) -> str | None:
    """The customer a day's activity is counted for: the holder, else the applicant."""
    if policy is not None:
        return policy.holder.id_number
    return submission.id_number(FieldRole.APPLICANT_ID, today)


def customer_name_of(submission: Submission, policy: PolicyView | None) -> str | None:
    """The customer's name: the holder's, else the applicant's as typed."""
    return policy.holder.name if policy is not None else submission.value(FieldRole.APPLICANT_NAME)


def insured_of(submission: Submission, policy: PolicyView | None, today: date) -> str | None:
    """The insured: the policy's, else the insured typed, else the applicant."""
    if policy is not None:
        return policy.insured.id_number
    typed = submission.id_number(FieldRole.INSURED_ID, today)
    return typed or submission.id_number(FieldRole.APPLICANT_ID, today)


@lru_cache(maxsize=8)
def _day_statements(
    categories: tuple[str, ...],
) -> tuple[Select[Any], Select[Any], Select[Any]]:
    """The day's activity queries, built once with bound parameters (a posting runs them
    all; building the expressions each time cost as much as running them). ``categories``:
    the template categories whose cash in counts as premium."""
    day = (
        (Posting.branch_code == bindparam("branch"))
        & (Posting.business_date == bindparam("day"))
        & (Posting.status == PostingStatus.POSTED)
    )
    mine = Posting.customer_id_number == bindparam("customer")
    cash = Posting.method == Method.CASH
    premium = (
        (Posting.insured_id_number == bindparam("insured"))
        & cash
        & (Posting.direction == Direction.IN)
        & Posting.category.in_(categories)
    )

    def total(*where: ColumnElement[bool]) -> Any:
        return select(func.coalesce(func.sum(Posting.amount_fen), 0)).where(day, *where)

    same = select(func.count()).where(  # the policy's index: any counter, any branch
        Posting.policy_no == bindparam("policy_no"),
        Posting.business_date == bindparam("day"),
        Posting.status == PostingStatus.POSTED,
        Posting.template_code == bindparam("code"),
    )
    # each figure reads only its own rows through an index (the customer's, the insured's,
    # the policy's), not the branch's whole day: a posting late on a busy day costs the same
    sums = select(
        total(mine, cash).scalar_subquery(),
        total(mine, Posting.direction == Direction.OUT).scalar_subquery(),
        total(premium).scalar_subquery(),
        same.scalar_subquery(),
    )
    amounts = select(Posting.amount_fen).where(day, mine, cash, Posting.amount_fen.is_not(None))
    moved = (
        select(func.coalesce(func.sum(CashMovement.amount_fen), 0))
        .where(CashMovement.shift_id == Shift.id)
        .scalar_subquery()
    )
    on_hand = select(Shift.opening_fen + moved).where(  # the open shift's box
        Shift.branch_code == bindparam("branch"),
        Shift.business_date == bindparam("day"),
        Shift.teller_id == bindparam("teller"),
        Shift.status == ShiftStatus.OPEN,
    )
    return sums, amounts, on_hand


class RiskService:
    def __init__(
        self,
        directory: TodayDirectory,
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
        """The day so far for this customer, insured, policy and teller: sums done in SQL."""
        customer = customer_of(submission, policy, business_date) or ""
        insured = insured_of(submission, policy, business_date) or ""
        code, policy_no = submission.template.code, submission.policy_no or ""
        values = {
            "branch": self.branch_code,
            "day": business_date,
            "customer": customer,
            "insured": insured,
            "code": code,
            "policy_no": policy_no,
            "teller": teller_id,
        }
        day_sums, customer_cash, on_hand = _day_statements(self.thresholds.premium_categories)
        conn = s.connection()
        sums = conn.execute(day_sums, values).one()
        amounts = conn.scalars(customer_cash, values).all()
        on_hand_fen = 0
        if Method.CASH in submission.template.money.methods:  # the rules that read the box
            on_hand_fen = conn.scalar(on_hand, values)
        return DayActivity(
            customer_cash=from_fen(int(sums[0])) if customer else Decimal("0.00"),
            customer_cash_amounts=tuple(from_fen(a) for a in amounts) if customer else (),
            insured_cash_premium=from_fen(int(sums[2])) if insured else Decimal("0.00"),
            customer_payouts=from_fen(int(sums[1])) if customer else Decimal("0.00"),
            same_business=int(sums[3]) if policy_no else 0,
            cash_on_hand=from_fen(int(on_hand_fen or 0)),
        )

    def assess(
        self,
        s: Session,
        submission: Submission,
        business_date: date,
        teller_id: str,
        lock: bool = False,
    ) -> tuple[RiskContext, Assessment]:
        """What the rules see of ``submission`` and what they find.

        ``lock``: the posting's own transaction holds the policy's row (see TodayDirectory).
        """
        state = submission.state(business_date)
        number = submission.policy_no
        policy = self.directory.policy_in(s, number, business_date, lock=lock) if number else None
        values = submission.normalised(business_date)
        card_key = submission.template.key_for(FieldRole.PAYEE_CARD)
        card = values.get(card_key) if card_key else None
        context = RiskContext(
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
        return context, assess(context)


def id_check(context: RiskContext) -> dict[str, str]:
    """The ID numbers seen and whether each passed, for an override's evidence (masked)."""
    return {
        key: mask_resident_id(value.number)
        for key, value in context.values.items()
        if isinstance(value, ResidentId)
    }
