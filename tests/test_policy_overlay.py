"""The overlay on its own: a policy view plus the day's effects is the policy as it stands now."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from tests.risk_support import TODAY, checked_values, form, policy, template
from workstation.services.effects import DoneToday, Effect
from workstation.services.overlay import effect_of, overlay
from workstation.services.prefill import prefill_values


def done(*effects: Effect) -> list[DoneToday]:
    return [
        DoneToday(f"SH01-20261127-01-{n:05d}", "0000", effect)
        for n, effect in enumerate(effects, start=1)
    ]


def li_si(**changes):
    """P2024000002 of 李四: cash value 50,000.00, loan 10,000.00, room 30,000.00."""
    return policy(
        "P2024000002", "李四", cash_value=D("50000.00"), loan_balance=D("10000.00"), **changes
    )


def test_nothing_done_today_is_the_snapshot_itself():
    assert overlay(li_si(), []) == li_si()


def test_loans_add_up_and_leave_less_room():
    now = overlay(li_si(), done(Effect("loan", D("20000.00")), Effect("loan", D("10000.00"))))
    assert now.loan_balance == D("40000.00")
    assert now.max_loan() == D("0.00")
    assert [d.serial[-5:] for d in now.done("loan")] == ["00001", "00002"]


def test_a_repayment_lowers_the_balance_but_never_below_zero():
    assert overlay(li_si(), done(Effect("repay", D("4000.00")))).loan_balance == D("6000.00")
    overpaid = overlay(li_si(), done(Effect("repay", D("50000.00")), Effect("loan", D("500.00"))))
    assert overpaid.loan_balance == D("500.00")  # the overpayment is no credit to lend again


def test_terminate_and_reinstate_change_the_status():
    assert (
        overlay(policy(), done(Effect("terminate", status="surrendered"))).status == "surrendered"
    )
    lapsed = policy(status="lapsed", lapse_date=date(2025, 8, 27))
    back = overlay(lapsed, done(Effect("reinstate")))
    assert (back.status, back.lapse_date) == ("in_force", None)


def test_a_surrender_after_a_loan_today_pays_the_cash_value_less_both():
    now = overlay(policy(), done(Effect("loan", D("10000.00"))))
    assert now.surrender_value == D("76400.00")


def test_a_premium_paid_moves_the_paid_to_date_and_nothing_more_is_due():
    effect = Effect(
        "premium_paid", D("12000.00"), due=date(2026, 12, 17), paid_to=date(2027, 12, 17)
    )
    now = overlay(policy(), done(effect))
    assert now.paid_to_date == date(2027, 12, 17)
    assert now.premium_due == D("0.00")


def test_a_benefit_paid_is_owed_no_more_for_its_due_date():
    matured = policy(
        "P2016000006",
        "周八",
        status="matured",
        issue_date=date(2016, 11, 17),
        maturity_date=date(2026, 11, 17),
        maturity_benefit=D("30000.00"),
        survival_benefit=D("3000.00"),
    )
    assert matured.benefit_due_date("survival", TODAY) == date(2026, 11, 17)
    assert matured.benefit_due("survival", TODAY) == D("3000.00")
    paid = Effect("benefit_paid", D("3000.00"), benefit="survival", due=date(2026, 11, 17))
    now = overlay(matured, done(paid))
    assert now.benefit_due("survival", TODAY) == D("0.00")
    assert now.benefit_due("maturity", TODAY) == D("30000.00")  # another benefit, still owed


def test_a_contact_change_reaches_the_holder_and_the_insured_when_they_are_one():
    change = Effect(
        "contact_change", details=(("phone", "13917654321"), ("address", "张杨路1888号"))
    )
    now = overlay(policy(), done(change))
    assert (now.holder.phone, now.holder.address) == ("13917654321", "张杨路1888号")
    assert now.insured.phone == "13917654321"
    other = overlay(policy(insured="张小明"), done(change))
    assert other.insured.phone == "13800138000"


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        ("all", [("陈思远", 100, 1)]),
        ("equal", [("张小明", 50, 1), ("陈思远", 50, 1)]),
        ("first", [("陈思远", 100, 1), ("张小明", 100, 2)]),
    ],
)
def test_a_beneficiary_change_by_the_share_chosen(share, expected):
    change = Effect(
        "beneficiary_change",
        details=(("name", "陈思远"), ("relation", "child"), ("share", share)),
    )
    now = overlay(policy(), done(change))
    assert [(b.name, b.share_pct, b.priority) for b in now.beneficiaries] == expected


def test_an_account_change_puts_the_new_card_on_file():
    change = Effect(
        "account_change",
        details=(
            ("account_name", "张三"),
            ("card", "6222021000456785"),
            ("bank", "工行陆家嘴支行"),
        ),
    )
    account = overlay(policy(), done(change)).payout_account
    assert account is not None and (account.card_no, account.account_name) == (
        "6222021000456785",
        "张三",
    )


def test_effects_round_trip_through_the_stored_json():
    effect = Effect(
        "premium_paid", D("12000.00"), due=date(2026, 12, 17), paid_to=date(2027, 12, 17)
    )
    assert Effect.from_json(effect.to_json()) == effect
    change = Effect("contact_change", details=(("phone", "13917654321"),))
    assert Effect.from_json(change.to_json()) == change
    assert Effect.from_json(None) == Effect("none")


def test_the_effect_a_submission_records():
    values = checked_values(form("3201", amount="30,000.00"))
    loan = effect_of(template("3201"), values, D("30000.00"), li_si(), TODAY)
    assert loan == Effect("loan", D("30000.00"))
    renewal = effect_of(template("1101"), {}, D("12000.00"), policy(), TODAY)
    assert (renewal.due, renewal.paid_to) == (date(2026, 12, 17), date(2027, 12, 17))
    contact = effect_of(template("2001"), checked_values(form("2001")), None, policy(), TODAY)
    assert contact.detail("phone") == "13917654321"
    assert effect_of(template("2101"), {}, None, policy(), TODAY) is None


def test_prefill_offers_what_the_policy_owes_now():
    now = overlay(li_si(), done(Effect("loan", D("20000.00"))))
    values = prefill_values(now, TODAY)
    assert values["policy.max_loan"] == "10,000.00"
    assert values["policy.surrender_value"] == "20,000.00"  # 50,000 less 30,000 lent
    free_look = policy(
        "P2026000005",
        "孙七",
        premium=D("8000.00"),
        issue_date=date(2026, 11, 15),
        paid_to_date=date(2027, 11, 15),
    )
    assert prefill_values(free_look, TODAY)["policy.premium_paid"] == "8,000.00"
    matured = policy(
        status="matured",
        maturity_date=date(2026, 11, 17),
        maturity_benefit=D("30000.00"),
        loan_balance=D("1000.00"),
    )
    assert prefill_values(matured, TODAY)["policy.benefit_due"] == "29,000.00"


@pytest.mark.parametrize(
    ("frequency", "paid_to", "paid"),
    [
        ("annual", date(2026, 12, 17), D("24000.00")),  # issued 2024-12-17: two years
        ("monthly", date(2025, 2, 17), D("24000.00")),
        ("single", None, D("12000.00")),
    ],
)
def test_premium_paid_counts_the_periods_to_the_paid_to_date(frequency, paid_to, paid):
    view = policy(payment_frequency=frequency, paid_to_date=paid_to)
    assert view.premium_paid == paid
