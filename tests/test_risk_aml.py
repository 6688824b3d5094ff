"""AML rules over the day's activity (all tellers, this submission included), the teller's cash,
duplicates and the watch list."""

from __future__ import annotations

from tests.risk_support import D, codes, policy, run
from workstation.domain.i18n import Catalog
from workstation.services.risk.model import LARGE_CASH_REPORT, DayActivity, Severity, WatchList

ZH = Catalog.load("zh")
CASH = {"payment_method": "cash"}


# -- aml_large_cash -----------------------------------------------------------


def test_cash_from_another_teller_plus_this_cash_reaches_the_report():
    """30,000 cash earlier today at another counter + 25,000 now = 55,000 ≥ 50,000."""
    day = DayActivity(customer_cash=D("30000.00"), customer_cash_amounts=(D("30000.00"),))
    found = run("1001", "aml_large_cash", activity=day, amount="25,000", **CASH)
    assert codes(found) == ["aml_large_cash.report"]
    assert (found[0].severity, found[0].level) == (Severity.AUTHORIZE, 1)
    assert found[0].flags == frozenset({LARGE_CASH_REPORT})
    assert found[0].message.params == {"total": "55,000.00", "threshold": "50,000.00"}


def test_large_cash_counts_only_cash():
    day = DayActivity(customer_cash=D("30000.00"))
    assert run("1001", "aml_large_cash", activity=day, amount="25,000") == []  # bank card
    assert run("1001", "aml_large_cash", activity=day, amount="19,999.99", **CASH) == []


def test_exactly_the_threshold_is_reported():
    found = run("1001", "aml_large_cash", amount="50,000", **CASH)
    assert codes(found) == ["aml_large_cash.report"]


# -- aml_cash_premium ---------------------------------------------------------


def test_cash_premiums_for_the_insured_reach_due_diligence():
    day = DayActivity(insured_cash_premium=D("8000.00"))
    found = run("1101", "aml_cash_premium", activity=day, **CASH)  # + 12,000 = 20,000
    assert codes(found) == ["aml_cash_premium.due_diligence"]
    assert found[0].severity == Severity.WARN
    assert found[0].message.params["total"] == "20,000.00"


def test_cash_premium_below_the_threshold_or_by_card_says_nothing():
    day = DayActivity(insured_cash_premium=D("7999.99"))
    assert run("1101", "aml_cash_premium", activity=day, **CASH) == []
    assert run("1101", "aml_cash_premium", activity=DayActivity(insured_cash_premium=D(9000))) == []


def test_cash_paid_out_is_no_premium():
    day = DayActivity(insured_cash_premium=D("30000.00"))
    assert run("3102", "aml_cash_premium", method="cash", activity=day) == []


# -- aml_payout ---------------------------------------------------------------


def test_payouts_of_the_day_reach_due_diligence_whatever_the_method():
    found = run("3102", "aml_payout", activity=DayActivity(customer_payouts=D("2000.00")))
    assert codes(found) == ["aml_payout.due_diligence"]  # 2,000 + 8,000 = 10,000
    assert ZH(found[0].message) == (
        "付款金额累计 ¥10,000.00 达到 ¥10,000.00，须对领款人开展尽职调查（核实身份、资金用途）"
    )


def test_a_payout_below_the_threshold_says_nothing_and_money_in_never_counts():
    assert run("3102", "aml_payout", activity=DayActivity(customer_payouts=D("1999.99"))) == []
    assert run("1101", "aml_payout", amount="90,000") == []


# -- aml_structuring ----------------------------------------------------------


def test_two_cash_amounts_just_under_the_large_cash_threshold():
    day = DayActivity(customer_cash_amounts=(D("48000.00"),))
    found = run("1001", "aml_structuring", activity=day, amount="46,000", **CASH)
    assert codes(found) == ["aml_structuring.suspected"]
    assert found[0].message.params == {"count": 2, "threshold": "50,000.00"}


def test_structuring_reports_once_for_the_lowest_threshold():
    day = DayActivity(customer_cash_amounts=(D("19000"), D("18500"), D("48000")))
    found = run("1001", "aml_structuring", activity=day, amount="49,000", **CASH)
    assert [f.message.params for f in found] == [{"count": 2, "threshold": "20,000.00"}]


def test_the_band_includes_its_floor_and_excludes_the_threshold():
    day = DayActivity(customer_cash_amounts=(D("45000.00"),))  # 50,000 × (1 − 10%)
    found = run("1001", "aml_structuring", activity=day, amount="46,000", **CASH)
    assert codes(found) == ["aml_structuring.suspected"]
    day = DayActivity(customer_cash_amounts=(D("44999.99"), D("50000")))
    assert run("1001", "aml_structuring", activity=day, amount="49,000", **CASH) == []


def test_card_payments_are_not_structuring():
    day = DayActivity(customer_cash_amounts=(D("48000"),))
    assert run("1001", "aml_structuring", activity=day, amount="46,000") == []


# -- duplicate_today, cash_on_hand, till_limit --------------------------------


def test_the_same_business_again_today_needs_a_supervisor():
    found = run("3101", "duplicate_today", activity=DayActivity(same_business=1))
    assert [(f.code, f.severity, f.level) for f in found] == [
        ("duplicate_today.again", Severity.AUTHORIZE, 1)
    ]
    assert run("3101", "duplicate_today") == []


def test_cash_out_beyond_the_cash_on_hand_blocks():
    found = run("3102", "cash_on_hand", method="cash", activity=DayActivity(cash_on_hand=D(5000)))
    assert codes(found) == ["cash_on_hand.short"]
    assert found[0].message.params == {"amount": "8,000.00", "on_hand": "5,000.00"}
    assert (
        run("3102", "cash_on_hand", method="cash", activity=DayActivity(cash_on_hand=D(8000))) == []
    )
    assert run("3102", "cash_on_hand", activity=DayActivity(cash_on_hand=D(0))) == []  # by card


def test_cash_in_over_the_till_limit_warns():
    day = DayActivity(cash_on_hand=D("90000.00"))
    found = run("1101", "till_limit", activity=day, **CASH)
    assert codes(found) == ["till_limit.over"]
    assert found[0].message.params == {"after": "102,000.00", "limit": "100,000.00"}
    assert run("1101", "till_limit", activity=DayActivity(cash_on_hand=D(88000)), **CASH) == []


def test_cash_out_lowers_the_till():
    day = DayActivity(cash_on_hand=D("105000.00"))
    found = run("3102", "till_limit", method="cash", activity=day)
    assert found == []  # 105,000 − 8,000 = 97,000
    day = DayActivity(cash_on_hand=D("110000.00"))
    assert codes(run("3102", "till_limit", method="cash", activity=day)) == ["till_limit.over"]


# -- watch_list ---------------------------------------------------------------


def test_a_watched_id_on_the_form_blocks_and_is_masked():
    found = run(
        "1001",
        "watch_list",
        by_agent=True,
        watch_list=WatchList(ids=frozenset({"310104198803150038"})),
    )
    assert codes(found) == ["watch_list.hit"]
    assert found[0].severity == Severity.BLOCK
    text = ZH(found[0].message)
    assert "310104********0038" in text and "310104198803150038" not in text


def test_a_watched_name_or_the_policys_insured_blocks():
    found = run("1001", "watch_list", watch_list=WatchList(names=frozenset({"张小明"})))
    assert found[0].message.params == {"who": "张小明"}
    p = policy(insured="李四")
    found = run(
        "3101", "watch_list", policy=p, watch_list=WatchList(ids=frozenset({"310115197512030022"}))
    )
    assert found[0].message.params == {"who": "310115********0022"}
    found = run("3101", "watch_list", policy=p, watch_list=WatchList(names=frozenset({"李四"})))
    assert found[0].message.params == {"who": "李四"}


def test_nobody_watched_passes():
    listed = WatchList(ids=frozenset({"44030419820309049X"}), names=frozenset({"郑十"}))
    assert run("3101", "watch_list", watch_list=listed) == []
    assert run("3101", "watch_list", by_agent=True, watch_list=WatchList()) == []


def test_a_hidden_agent_field_is_not_checked():
    listed = WatchList(ids=frozenset({"310104198803150038"}))
    assert run("1001", "watch_list", watch_list=listed) == []  # in person: agent fields hidden


def test_how_many_near_amounts_look_split_is_a_rule_param():
    day = DayActivity(customer_cash_amounts=(D("48000.00"),))
    params = {"count": 3}
    assert run("1001", "aml_structuring", params, activity=day, amount="46,000", **CASH) == []
    day = DayActivity(customer_cash_amounts=(D("48000.00"), D("47000.00")))
    found = run("1001", "aml_structuring", params, activity=day, amount="46,000", **CASH)
    assert found[0].message.params == {"count": 3, "threshold": "50,000.00"}
