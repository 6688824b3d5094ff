"""Policy rules: the policy exists and is in a state, and a window, that allows the business."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from forms.roles import FieldRole
from workstation.domain.i18n import listed, msg
from workstation.domain.statuses import PolicyStatus
from workstation.services.risk.model import Finding, RiskContext, Severity
from workstation.services.risk.rules.common import NoParams, Params, finding, role_text, yuan

NOT_RECORDED = "—"


def _day(day: date | None) -> str:
    return NOT_RECORDED if day is None else day.isoformat()


class PolicyStatusParams(Params):
    allowed: list[PolicyStatus] = Field(
        default_factory=lambda: [PolicyStatus.IN_FORCE], min_length=1
    )


def policy_status(ctx: RiskContext, params: PolicyStatusParams) -> list[Finding]:
    """The policy was found and its status allows the business.

    The other policy rules say nothing without a policy: this one already blocks.
    """
    policy = ctx.policy
    if policy is None:
        if FieldRole.POLICY_NO not in ctx.template.roles:
            return []
        number = role_text(ctx, FieldRole.POLICY_NO) or NOT_RECORDED
        return [finding("policy_status", "unknown_policy", Severity.BLOCK, policy_no=number)]
    if policy.status in params.allowed:
        return []
    status = msg(f"policy.status.{policy.status}")
    changed = policy.done("terminate", "reinstate")
    if changed:  # today's posting left it so: name it
        serial = changed[-1].serial
        return [
            finding("policy_status", "changed_today", Severity.BLOCK, status=status, serial=serial)
        ]
    return [finding("policy_status", "not_allowed", Severity.BLOCK, status=status)]


class ReinstatementParams(Params):
    years: int = Field(default=2, ge=1, le=10)


def reinstatement_window(ctx: RiskContext, params: ReinstatementParams) -> list[Finding]:
    """A lapsed policy can be reinstated only within ``years`` of its lapse (复效期)."""
    policy = ctx.policy
    if policy is None or policy.reinstatable(ctx.business_date, params.years):
        return []
    return [
        finding(
            "reinstatement_window",
            "expired",
            Severity.BLOCK,
            lapse_date=_day(policy.lapse_date),
            years=params.years,
        )
    ]


class FreeLookParams(Params):
    days: int = Field(default=15, ge=1, le=366)


def free_look_window(ctx: RiskContext, params: FreeLookParams) -> list[Finding]:
    """A free-look cancellation (犹豫期退保) only within ``days`` days of delivery."""
    policy = ctx.policy
    if policy is None or policy.in_free_look(ctx.business_date, params.days):
        return []
    return [
        finding(
            "free_look_window",
            "expired",
            Severity.BLOCK,
            delivered_on=_day(policy.delivered_on),
            days=params.days,
        )
    ]


class LoanLimitParams(Params):
    ratio: Decimal = Field(default=Decimal("0.8"), gt=0, le=1)


def loan_limit(ctx: RiskContext, params: LoanLimitParams) -> list[Finding]:
    """A loan no larger than ``ratio`` × cash value less what is already borrowed."""
    policy, amount = ctx.policy, ctx.amount
    if policy is None or amount is None:
        return []
    limit = policy.max_loan(params.ratio)
    if amount <= limit:
        return []
    loans = policy.done("loan")
    if not loans:
        return [
            finding(
                "loan_limit", "exceeded", Severity.BLOCK, amount=yuan(amount), limit=yuan(limit)
            )
        ]
    lent = sum((d.effect.amount or Decimal("0.00") for d in loans), Decimal("0.00"))
    return [
        finding(
            "loan_limit",
            "exceeded_today",
            Severity.BLOCK,
            amount=yuan(amount),
            limit=yuan(limit),
            lent=yuan(lent),
            serials=listed(d.serial for d in loans),
        )
    ]


def renewal_amount_due(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """A renewal premium is paid in full: exactly the premium now due, never in part."""
    policy, amount = ctx.policy, ctx.amount
    if policy is None:
        return []
    due = policy.premium_due
    paid = policy.done("premium_paid")
    if due.is_zero() and paid:
        return [
            finding(
                "renewal_amount_due",
                "paid_today",
                Severity.BLOCK,
                paid_to=_day(policy.paid_to_date),
                serial=paid[-1].serial,
            )
        ]
    if due.is_zero():
        return [
            finding(
                "renewal_amount_due",
                "nothing_due",
                Severity.BLOCK,
                paid_to=_day(policy.paid_to_date),
            )
        ]
    if amount is None or amount == due:
        return []
    return [
        finding(
            "renewal_amount_due", "mismatch", Severity.BLOCK, amount=yuan(amount), due=yuan(due)
        )
    ]
