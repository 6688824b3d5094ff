"""Money rules: who may authorise an amount, and whose name the receiving account carries."""

from __future__ import annotations

from typing import Literal

from workstation.services.risk.model import Finding, RiskContext, Severity
from workstation.services.risk.rules.common import (
    NoParams,
    Params,
    finding,
    people,
    value_text,
    yuan,
)

Person = Literal["policyholder", "insured", "beneficiary"]


def amount_authority(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """Above the teller's limit a level-1 supervisor signs; above level 1's, a level-2 one."""
    amount, limits = ctx.amount, ctx.thresholds
    if amount is None or amount <= limits.teller_limit:
        return []
    if amount <= limits.level1_limit:
        level, what, limit = 1, "level1", limits.teller_limit
    else:
        level, what, limit = 2, "level2", limits.level1_limit
    return [
        finding(
            "amount_authority",
            what,
            Severity.AUTHORIZE,
            level=level,
            amount=yuan(amount),
            limit=yuan(limit),
        )
    ]


class PayeeParams(Params):
    name_field: str = "payee_name"
    """The field holding the account holder's name."""
    person: Person | None = None
    """Whose name it must be; None: the template's ``money.payee``."""


def _card_field(ctx: RiskContext) -> str | None:
    """``payee_card`` when the template has it, else its only bank card field."""
    keys = ctx.template.field_keys
    if "payee_card" in keys:
        return "payee_card"
    cards = [spec.key for spec in ctx.template.fields if spec.type == "bank_card"]
    return cards[0] if len(cards) == 1 else None


def payee_name_match(ctx: RiskContext, params: PayeeParams) -> list[Finding]:
    """Money goes only to an account in the right person's own name (beneficiary: any of them)."""
    who = params.person or ctx.template.money.payee
    if who is None or ctx.policy is None:
        return []
    names = list(dict.fromkeys(name for name, _ in people(ctx.policy, who)))
    if not names:
        return []
    expected = "、".join(names)
    found = []
    name = value_text(ctx, params.name_field)
    if name is not None and name not in names:
        found.append(
            finding("payee_name_match", "mismatch", Severity.BLOCK, name=name, expected=expected)
        )
    account = ctx.payee_account
    if account is not None:
        if account.account_name.strip() not in names:
            found.append(
                finding(
                    "payee_name_match",
                    "account_name",
                    Severity.BLOCK,
                    account_name=account.account_name,
                    expected=expected,
                )
            )
    elif (card := _card_field(ctx)) is not None and value_text(ctx, card) is not None:
        found.append(finding("payee_name_match", "unverified", Severity.WARN, expected=expected))
    return found
