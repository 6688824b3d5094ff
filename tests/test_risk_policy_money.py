"""Policy rules (status and windows, loan limit, premium due) and money rules (authority, payee)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.risk_support import ZHANG_SAN_ACCOUNT, D, codes, policy, run
from workstation.domain.i18n import Catalog
from workstation.services.risk.model import Severity, Thresholds

ZH = Catalog.load("zh")
LAPSED = policy("P2023000003", "王五", status="lapsed", next_due_date=None)


# -- policy_status ------------------------------------------------------------


def test_an_in_force_policy_may_be_surrendered():
    assert run("3101", "policy_status") == []


def test_an_unknown_policy_blocks_when_the_form_has_a_policy_number():
    found = run("3101", "policy_status", policy=None)
    assert codes(found) == ["policy_status.unknown_policy"]
    assert found[0].severity == Severity.BLOCK
    assert "P2024000001" in ZH(found[0].message)
    assert run("1001", "policy_status", params={}, policy=None) == []  # a proposal: no policy


def test_a_status_the_template_does_not_allow_blocks_and_is_named():
    found = run("3101", "policy_status", policy=policy(status="lapsed"))
    assert codes(found) == ["policy_status.not_allowed"]
    assert "失效（中止）" in ZH(found[0].message)
    assert run("2001", "policy_status", policy=policy(status="lapsed")) == []


def test_the_default_allows_only_in_force():
    assert codes(run("2001", "policy_status", params={}, policy=policy(status="lapsed"))) == [
        "policy_status.not_allowed"
    ]


# -- windows ------------------------------------------------------------------


def test_reinstatement_within_two_years_of_the_lapse():
    assert (
        run("2201", "reinstatement_window", policy=replace(LAPSED, lapse_date=date(2024, 11, 28)))
        == []
    )


def test_reinstatement_two_years_after_the_lapse_is_refused():
    found = run(
        "2201", "reinstatement_window", policy=replace(LAPSED, lapse_date=date(2024, 11, 27))
    )
    assert codes(found) == ["reinstatement_window.expired"]
    assert found[0].severity == Severity.BLOCK
    assert found[0].message.params == {"lapse_date": "2024-11-27", "years": 2}


def test_reinstatement_years_is_a_param():
    p = replace(LAPSED, lapse_date=date(2024, 11, 27))
    assert run("2201", "reinstatement_window", params={"years": 3}, policy=p) == []


def test_a_free_look_lasts_fifteen_days_after_delivery():
    assert run("3102", "free_look_window", policy=policy(delivered_on=date(2026, 11, 12))) == []
    found = run("3102", "free_look_window", policy=policy(delivered_on=date(2026, 11, 11)))
    assert codes(found) == ["free_look_window.expired"]
    assert found[0].message.params == {"delivered_on": "2026-11-11", "days": 15}


def test_no_free_look_without_a_recorded_delivery():
    found = run("3102", "free_look_window", policy=policy(delivered_on=None))
    assert codes(found) == ["free_look_window.expired"]
    assert "—" in ZH(found[0].message)


def test_window_rules_leave_a_missing_policy_to_policy_status():
    assert run("2201", "reinstatement_window", policy=None) == []
    assert run("3102", "free_look_window", policy=None) == []
    assert run("3201", "loan_limit", policy=None) == []
    assert run("1101", "renewal_amount_due", policy=None) == []


# -- loan_limit ---------------------------------------------------------------

LOAN_POLICY = policy("P2024000002", "李四", cash_value=D("50000.00"), loan_balance=D("10000.00"))


def test_a_loan_up_to_eighty_percent_of_cash_value_less_the_balance():
    assert run("3201", "loan_limit", policy=LOAN_POLICY, amount="30,000.00") == []


def test_a_loan_one_fen_over_the_limit_blocks():
    found = run("3201", "loan_limit", policy=LOAN_POLICY, amount="30,000.01")
    assert codes(found) == ["loan_limit.exceeded"]
    assert found[0].message.params == {"amount": "30,000.01", "limit": "30,000.00"}
    assert "¥30,000.00" in ZH(found[0].message)


def test_the_loan_ratio_is_a_param():
    found = run("3201", "loan_limit", params={"ratio": "0.5"}, policy=LOAN_POLICY, amount="20,000")
    assert found[0].message.params["limit"] == "15,000.00"


# -- renewal_amount_due -------------------------------------------------------


def test_the_premium_due_exactly_passes():
    assert run("1101", "renewal_amount_due") == []


def test_a_part_payment_of_the_premium_blocks():
    found = run("1101", "renewal_amount_due", amount="6,000.00")
    assert codes(found) == ["renewal_amount_due.mismatch"]
    assert found[0].message.params == {"amount": "6,000.00", "due": "12,000.00"}


def test_nothing_due_blocks_any_payment():
    found = run("1101", "renewal_amount_due", policy=policy(next_due_date=None))
    assert codes(found) == ["renewal_amount_due.nothing_due"]
    assert found[0].severity == Severity.BLOCK


# -- amount_authority ---------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("20,000.00", []),
        ("20,000.01", [("amount_authority.level1", 1)]),
        ("200,000.00", [("amount_authority.level1", 1)]),
        ("200,000.01", [("amount_authority.level2", 2)]),
    ],
)
def test_amount_authority_by_level(amount, expected):
    found = run("1101", "amount_authority", amount=amount)
    assert [(f.code, f.level) for f in found] == expected
    assert all(f.severity == Severity.AUTHORIZE for f in found)


def test_amount_authority_applies_to_money_out_with_configured_limits():
    limits = Thresholds(teller_limit=D("50000"), level1_limit=D("80000"))
    found = run("3101", "amount_authority", thresholds=limits)
    assert [(f.code, f.level) for f in found] == [("amount_authority.level2", 2)]
    assert found[0].message.params == {"amount": "86,400.00", "limit": "80,000.00"}


def test_no_amount_no_authority():
    assert run("2001", "amount_authority") == []


# -- payee_name_match ---------------------------------------------------------


def test_the_holders_own_known_account_passes():
    assert run("3101", "payee_name_match", payee_account=ZHANG_SAN_ACCOUNT) == []


def test_another_name_on_the_form_blocks():
    found = run("3101", "payee_name_match", payee_name="李四", payee_account=ZHANG_SAN_ACCOUNT)
    assert codes(found) == ["payee_name_match.mismatch"]
    assert found[0].message.params == {"name": "李四", "expected": "张三"}


def test_a_known_card_in_another_name_blocks():
    theirs = replace(ZHANG_SAN_ACCOUNT, account_name="李四")
    found = run("3101", "payee_name_match", payee_account=theirs)
    assert codes(found) == ["payee_name_match.account_name"]
    assert found[0].severity == Severity.BLOCK


def test_an_unknown_card_asks_the_teller_to_check_the_name():
    found = run("3101", "payee_name_match", payee_account=None)
    assert codes(found) == ["payee_name_match.unverified"]
    assert found[0].severity == Severity.WARN


def test_the_insured_is_the_payee_of_a_maturity_benefit():
    p = policy("P2016000006", "张三", "周八", status="matured")
    assert codes(run("3301", "payee_name_match", policy=p)) == ["payee_name_match.unverified"]
    found = run("3301", "payee_name_match", policy=p, payee_name="张三")
    assert "payee_name_match.mismatch" in codes(found)


def test_a_new_payment_account_must_be_the_holders():
    found = run("2002", "payee_name_match", new_account_name="李四")
    assert codes(found) == ["payee_name_match.mismatch", "payee_name_match.unverified"]
    assert found[0].message.params["expected"] == "张三"


def test_for_a_beneficiary_any_beneficiarys_name_will_do():
    p = policy(beneficiaries=(("李四", None), ("张小明", None)))
    params = {"person": "beneficiary"}
    ok = run("3101", "payee_name_match", params=params, policy=p, payee_name="张小明")
    assert codes(ok) == ["payee_name_match.unverified"]
    found = run("3101", "payee_name_match", params=params, policy=p, payee_name="张三")
    assert found[0].message.params["expected"] == "李四、张小明"
