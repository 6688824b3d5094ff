"""Anti-money-laundering rules (反洗钱): large cash, due diligence, split amounts.

Every sum includes this submission; ``customer`` is as :class:`DayActivity` says.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from workstation.domain.flows import Direction
from workstation.services.risk.model import LARGE_CASH_REPORT, Finding, RiskContext, Severity
from workstation.services.risk.rules.common import NoParams, Params, finding, yuan


def _reaching(
    threshold: Decimal, total: Decimal, rule: str, what: str, severity: Severity, **extra: Any
) -> list[Finding]:
    """The rule's finding once ``total`` (today's, with this submission) reaches ``threshold``;
    its message names both."""
    if total < threshold:
        return []
    return [finding(rule, what, severity, total=yuan(total), threshold=yuan(threshold), **extra)]


def aml_large_cash(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """The customer's cash today, both ways, reaches the large-value report threshold."""
    if not ctx.cash or ctx.amount is None:
        return []
    total = ctx.activity.customer_cash + ctx.amount
    return _reaching(
        ctx.thresholds.large_cash,
        total,
        "aml_large_cash",
        "report",
        Severity.AUTHORIZE,
        level=1,
        flags=frozenset({LARGE_CASH_REPORT}),
    )


def aml_cash_premium(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """Cash premiums for one insured today reach the due-diligence threshold."""
    if not ctx.cash or ctx.amount is None or ctx.direction != Direction.IN:
        return []
    total = ctx.activity.insured_cash_premium + ctx.amount
    threshold = ctx.thresholds.cash_premium_due_diligence
    return _reaching(threshold, total, "aml_cash_premium", "due_diligence", Severity.WARN)


def aml_payout(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """Refunds and payouts to the customer today, any method, reach the due-diligence threshold."""
    if ctx.amount is None or ctx.direction != Direction.OUT:
        return []
    total = ctx.activity.customer_payouts + ctx.amount
    threshold = ctx.thresholds.payout_due_diligence
    return _reaching(threshold, total, "aml_payout", "due_diligence", Severity.WARN)


class StructuringParams(Params):
    count: int = Field(default=2, ge=2, le=20)
    """How many cash amounts just under one threshold, today, look like a deal split up."""


def aml_structuring(ctx: RiskContext, params: StructuringParams) -> list[Finding]:
    """``count`` or more cash amounts today just under a threshold (within the margin):
    split deals?"""
    if not ctx.cash or ctx.amount is None:
        return []
    limits = ctx.thresholds
    amounts = (*ctx.activity.customer_cash_amounts, ctx.amount)
    thresholds = sorted({limits.large_cash, limits.cash_premium_due_diligence, limits.teller_limit})
    for threshold in thresholds:
        floor = threshold * (1 - limits.structuring_margin)
        near = [a for a in amounts if floor <= a < threshold]
        if len(near) >= params.count:
            return [
                finding(
                    "aml_structuring",
                    "suspected",
                    Severity.WARN,
                    count=len(near),
                    threshold=yuan(threshold),
                )
            ]
    return []
