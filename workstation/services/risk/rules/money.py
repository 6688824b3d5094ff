"""Money rules: who may authorise an amount, and whose name the receiving account carries."""

from __future__ import annotations

from typing import Literal

from forms.roles import FieldRole
from workstation.domain.authority import level_for_amount
from workstation.domain.i18n import listed
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
    amount, limits = ctx.amount, ctx.thresholds.authority_limits
    level = 0 if amount is None else level_for_amount(amount, limits)
    if amount is None or not level:
        return []
    limit = limits[level - 1]  # the limit the amount is above
    return [
        finding(
            "amount_authority",
            f"level{level}",
            Severity.AUTHORIZE,
            level=level,
            amount=yuan(amount),
            limit=yuan(limit),
        )
    ]


class PayeeParams(Params):
    person: Person | None = None
    """Whose name it must be; None: the template's ``money.payee``."""


def _account_fields(ctx: RiskContext) -> tuple[str | None, str | None]:
    """The name and card fields of the account checked: the payee's, else the new account's."""
    t = ctx.template
    name = t.key_for(FieldRole.PAYEE_NAME) or t.key_for(FieldRole.NEW_ACCOUNT_NAME)
    card = t.key_for(FieldRole.PAYEE_CARD) or t.key_for(FieldRole.NEW_CARD)
    return name, card


def payee_name_match(ctx: RiskContext, params: PayeeParams) -> list[Finding]:
    """Money goes only to an account in the right person's own name (beneficiary: any of them)."""
    who = params.person or ctx.template.money.payee
    if who is None or ctx.policy is None:
        return []
    names = list(dict.fromkeys(name for name, _ in people(ctx.policy, who)))
    if not names:
        return []
    expected = listed(names)
    found = []
    name_field, card_field = _account_fields(ctx)
    name = value_text(ctx, name_field)
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
    elif value_text(ctx, card_field) is not None:
        found.append(finding("payee_name_match", "unverified", Severity.WARN, expected=expected))
    return found
