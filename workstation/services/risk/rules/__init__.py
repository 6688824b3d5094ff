"""The rule vocabulary: every name a template may use, with its check, its params model and
the field roles it reads and cannot do without."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from forms.roles import FieldRole as R
from forms.roles import RoleNeed, need
from workstation.services.risk.model import CUSTOMER, INSURED, RuleSpec
from workstation.services.risk.rules import aml, identity, money, other, payout, policy
from workstation.services.risk.rules.common import NoParams

POLICY = need(R.POLICY_NO)

_CHECKS: dict[Callable[..., Any], tuple[type[BaseModel], tuple[RoleNeed, ...]]] = {
    identity.id_valid: (NoParams, ()),
    identity.id_not_expired: (NoParams, (need(R.APPLICANT_ID_EXPIRY),)),
    identity.applicant_allowed: (NoParams, (need(R.APPLICANT_ID), need(R.APPLICANT_NAME))),
    identity.documents_complete: (NoParams, ()),
    policy.policy_status: (policy.PolicyStatusParams, (POLICY,)),
    policy.reinstatement_window: (policy.ReinstatementParams, (POLICY,)),
    policy.free_look_window: (policy.FreeLookParams, (POLICY,)),
    policy.loan_limit: (policy.LoanLimitParams, (POLICY,)),
    policy.renewal_amount_due: (NoParams, (POLICY,)),
    payout.surrender_value: (NoParams, (POLICY,)),
    payout.free_look_refund: (payout.FreeLookParams, (POLICY,)),
    payout.benefit_due: (NoParams, (POLICY, need(R.BENEFIT))),
    money.amount_authority: (NoParams, ()),
    money.payee_name_match: (
        money.PayeeParams,
        (POLICY, need(R.PAYEE_NAME, R.NEW_ACCOUNT_NAME)),
    ),
    aml.aml_large_cash: (NoParams, (CUSTOMER,)),
    aml.aml_cash_premium: (NoParams, (INSURED,)),
    aml.aml_payout: (NoParams, (CUSTOMER,)),
    aml.aml_structuring: (aml.StructuringParams, (CUSTOMER,)),
    other.duplicate_today: (NoParams, (POLICY,)),
    other.cash_on_hand: (NoParams, ()),
    other.till_limit: (NoParams, ()),
    other.watch_list: (NoParams, ()),
}

RULES: dict[str, RuleSpec] = {
    check.__name__: RuleSpec(check.__name__, check, params, needs)
    for check, (params, needs) in _CHECKS.items()
}
"""Every name of ``vocabulary.RULE_NAMES``, by name."""

RULE_NEEDS: dict[str, tuple[RoleNeed, ...]] = {name: spec.needs for name, spec in RULES.items()}
"""The field roles each rule needs, for the template loader."""
