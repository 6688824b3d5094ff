"""The policy directory: demo policies read back as plain views, and the views' helpers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event, func, select

from tests.risk_support import policy
from workstation.db.models import Policy
from workstation.services.demo_customers import DEMO_ACCOUNTS, DEMO_CUSTOMERS
from workstation.services.demo_policies import demo_policies
from workstation.services.directory import LocalPolicyDirectory, PersonView, PolicyView

pytestmark = pytest.mark.db

ZHANG_SAN = "110105198001010016"
TODAY = date(2026, 11, 27)


@pytest.fixture
def directory(station) -> LocalPolicyDirectory:
    return LocalPolicyDirectory(station.db)


@pytest.fixture
def today(station) -> date:
    return station.clock.now().date()


def test_the_station_clock_is_on_the_expected_day(today):
    assert today == TODAY


def test_zhang_san_policy_reads_back_whole(directory):
    p = directory.policy("P2024000001")
    assert p is not None and p.status == "in_force"
    assert (p.holder.name, p.holder.id_number, p.holder.phone) == ("张三", ZHANG_SAN, "13800138000")
    assert (p.holder.sex, p.holder.birth_date) == ("M", date(1980, 1, 1))
    assert p.insured == p.holder
    assert [(b.name, b.relation, b.share_pct) for b in p.beneficiaries] == [
        ("张小明", "child", 100)
    ]
    assert p.premium_due == Decimal("12000.00") and str(p.premium_due) == "12000.00"
    assert p.next_due_date == p.paid_to_date == date(2026, 12, 17)
    assert p.cash_value == Decimal("86400.00") and p.loan_balance == Decimal("0.00")
    assert p.payout_account is not None and p.payout_account.card_no == "6222021000123450"


def test_a_loan_leaves_room_up_to_eighty_percent_of_cash_value(directory):
    p = directory.policy("P2024000002")
    assert p is not None and p.holder.name == "李四" and p.holder.sex == "F"
    assert (p.cash_value, p.loan_balance) == (Decimal("50000.00"), Decimal("10000.00"))
    assert p.max_loan() == Decimal("30000.00")


def test_lapsed_policies_within_and_beyond_two_years(directory, today):
    recent, old = directory.policy("P2023000003"), directory.policy("P2021000004")
    assert recent is not None and old is not None
    assert (recent.holder.name, recent.lapse_date) == ("王五", date(2025, 8, 27))
    assert recent.reinstatable(today)
    assert (old.holder.name, old.status) == ("赵六", "lapsed")
    assert not old.reinstatable(today)


def test_a_policy_delivered_five_days_ago_is_in_its_free_look(directory, today):
    p = directory.policy("P2026000005")
    assert p is not None and p.holder.name == "孙七"
    assert p.days_since_delivery(today) == 5
    assert p.in_free_look(today)
    assert p.premium == Decimal("8000.00")


def test_a_matured_policy_carries_its_benefit(directory, today):
    p = directory.policy("P2016000006")
    assert p is not None and p.status == "matured" and p.holder.name == "周八"
    assert p.insured == p.holder and p.holder.id_expiry is None
    assert p.maturity_date is not None and p.maturity_date < today
    assert p.maturity_benefit == Decimal("30000.00")


def test_a_holder_whose_id_card_has_expired(directory, today):
    p = directory.policy("P2024000007")
    assert p is not None and p.status == "in_force"
    assert p.holder.id_expiry == date(2025, 11, 27) < today


def test_unknown_numbers_give_nothing(directory):
    assert directory.policy("P2099999999") is None
    assert directory.customer("110105198001010024") is None
    assert directory.policies_of("110105198001010024") == []
    assert directory.bank_accounts("110105198001010024") == []
    assert directory.account("6222020000000000") is None


def test_policies_of_a_person_as_holder_or_insured(directory):
    assert [p.policy_no for p in directory.policies_of(ZHANG_SAN)] == [
        "P2024000001",
        "P2025000008",
    ]
    child = directory.policies_of("110105201006120016")
    assert [(p.policy_no, p.holder.name, p.insured.name) for p in child] == [
        ("P2025000008", "张三", "张小明")
    ]


def test_customers_and_their_bank_accounts(directory):
    assert directory.customer(ZHANG_SAN) == PersonView(
        "张三",
        ZHANG_SAN,
        date(2032, 11, 27),
        "M",
        date(1980, 1, 1),
        "13800138000",
        "上海市浦东新区世纪大道100号",
    )
    accounts = directory.bank_accounts(ZHANG_SAN)
    assert [(a.card_no, a.account_name) for a in accounts] == [("6222021000123450", "张三")]
    assert accounts[0].bank_name_zh == "中国工商银行" and "ICBC" in accounts[0].bank_name_en
    ccb = directory.account("6217001234567893")
    assert ccb is not None and (ccb.account_name, ccb.bank_name_zh) == ("李四", "中国建设银行")


def test_the_demo_covers_the_counter_scenarios(station, directory, today):
    with station.db.read() as s:
        numbers = s.scalars(select(Policy.policy_no).order_by(Policy.policy_no)).all()
        assert s.scalar(select(func.count()).select_from(Policy)) == len(numbers) >= 15
    views = [directory.policy(n) for n in numbers]
    assert all(v is not None for v in views)
    policies: list[PolicyView] = [v for v in views if v is not None]
    assert {p.status for p in policies} == {
        "in_force",
        "lapsed",
        "surrendered",
        "matured",
        "terminated",
        "cancelled",
    }
    assert {p.payment_frequency for p in policies} >= {"single", "annual", "monthly", "quarterly"}
    assert any(p.holder != p.insured for p in policies)
    assert any(p.holder.id_number.endswith("X") for p in policies)
    assert any(p.survival_benefit > 0 and p.payment_frequency == "single" for p in policies)
    assert any(sorted(b.share_pct for b in p.beneficiaries) == [40, 60] for p in policies)
    for p in policies:
        shares: dict[int, int] = {}
        for b in p.beneficiaries:
            shares[b.priority] = shares.get(b.priority, 0) + b.share_pct
        assert set(shares.values()) <= {100}, p.policy_no
        if p.status == "in_force" and p.payment_frequency != "single":
            assert p.next_due_date is not None and p.next_due_date > today, p.policy_no


def test_one_policy_lookup_is_a_handful_of_statements(station, directory):
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(station.db.engine, "before_cursor_execute", count)
    try:
        found = directory.policy("P2022000010")
    finally:
        event.remove(station.db.engine, "before_cursor_execute", count)
    assert found is not None and len(found.beneficiaries) == 2
    assert len(statements) <= 4, statements


# The GB 11643 check, written out here so the demo data is checked independently.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
PROVINCES |= {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82}


def resident_id_ok(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit() or int(number[:2]) not in PROVINCES:
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], WEIGHTS, strict=True))
    return born < TODAY and "10X98765432"[total % 11] == number[17]


def luhn_ok(card: str) -> bool:
    digits = [int(d) for d in reversed(card)]
    doubled = [d * 2 - 9 if d > 4 else d * 2 for d in digits[1::2]]
    return (sum(digits[::2]) + sum(doubled)) % 10 == 0


def test_the_checks_themselves():
    assert resident_id_ok("11010519491231002X")
    assert not resident_id_ok("110105198001010017")
    assert not resident_id_ok("99010519800101001X")  # checksum fine, no province 99
    assert not resident_id_ok("110105198002300015")  # checksum fine, no 30 February
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")


def test_every_demo_id_number_and_card_is_valid():
    numbers = [c.id_number for c in DEMO_CUSTOMERS]
    numbers += [b[1] for p in demo_policies(TODAY) for b in p["beneficiaries"] if b[1]]
    assert [n for n in numbers if not resident_id_ok(n)] == []
    assert len({c.id_number for c in DEMO_CUSTOMERS}) == len(DEMO_CUSTOMERS)
    assert [a.card_no for a in DEMO_ACCOUNTS if not luhn_ok(a.card_no)] == []


def test_the_demo_sex_and_birth_date_agree_with_the_id_number(directory):
    for c in DEMO_CUSTOMERS:
        person = directory.customer(c.id_number)
        assert person is not None and person.name == c.name
        assert person.sex == ("M" if int(c.id_number[16]) % 2 else "F")
        assert person.birth_date.strftime("%Y%m%d") == c.id_number[6:14]


# Helpers on hand-built views, on the edge days.

PERSON = PersonView("张三", ZHANG_SAN, None, "M", date(1980, 1, 1), None)
BASE = policy(
    "P2024999999",
    PERSON,
    beneficiaries=(),
    issue_date=date(2024, 8, 20),
    delivered_on=date(2024, 8, 27),
    premium=Decimal("1000.00"),
    paid_to_date=None,
    next_due_date=None,
    cash_value=Decimal("0.00"),
    sum_assured=Decimal("100000.00"),
    payout_account=None,
)


def test_premium_due_only_when_a_due_date_is_set():
    assert BASE.premium_due == Decimal("0.00")
    assert replace(BASE, next_due_date=date(2025, 8, 20)).premium_due == Decimal("1000.00")


@pytest.mark.parametrize(
    ("today", "days", "inside"),
    [
        (date(2024, 8, 26), -1, False),  # before delivery
        (date(2024, 8, 27), 0, True),  # the delivery day
        (date(2024, 9, 11), 15, True),  # exactly 15 days after: still inside
        (date(2024, 9, 12), 16, False),
    ],
)
def test_free_look_is_within_fifteen_days_of_delivery(today, days, inside):
    assert BASE.days_since_delivery(today) == days
    assert BASE.in_free_look(today) is inside


def test_no_free_look_without_delivery_or_once_out_of_force():
    assert replace(BASE, delivered_on=None).days_since_delivery(date(2024, 8, 28)) is None
    assert not replace(BASE, delivered_on=None).in_free_look(date(2024, 8, 28))
    assert not replace(BASE, status="cancelled").in_free_look(date(2024, 8, 28))
    assert replace(BASE, delivered_on=date(2024, 8, 1)).in_free_look(date(2024, 8, 31), days=30)


@pytest.mark.parametrize(
    ("lapse", "today", "can"),
    [
        (date(2024, 8, 27), date(2026, 8, 26), True),  # the last day
        (date(2024, 8, 27), date(2026, 8, 27), False),  # exactly two years after
        (date(2024, 2, 29), date(2026, 2, 27), True),
        (date(2024, 2, 29), date(2026, 2, 28), False),  # no 29 February in 2026
    ],
)
def test_reinstatable_within_two_calendar_years_of_lapse(lapse, today, can):
    assert replace(BASE, status="lapsed", lapse_date=lapse).reinstatable(today) is can


def test_only_a_lapsed_policy_is_reinstatable():
    assert not replace(BASE, lapse_date=date(2026, 1, 1)).reinstatable(date(2026, 2, 1))
    assert not replace(BASE, status="lapsed").reinstatable(date(2026, 2, 1))
    assert replace(BASE, status="lapsed", lapse_date=date(2020, 1, 1)).reinstatable(
        date(2024, 12, 31), years=5
    )


@pytest.mark.parametrize(
    ("cash", "loan", "ratio", "most"),
    [
        ("50000.00", "10000.00", "0.8", "30000.00"),
        ("100.01", "0.00", "0.8", "80.00"),  # 80.008 rounds down
        ("100.03", "0.00", "0.7", "70.02"),  # 70.021 rounds down
        ("10000.00", "8000.00", "0.8", "0.00"),  # exactly used up
        ("10000.00", "9000.00", "0.8", "0.00"),  # over the limit: not negative
        ("0.00", "0.00", "0.8", "0.00"),
    ],
)
def test_max_loan(cash, loan, ratio, most):
    view = replace(BASE, cash_value=Decimal(cash), loan_balance=Decimal(loan))
    result = view.max_loan(Decimal(ratio))
    assert result == Decimal(most) and str(result) == most
