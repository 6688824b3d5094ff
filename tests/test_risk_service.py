"""The risk service reads the day across every teller of the branch, and the watch list."""

from __future__ import annotations

import pytest

from tests.ledger_support import on_shift, submission
from workstation.services.risk.model import LARGE_CASH_REPORT, WatchList
from workstation.services.watchlist import WatchListError, load_watch_list

pytestmark = pytest.mark.db


def repayment_in_cash(station, amount: str):
    """李四 repays part of the loan on P2024000002 in cash (any payer may)."""
    return submission(
        station, "3202", policy_no="P2024000002", payment_method="cash", amount=amount
    )


def test_cash_of_one_customer_is_added_up_across_two_tellers(station, station2):
    t1 = on_shift(station, "T001")
    station.postings.post(repayment_in_cash(station, "3,000.00"), t1)
    t2 = on_shift(station2, "T002")
    _, below = station2.postings.review(repayment_in_cash(station2, "1,000.00"), t2)
    assert "aml_large_cash.report" not in {f.code for f in below.findings}
    # the same customer brings ¥47,000.00 to the other teller: ¥50,000.00 in the day
    _, above = station2.postings.review(repayment_in_cash(station2, "47,000.00"), t2)
    report = [f for f in above.findings if f.code == "aml_large_cash.report"]
    assert report and LARGE_CASH_REPORT in report[0].flags and report[0].level == 1


def test_the_teller_cash_on_hand_is_the_box_of_the_shift(station, station2):
    teller = on_shift(station, "T001")
    station.postings.post(repayment_in_cash(station, "3,000.00"), teller)
    context, _ = station.postings.review(repayment_in_cash(station, "10.00"), teller)
    assert str(context.activity.cash_on_hand) == "3000.00"
    other = on_shift(station2, "T002")
    context, _ = station2.postings.review(repayment_in_cash(station2, "10.00"), other)
    assert str(context.activity.cash_on_hand) == "0.00"


def test_the_same_business_twice_in_a_day_needs_approval(station):
    teller = on_shift(station, "T001")
    station.postings.post(repayment_in_cash(station, "100.00"), teller)
    _, again = station.postings.review(repayment_in_cash(station, "100.00"), teller)
    assert "duplicate_today.again" in {f.code for f in again.findings}
    assert again.level_needed == 1


def test_a_watch_list_hit_blocks(station, tmp_path):
    path = tmp_path / "watch.csv"
    path.write_text("id_number,name,reason\n310115197512030022,,test\n", encoding="utf-8")
    station.postings.risk.watch_list = load_watch_list(path)
    teller = on_shift(station, "T001")
    _, assessment = station.postings.review(repayment_in_cash(station, "100.00"), teller)
    assert assessment.blocked
    assert "watch_list.hit" in {f.code for f in assessment.findings}


def test_a_configured_watch_list_that_cannot_be_read_stops_the_start(tmp_path):
    with pytest.raises(WatchListError):
        load_watch_list(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("who,why\nx,y\n", encoding="utf-8")
    with pytest.raises(WatchListError):
        load_watch_list(bad)
    assert load_watch_list(None) == WatchList()
