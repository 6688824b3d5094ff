"""Demo policies for the policy directory, every date relative to today.

Each policy is a counter scenario: a premium falling due, a loan on a policy,
a lapse that can or cannot be reinstated, a free look, a maturity, an expired
ID card, a survival benefit, a surrender, and so on. Amounts are in fen.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from workstation.db.engine import Database
from workstation.db.models import Beneficiary, Policy
from workstation.domain.dates import add_months, add_years
from workstation.services.demo_customers import (
    DEMO_ACCOUNTS,
    DEMO_CUSTOMERS,
    account_row,
    customer_row,
)

PRODUCTS = {
    "WL01": ("鑫享人生终身寿险", "Xinxiang Life Whole Life Insurance"),
    "CI01": ("康宁重大疾病保险", "Kangning Critical Illness Insurance"),
    "CI02": ("小太阳少儿重大疾病保险", "Little Sun Children's Critical Illness Insurance"),
    "AN01": ("金如意年金保险", "Jinruyi Annuity Insurance"),
    "EN01": ("福寿安康两全保险", "Fushou Ankang Endowment Insurance"),
    "AC01": ("安心意外伤害保险", "Anxin Personal Accident Insurance"),
}

ZHANG_SAN = "110105198001010016"
ZHANG_XIAOMING = "110105201006120016"
LI_SI = "310115197512030022"
CHEN_JIANGUO = "310115197308150019"
ZHENG_SHI = "44030419820309049X"
BENEFICIARY_IDS = ("440304198407220022", "440304201205180039")
"""林芳 and 郑子轩: beneficiaries who are not customers."""


def _policy(
    no: str,
    product: str,
    status: str,
    holder: str,
    insured: str | None = None,
    *,
    issue: date,
    premium: int,
    frequency: str = "annual",
    paid_to: date | None = None,
    due: date | None = None,
    delivered: date | None = None,
    beneficiaries: tuple[tuple[str, str | None, str, int], ...] = (),
    payout: str | None = None,
    **amounts: int | date,
) -> dict[str, Any]:
    """One policy's columns; ``due`` is both the paid-to and the next due date when
    ``paid_to`` is not given. Beneficiaries are (name, ID, relation, share %)."""
    return {
        "policy_no": no,
        "product_code": product,
        "status": status,
        "holder": holder,
        "insured": insured or holder,
        "issue_date": issue,
        "delivered_on": delivered or issue + timedelta(days=6),
        "payment_frequency": frequency,
        "premium_fen": premium,
        "paid_to_date": paid_to or due,
        "next_due_date": due,
        "beneficiaries": beneficiaries,
        "payout": payout,
        **amounts,
    }


def demo_policies(today: date) -> list[dict[str, Any]]:
    t = today
    due_soon = t + timedelta(days=20)
    lapsed_recently = add_months(t, -15)
    lapsed_long_ago = add_years(t, -3)
    matured = t - timedelta(days=10)
    return [
        _policy("P2024000001", "WL01", "in_force", ZHANG_SAN, issue=add_years(due_soon, -2),
                premium=1_200_000, due=due_soon, cash_value_fen=8_640_000,
                sum_assured_fen=50_000_000, payout="6222021000123450",
                beneficiaries=(("张小明", ZHANG_XIAOMING, "child", 100),)),
        _policy("P2024000002", "AN01", "in_force", LI_SI, issue=add_months(t, -28),
                premium=2_000_000, due=add_months(t, 8), cash_value_fen=5_000_000,
                loan_balance_fen=1_000_000, sum_assured_fen=24_000_000,
                payout="6217001234567893",
                beneficiaries=(("陈建国", CHEN_JIANGUO, "spouse", 100),)),
        _policy("P2023000003", "CI01", "lapsed", "440306199002150035",
                issue=add_months(lapsed_recently, -26), premium=680_000,
                paid_to=add_months(lapsed_recently, -2), lapse_date=lapsed_recently,
                cash_value_fen=420_000, sum_assured_fen=30_000_000),
        _policy("P2021000004", "EN01", "lapsed", "320102196507080047",
                issue=add_months(lapsed_long_ago, -26), premium=500_000,
                paid_to=add_months(lapsed_long_ago, -2), lapse_date=lapsed_long_ago,
                maturity_date=add_months(lapsed_long_ago, 214),
                maturity_benefit_fen=10_000_000, cash_value_fen=860_000,
                sum_assured_fen=10_000_000),
        _policy("P2026000005", "CI01", "in_force", "510107199505200050",
                issue=t - timedelta(days=12), delivered=t - timedelta(days=5), premium=800_000,
                due=add_years(t - timedelta(days=12), 1), sum_assured_fen=50_000_000),
        # 周八: the ¥30,000.00 maturity is what the form proposes (README, "Try a day")
        _policy("P2016000006", "EN01", "matured", "110108194912310029",
                issue=add_years(matured, -10), premium=280_000, paid_to=matured,
                maturity_date=matured, maturity_benefit_fen=3_000_000,
                survival_benefit_fen=300_000, sum_assured_fen=3_000_000,
                payout="6216610009876544"),
        _policy("P2024000007", "WL01", "in_force", "330106198811230018",
                issue=add_months(t, -30), premium=960_000, due=add_months(t, 6),
                cash_value_fen=1_520_000, sum_assured_fen=40_000_000),
        _policy("P2025000008", "CI02", "in_force", ZHANG_SAN, ZHANG_XIAOMING,
                issue=add_months(t, -14), premium=360_000, due=add_months(t, 10),
                cash_value_fen=210_000, sum_assured_fen=30_000_000,
                beneficiaries=(("张三", ZHANG_SAN, "parent", 100),)),
        _policy("P2025000009", "CI01", "in_force", LI_SI, CHEN_JIANGUO,
                issue=add_months(t, -18), premium=720_000, due=add_months(t, 6),
                cash_value_fen=380_000, sum_assured_fen=40_000_000,
                beneficiaries=(("李四", LI_SI, "spouse", 100),)),
        _policy("P2022000010", "WL01", "in_force", ZHENG_SHI, issue=add_months(t, -50),
                premium=1_500_000, due=add_months(t, 10), cash_value_fen=4_800_000,
                sum_assured_fen=100_000_000, payout="6225881234567898",
                beneficiaries=(("林芳", BENEFICIARY_IDS[0], "spouse", 60),
                               ("郑子轩", BENEFICIARY_IDS[1], "child", 40))),
        _policy("P2025000011", "EN01", "in_force", "320583199204170022",
                issue=add_months(t, -13), frequency="monthly", premium=80_000,
                due=add_months(t, 1), maturity_date=add_months(t, 227),
                maturity_benefit_fen=15_000_000, cash_value_fen=560_000,
                sum_assured_fen=15_000_000),
        _policy("P2020000012", "AN01", "in_force", "310104195803050041",
                issue=add_years(t, -6), frequency="single", premium=20_000_000,
                cash_value_fen=18_500_000, survival_benefit_fen=1_200_000,
                sum_assured_fen=20_000_000, payout="6228480012345671"),
        _policy("P2019000013", "WL01", "surrendered", "330203197709180052",
                issue=add_months(t, -86), premium=600_000, paid_to=add_months(t, -14),
                sum_assured_fen=30_000_000),
        _policy("P2023000014", "AC01", "cancelled", "370202198906110067",
                issue=add_months(t, -40), premium=30_000, sum_assured_fen=50_000_000),
        _policy("P2025000015", "AC01", "terminated", "420106198501250074",
                issue=add_months(t, -13), premium=36_000, paid_to=add_months(t, -1),
                maturity_date=add_months(t, -1), sum_assured_fen=50_000_000),
        _policy("P2026000016", "CI01", "in_force", "310110199312080081",
                issue=add_months(t, -8), frequency="quarterly", premium=150_000,
                due=add_months(t, 1), cash_value_fen=60_000, sum_assured_fen=30_000_000),
    ]  # fmt: skip


def seed_policies(db: Database, today: date, branch_code: str = "SH01") -> None:
    """Add the demo customers, bank accounts and policies in one transaction."""
    with db.write() as s:
        people = {c.id_number: customer_row(c, today) for c in DEMO_CUSTOMERS}
        accounts = {a.card_no: account_row(a, people[a.id_number]) for a in DEMO_ACCOUNTS}
        s.add_all([*people.values(), *accounts.values()])
        for spec in demo_policies(today):
            zh, en = PRODUCTS[spec["product_code"]]
            holder, insured = people[spec.pop("holder")], people[spec.pop("insured")]
            payout = spec.pop("payout")
            beneficiaries = [
                Beneficiary(
                    customer=people.get(number) if number else None,
                    name=name,
                    id_number=number,
                    relation=relation,
                    share_pct=share,
                    priority=1,
                )
                for name, number, relation, share in spec.pop("beneficiaries")
            ]
            s.add(
                Policy(
                    **spec,
                    holder=holder,
                    insured=insured,
                    branch_code=branch_code,
                    product_name_zh=zh,
                    product_name_en=en,
                    payout_account=accounts[payout] if payout else None,
                    beneficiaries=beneficiaries,
                )
            )
