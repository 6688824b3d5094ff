"""The names templates may use in ``[[rules]]``. The loader refuses any other."""

from __future__ import annotations

IDENTITY = ("id_valid", "id_not_expired", "applicant_allowed", "documents_complete")
POLICY = (
    "policy_status",
    "reinstatement_window",
    "free_look_window",
    "loan_limit",
    "renewal_amount_due",
)
PAYOUT = ("surrender_value", "free_look_refund", "benefit_due")
MONEY = ("amount_authority", "payee_name_match")
AML = ("aml_large_cash", "aml_cash_premium", "aml_payout", "aml_structuring")
OTHER = ("duplicate_today", "cash_on_hand", "till_limit", "watch_list")

RULE_NAMES = frozenset(IDENTITY + POLICY + PAYOUT + MONEY + AML + OTHER)
