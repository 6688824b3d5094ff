"""Payout rules: what the policy owes is what is paid, and a benefit is paid once per due date.

The figures come from the policy as it stands now (the directory plus the
day's postings), so a surrender after a loan today pays net of that loan.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from forms.fields import option_label
from forms.roles import FieldRole
from forms.schema import FieldSpec
from workstation.domain.i18n import Msg
from workstation.services.risk.model import Finding, RiskContext, Severity
from workstation.services.risk.rules.common import NoParams, Params, bilingual, finding, yuan


def surrender_value(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """A surrender pays the cash value less the loan balance: no more, no less."""
    policy, amount = ctx.policy, ctx.amount
    if policy is None or amount is None or amount == policy.surrender_value:
        return []
    return [
        finding(
            "surrender_value",
            "mismatch",
            Severity.BLOCK,
            amount=yuan(amount),
            value=yuan(policy.surrender_value),
            cash_value=yuan(policy.cash_value),
            loan=yuan(policy.loan_balance),
        )
    ]


class FreeLookParams(Params):
    fee: Decimal = Field(default=Decimal("0"), ge=0)
    """The most the refund may keep back as a fee (工本费)."""


def free_look_refund(ctx: RiskContext, params: FreeLookParams) -> list[Finding]:
    """A free-look cancellation refunds the premium paid, less at most ``fee``."""
    policy, amount = ctx.policy, ctx.amount
    if policy is None or amount is None:
        return []
    premium = policy.premium_paid
    if premium - params.fee <= amount <= premium:
        return []
    amounts: dict[str, Any] = {"amount": yuan(amount), "premium": yuan(premium)}
    if params.fee:
        amounts["fee"] = yuan(params.fee)
    what = "mismatch_fee" if params.fee else "mismatch"
    return [finding("free_look_refund", what, Severity.BLOCK, **amounts)]


def benefit_due(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """The benefit chosen (the field playing ``benefit``) is due now, not yet paid for its
    due date, and paid in full."""
    policy, amount = ctx.policy, ctx.amount
    spec = ctx.template.field_for(FieldRole.BENEFIT)
    benefit = ctx.values.get(spec.key) if spec else None
    if policy is None or spec is None or not isinstance(benefit, str):
        return []
    label = _label(spec, benefit)
    due_date = policy.benefit_due_date(benefit, ctx.business_date)
    if due_date is None:
        return [finding("benefit_due", "nothing_due", Severity.BLOCK, benefit=label)]
    if (benefit, due_date) in policy.benefits_paid:
        serial = next(
            d.serial
            for d in policy.done("benefit_paid")
            if (d.effect.benefit, d.effect.due) == (benefit, due_date)
        )
        return [
            finding(
                "benefit_due",
                "paid_today",
                Severity.BLOCK,
                benefit=label,
                due_date=due_date.isoformat(),
                serial=serial,
            )
        ]
    due = policy.benefit_due(benefit, ctx.business_date)
    if amount is None or amount == due:
        return []
    return [
        finding(
            "benefit_due",
            "mismatch",
            Severity.BLOCK,
            amount=yuan(amount),
            due=yuan(due),
            benefit=label,
            due_date=due_date.isoformat(),
        )
    ]


def _label(spec: FieldSpec, value: str) -> Msg:
    zh, en = option_label(spec, value, "zh") or value, option_label(spec, value, "en") or value
    return bilingual(zh, en.lower())
