"""The rule vocabulary: every name a template may use, with its check and its params model."""

from __future__ import annotations

from workstation.services.risk.model import RuleSpec
from workstation.services.risk.rules import aml, identity, money, other, payout, policy
from workstation.services.risk.rules.common import NoParams

_CHECKS = {
    identity.id_valid: NoParams,
    identity.id_not_expired: NoParams,
    identity.applicant_allowed: NoParams,
    identity.documents_complete: NoParams,
    policy.policy_status: policy.PolicyStatusParams,
    policy.reinstatement_window: policy.ReinstatementParams,
    policy.free_look_window: policy.FreeLookParams,
    policy.loan_limit: policy.LoanLimitParams,
    policy.renewal_amount_due: NoParams,
    payout.surrender_value: NoParams,
    payout.free_look_refund: payout.FreeLookParams,
    payout.benefit_due: payout.BenefitParams,
    money.amount_authority: NoParams,
    money.payee_name_match: money.PayeeParams,
    aml.aml_large_cash: NoParams,
    aml.aml_cash_premium: NoParams,
    aml.aml_payout: NoParams,
    aml.aml_structuring: NoParams,
    other.duplicate_today: NoParams,
    other.cash_on_hand: NoParams,
    other.till_limit: NoParams,
    other.watch_list: NoParams,
}

RULES: dict[str, RuleSpec] = {
    check.__name__: RuleSpec(check.__name__, check, params) for check, params in _CHECKS.items()
}
"""Every name of ``vocabulary.RULE_NAMES``, by name."""
