"""Across the day: look-ups and risk checks read the directory plus today's unreversed postings."""

from __future__ import annotations

import json
import threading
from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from tests.ledger_support import (
    contact_change,
    on_shift,
    post_approved,
    reverse_approved,
    submission,
    surrender,
)
from workstation.db.ledger import Posting
from workstation.domain.i18n import Catalog
from workstation.services.overrides import Ask
from workstation.services.posting import PostingRefused
from workstation.services.prefill import prefill_values

pytestmark = pytest.mark.db
ZH, EN = Catalog.load("zh"), Catalog.load("en")
TODAY = date(2026, 11, 27)
ZHANG_SAN = {
    "policy_no": "P2024000001",
    "applicant_name": "张三",
    "applicant_id": "110105198001010016",
    "applicant_id_expiry": "长期",
    "applicant_phone": "13800138000",
    "payee_name": "张三",
    "payee_card": "6222021000123450",
    "payee_bank": "中国工商银行上海浦东支行",
}


def loan(station, amount: str):
    """李四 borrows on P2024000002 (cash value ¥50,000.00, loan ¥10,000.00: room ¥30,000.00)."""
    return submission(station, "3201", amount=amount)


def blocks(station, sub, who) -> dict[str, tuple[str, str]]:
    """The review's blocking findings: code → (Chinese, English) message."""
    _, assessment = station.postings.review(sub, who)
    return {f.code: (ZH(f.message), EN(f.message)) for f in assessment.blocks}


def refused_codes(station, sub, who) -> str:
    with pytest.raises(PostingRefused) as refused:
        post_approved(station, sub, who)
    assert refused.value.msg.key == "posting.blocked"
    return refused.value.msg.params["codes"]


def test_three_loans_in_a_day_are_judged_on_the_room_left(station):
    teller = on_shift(station)
    first = post_approved(station, loan(station, "30,000.00"), teller)
    second = blocks(station, loan(station, "30,000.00"), teller)
    zh, en = second["loan_limit.exceeded_today"]
    assert "¥0.00" in zh and "¥30,000.00" in zh and first.serial in zh
    assert "¥0.00" in en and first.serial in en
    assert "loan_limit.exceeded_today" in refused_codes(station, loan(station, "30,000.00"), teller)
    assert "loan_limit" in refused_codes(station, loan(station, "1,000.00"), teller)
    now = station.directory.policy("P2024000002")
    assert now.loan_balance == D("40000.00") and now.max_loan() == D("0.00")
    assert [d.serial for d in now.done_today] == [first.serial]


def test_a_loan_sees_the_room_left_after_earlier_loans(station):
    teller = on_shift(station)
    post_approved(station, loan(station, "20,000.00"), teller)
    now = station.directory.policy("P2024000002")
    assert now.max_loan() == D("10000.00")
    assert prefill_values(now, TODAY)["policy.max_loan"] == "10,000.00"
    assert blocks(station, loan(station, "10,000.00"), teller) == {}
    post_approved(station, loan(station, "10,000.00"), teller)
    assert "loan_limit" in refused_codes(station, loan(station, "1,000.00"), teller)


def test_a_surrendered_policy_reads_surrendered_and_is_not_surrendered_again(station):
    teller = on_shift(station)
    first = post_approved(station, surrender(station), teller)
    now = station.directory.policy("P2024000001")
    assert now.status == "surrendered"
    assert [(d.serial, d.effect.kind) for d in now.done_today] == [(first.serial, "terminate")]
    zh, en = blocks(station, surrender(station), teller)["policy_status.changed_today"]
    assert "已退保" in zh and first.serial in zh and first.serial in en
    assert "policy_status" in refused_codes(station, surrender(station), teller)
    # and what ended the policy ends every other business on it
    renewal = submission(station, "1101", policy_no="P2024000001")
    assert "policy_status.changed_today" in blocks(station, renewal, teller)


def test_a_reversal_restores_the_room_and_the_policy(station):
    teller = on_shift(station)
    lent = post_approved(station, loan(station, "30,000.00"), teller)
    assert station.directory.policy("P2024000002").max_loan() == D("0.00")
    reverse_approved(station, teller, lent.serial)
    now = station.directory.policy("P2024000002")
    assert now.loan_balance == D("10000.00") and now.max_loan() == D("30000.00")
    assert now.done_today == ()
    post_approved(station, loan(station, "30,000.00"), teller)
    surrendered = post_approved(station, surrender(station), teller)
    assert station.directory.policy("P2024000001").status == "surrendered"
    reverse_approved(station, teller, surrendered.serial)
    assert station.directory.policy("P2024000001").status == "in_force"
    again = post_approved(station, surrender(station), teller)
    assert station.directory.policy("P2024000001").done_today[0].serial == again.serial


def test_a_benefit_is_paid_once_per_due_date(station):
    teller = on_shift(station)
    survival = {"benefit_type": "survival", "amount": "3,000.00"}
    paid = post_approved(station, submission(station, "3301", **survival), teller)
    zh, en = blocks(station, submission(station, "3301", **survival), teller)[
        "benefit_due.paid_today"
    ]
    assert paid.serial in zh and "生存保险金" in zh and paid.serial in en
    assert "benefit_due" in refused_codes(station, submission(station, "3301", **survival), teller)
    # the maturity benefit of the same policy is another benefit, still owed in full
    maturity = submission(station, "3301", benefit_type="maturity", amount="30,000.00")
    assert blocks(station, maturity, teller) == {}


def test_a_renewal_moves_the_paid_to_date_and_the_same_period_is_not_paid_twice(station):
    teller = on_shift(station)
    before = station.directory.policy("P2024000001")
    renewal = {"policy_no": "P2024000001", "amount": "12,000.00"}
    paid = post_approved(station, submission(station, "1101", **renewal), teller)
    now = station.directory.policy("P2024000001")
    assert now.paid_to_date == before.paid_to_date.replace(year=before.paid_to_date.year + 1)
    assert now.premium_due == D("0.00")
    zh, _ = blocks(station, submission(station, "1101", **renewal), teller)[
        "renewal_amount_due.paid_today"
    ]
    assert paid.serial in zh and now.paid_to_date.isoformat() in zh


def test_contact_and_beneficiary_changes_show_on_the_next_look_up(station):
    teller = on_shift(station)
    station.postings.post(contact_change(station, new_address="上海市浦东新区张杨路1888号"), teller)
    now = station.directory.policy("P2024000001")
    assert now.holder.phone == "13917654321"
    assert now.holder.address == "上海市浦东新区张杨路1888号"
    assert prefill_values(now, TODAY)["holder.phone"] == "13917654321"
    station.postings.post(submission(station, "2003"), teller)  # 陈思远 for the whole share
    changed = station.directory.policy("P2025000009")
    assert [(b.name, b.share_pct) for b in changed.beneficiaries] == [("陈思远", 100)]


def test_the_effect_is_recorded_on_the_posting_as_data(station):
    teller = on_shift(station)
    lent = post_approved(station, loan(station, "5,000.00"), teller)
    with station.db.read() as s:
        stored = s.scalar(select(Posting.effect).where(Posting.serial == lent.serial))
    assert json.loads(stored) == {"kind": "loan", "amount": "5000.00"}


def test_a_surrender_above_the_policys_value_is_blocked_naming_the_value(station):
    teller = on_shift(station)
    too_much = surrender(station, amount="150,000.00")
    zh, en = blocks(station, too_much, teller)["surrender_value.mismatch"]
    assert "¥150,000.00" in zh and "¥86,400.00" in zh and "¥86,400.00" in en
    assert "surrender_value.mismatch" in refused_codes(station, too_much, teller)
    # after a loan today the surrender pays the cash value less that loan
    post_approved(station, submission(station, "3201", amount="10,000.00", **ZHANG_SAN), teller)
    zh, _ = blocks(station, surrender(station), teller)["surrender_value.mismatch"]
    assert "¥76,400.00" in zh and "¥10,000.00" in zh
    assert blocks(station, surrender(station, amount="76,400.00"), teller) == {}


def test_a_free_look_refund_above_the_premium_paid_is_blocked(station):
    teller = on_shift(station)
    too_much = submission(station, "3102", amount="80,000.00")
    zh, en = blocks(station, too_much, teller)["free_look_refund.mismatch_fee"]
    assert "¥80,000.00" in zh and "¥8,000.00" in zh and "¥8,000.00" in en
    assert "free_look_refund" in refused_codes(station, too_much, teller)
    for amount in ("8,000.00", "7,990.00"):  # less a fee of at most ¥10
        assert blocks(station, submission(station, "3102", amount=amount), teller) == {}
    assert "free_look_refund.mismatch_fee" in blocks(
        station, submission(station, "3102", amount="7,989.99"), teller
    )


def test_two_counters_surrendering_one_policy_at_once_post_it_once(station, station2):
    tellers = {id(station): on_shift(station, "T001"), id(station2): on_shift(station2, "T002")}
    ready, outcomes = threading.Barrier(2), []

    def counter(st) -> None:
        sub = surrender(st)
        _, assessment = st.postings.review(sub, tellers[id(st)])
        ask = Ask("posting", sub.idempotency_key, sub.digest(st.clock.now().date()), 1, {})
        st.overrides.approve_local(tellers[id(st)], ask, "S001", "demo1234", "customer_confirmed")
        seen = frozenset(f.code for f in assessment.warnings)
        ready.wait()
        try:
            outcomes.append(st.postings.post(sub, tellers[id(st)], seen).serial)
        except PostingRefused as refused:
            outcomes.append(str(refused.msg.params.get("codes", refused.msg.key)))

    threads = [threading.Thread(target=counter, args=(st,)) for st in (station, station2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    serials = [o for o in outcomes if o.startswith("SH01-")]
    assert len(serials) == 1, outcomes
    assert any("policy_status.changed_today" in o for o in outcomes), outcomes
