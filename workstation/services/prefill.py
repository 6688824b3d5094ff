"""What a looked-up policy offers to fill into a form, by the names templates use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from workstation.domain.identity import LONG_TERM
from workstation.domain.money import format_money
from workstation.services.directory import PersonView, PolicyView


def _person(prefix: str, person: PersonView) -> dict[str, str]:
    expiry = LONG_TERM if person.id_expiry is None else person.id_expiry.isoformat()
    return {
        f"{prefix}.name": person.name,
        f"{prefix}.id_number": person.id_number,
        f"{prefix}.phone": person.phone or "",
        f"{prefix}.id_expiry": expiry,
    }


def benefit_due(policy: PolicyView, today: date) -> Decimal:
    """The benefit owed now: the maturity benefit (net of the loan) while it is due and
    unpaid, else the survival benefit due."""
    return policy.benefit_due("maturity", today) or policy.benefit_due("survival", today)


def prefill_values(policy: PolicyView, today: date) -> dict[str, str]:
    """``holder.name``, ``policy.cash_value`` … as the text a teller would type.

    ``policy`` is the policy as it stands now (the directory plus the day's
    postings): the amounts are what it owes after what was done today.
    """
    amounts = {
        "policy.premium_due": policy.premium_due,
        "policy.premium_paid": policy.premium_paid,
        "policy.cash_value": policy.cash_value,
        "policy.loan_balance": policy.loan_balance,
        "policy.surrender_value": policy.surrender_value,
        "policy.max_loan": policy.max_loan(),
        "policy.maturity_benefit": policy.maturity_benefit,
        "policy.survival_benefit": policy.survival_benefit,
        "policy.benefit_due": benefit_due(policy, today),
    }
    values = {key: format_money(amount) for key, amount in amounts.items() if amount > 0}
    values["policy.product_name"] = policy.product_name_zh
    return {**_person("holder", policy.holder), **_person("insured", policy.insured), **values}
