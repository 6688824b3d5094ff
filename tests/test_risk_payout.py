"""Payout rules and the day's postings: what the policy owes is paid, once, and named when not."""

from __future__ import annotations

from datetime import date

from tests.risk_support import SAMPLE_POLICIES, D, after, codes, policy, run
from workstation.domain.i18n import Catalog
from workstation.services.effects import Effect

ZH, EN = Catalog.load("zh"), Catalog.load("en")
SURVIVAL_PAID = Effect("benefit_paid", D("3000.00"), benefit="survival", due=date(2026, 11, 17))


def texts(findings) -> list[str]:
    return [f"{ZH(f.message)} | {EN(f.message)}" for f in findings]


def test_the_surrender_value_exactly_passes():
    assert run("3101", "surrender_value") == []


def test_a_surrender_of_another_amount_blocks_naming_the_value():
    found = run("3101", "surrender_value", amount="150,000.00")
    assert codes(found) == ["surrender_value.mismatch"]
    [text] = texts(found)
    assert "¥150,000.00" in text and "¥86,400.00" in text
    less = run("3101", "surrender_value", amount="80,000.00")
    assert codes(less) == ["surrender_value.mismatch"]


def test_the_surrender_value_is_net_of_the_loan_including_todays():
    lent = after(policy(loan_balance=D("6400.00")), Effect("loan", D("10000.00")))
    [text] = texts(run("3101", "surrender_value", policy=lent))
    assert "¥70,000.00" in text and "¥16,400.00" in text
    assert run("3101", "surrender_value", policy=lent, amount="70,000.00") == []


def test_a_free_look_refund_is_the_premium_paid_less_at_most_the_fee():
    assert run("3102", "free_look_refund") == []  # the template allows a ¥10 fee
    assert run("3102", "free_look_refund", amount="7,990.00") == []
    for amount in ("80,000.00", "7,989.99", "8,000.01"):
        found = run("3102", "free_look_refund", amount=amount)
        assert codes(found) == ["free_look_refund.mismatch_fee"]
        assert "¥8,000.00" in texts(found)[0]
    strict = run("3102", "free_look_refund", {}, amount="7,990.00")
    assert codes(strict) == ["free_look_refund.mismatch"]


def test_a_benefit_due_is_paid_in_full():
    assert run("3301", "benefit_due") == []  # the maturity benefit, ¥30,000.00
    found = run("3301", "benefit_due", amount="3,000.00")
    assert codes(found) == ["benefit_due.mismatch"]
    assert "¥30,000.00" in texts(found)[0] and "2026-11-17" in texts(found)[0]
    assert run("3301", "benefit_due", benefit_type="survival", amount="3,000.00") == []


def test_a_benefit_is_paid_once_per_due_date():
    paid = after(SAMPLE_POLICIES["3301"](), SURVIVAL_PAID)
    found = run("3301", "benefit_due", policy=paid, benefit_type="survival", amount="3,000.00")
    assert codes(found) == ["benefit_due.paid_today"]
    assert "SH01-20261127-01-00001" in texts(found)[0]
    assert run("3301", "benefit_due", policy=paid) == []  # the maturity benefit is another


def test_no_benefit_due_blocks():
    in_force = policy()  # no maturity reached, no survival benefit
    found = run("3301", "benefit_due", policy=in_force)
    assert codes(found) == ["benefit_due.nothing_due"]
    assert "满期保险金" in ZH(found[0].message) and "maturity benefit" in EN(found[0].message)


def test_a_status_left_by_todays_posting_names_the_posting():
    gone = after(policy(), Effect("terminate", status="surrendered"))
    found = run("3101", "policy_status", policy=gone)
    assert codes(found) == ["policy_status.changed_today"]
    assert "已退保" in ZH(found[0].message) and "SH01-20261127-01-00001" in ZH(found[0].message)


def test_a_loan_after_todays_loans_names_them_and_the_room_left():
    li_si = SAMPLE_POLICIES["3201"]()
    lent = after(li_si, Effect("loan", D("20000.00")), Effect("loan", D("10000.00")))
    found = run("3201", "loan_limit", policy=lent, amount="1,000.00")
    assert codes(found) == ["loan_limit.exceeded_today"]
    [text] = texts(found)
    assert "¥0.00" in text and "¥30,000.00" in text
    assert "SH01-20261127-01-00001、SH01-20261127-01-00002" in text


def test_a_second_renewal_for_the_same_period_is_refused():
    paid = after(
        policy(),
        Effect("premium_paid", D("12000.00"), due=date(2026, 12, 17), paid_to=date(2027, 12, 17)),
    )
    found = run("1101", "renewal_amount_due", policy=paid)
    assert codes(found) == ["renewal_amount_due.paid_today"]
    assert "2027-12-17" in texts(found)[0]
