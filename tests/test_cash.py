"""Counting a cash box by denomination, giving change, making change from the box."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.ledger_support import in_both_languages
from workstation.domain.cash import (
    DENOMINATIONS,
    Count,
    Tender,
    below_jiao,
    change_due,
    make_change,
    takes_tender,
)
from workstation.domain.errors import InvalidValue
from workstation.domain.flows import Direction, Method

counts = st.dictionaries(st.sampled_from(DENOMINATIONS), st.integers(0, 10_000)).map(Count)
small_boxes = st.dictionaries(st.sampled_from(DENOMINATIONS), st.integers(0, 3)).map(Count)
large_notes = st.dictionaries(st.sampled_from((10000, 5000, 2000)), st.integers(0, 4)).map(Count)


def test_a_count_totals_to_the_fen():
    count = Count.of(y100=3, y50=1, y20=1, y5=1, y1=2, y0_5=1, y0_1=3)
    assert count.total_fen == 37_780
    assert count.total == D("377.80")
    assert Count().total == D("0.00")


def test_counts_add_and_subtract_by_denomination():
    box = Count.of(y100=10, y1=5)
    box = box + Count.of(y100=2, y0_5=4)
    assert box == Count.of(y100=12, y1=5, y0_5=4)
    assert box - Count.of(y100=12, y0_5=1) == Count.of(y1=5, y0_5=3)


def test_taking_notes_the_box_does_not_hold_is_refused_naming_them():
    box = Count.of(y100=2, y50=1)
    with pytest.raises(InvalidValue) as refused:
        box - Count.of(y100=3, y20=1)
    assert refused.value.msg.key == "invalid.cash.not_enough"
    assert refused.value.msg.params["labels"] == "100、20"
    assert in_both_languages(refused.value.msg)


def test_a_typed_count_sheet_is_read_blank_as_zero():
    count = Count.parse({10000: " 3 ", 5000: "", 10: "7"})
    assert count == Count.of(y100=3, y0_1=7)
    assert count.total == D("300.70")


@pytest.mark.parametrize("typed", ["3a", "-1", "2.5", "三", "1 2"])
def test_a_count_that_is_not_a_whole_number_is_refused_in_both_languages(typed):
    with pytest.raises(InvalidValue) as refused:
        Count.parse({10000: "1", 2000: typed})
    assert refused.value.msg.key == "invalid.cash.count"
    assert refused.value.msg.params["label"] == "20"
    assert in_both_languages(refused.value.msg)


@pytest.mark.parametrize("typed", ["①", "²"])
def test_digit_like_characters_from_an_input_method_are_refused_not_a_crash(typed):
    """``str.isdigit`` accepts ① and ², which ``int`` cannot read."""
    with pytest.raises(InvalidValue) as refused:
        Count.parse({100: typed})
    assert refused.value.msg.key == "invalid.cash.count"


def test_an_unknown_denomination_or_a_negative_count_is_refused():
    with pytest.raises(InvalidValue) as unknown:
        Count({200: 1})
    assert unknown.value.msg.key == "invalid.cash.denomination"
    with pytest.raises(InvalidValue) as negative:
        Count({100: -1})
    assert negative.value.msg.key == "invalid.cash.count"


def test_change_is_what_was_received_less_what_is_due():
    assert change_due(D("12000"), D("12000.00")) == D("0.00")
    assert change_due(D("12050"), D("12000")) == D("50.00")
    assert change_due(D("100"), D("87.3")) == D("12.70")


def test_receiving_less_than_due_is_refused():
    with pytest.raises(InvalidValue) as refused:
        change_due(D("11999.90"), D("12000"))
    assert refused.value.msg.key == "invalid.cash.received_short"
    assert refused.value.msg.params["due"] == "12000.00"
    assert in_both_languages(refused.value.msg)


def test_change_is_made_with_the_fewest_notes_and_coins():
    assert make_change(D("188.80")) == Count.of(
        y100=1, y50=1, y20=1, y10=1, y5=1, y1=3, y0_5=1, y0_1=3
    )
    assert make_change(D("0.30")) == Count.of(y0_1=3)
    assert make_change(D("0")) == Count()


def test_change_from_a_box_uses_smaller_pieces_when_the_large_run_out():
    box = Count.of(y100=1, y50=10, y1=20)
    assert make_change(D("303"), box) == Count.of(y100=1, y50=4, y1=3)


def test_change_the_box_cannot_make_is_refused():
    with pytest.raises(InvalidValue) as refused:
        make_change(D("0.30"), Count.of(y100=5))
    assert refused.value.msg.key == "invalid.cash.cannot_make"
    assert in_both_languages(refused.value.msg)


def test_cash_below_the_jiao_cannot_be_counted_out():
    with pytest.raises(InvalidValue) as refused:
        make_change(D("0.05"))
    assert refused.value.msg.key == "invalid.cash.below_jiao"


def test_sixty_yuan_is_made_from_three_twenties_when_a_fifty_would_leave_ten_short():
    """One ¥50 and three ¥20 in the box: ¥50 first leaves ¥10 that no piece makes."""
    assert make_change(D("60"), Count.of(y50=1, y20=3)) == Count.of(y20=3)


@given(st.integers(0, 10**9))
def test_make_change_always_totals_the_amount(jiao):
    amount = D(jiao) / 10
    assert make_change(amount).total == amount.quantize(D("0.01"))


@given(st.data())
def test_change_a_box_holds_is_always_made_from_it(data):
    box = data.draw(st.one_of(large_notes, small_boxes), label="box")
    taken = {v: data.draw(st.integers(0, n), label=f"of {v}") for v, n in box.pieces.items()}
    amount = Count(taken).total
    change = make_change(amount, box)
    assert change.total == amount
    assert all(change.get(v) <= box.get(v) for v in DENOMINATIONS)


@given(counts, counts)
def test_adding_then_taking_back_a_count_leaves_the_box_as_it_was(box, other):
    assert (box + other) - other == box
    assert (box + other).total_fen == box.total_fen + other.total_fen


def test_cash_below_the_jiao_is_a_value_rule():
    assert not below_jiao(D("12000.00")) and not below_jiao(D("0.10")) and not below_jiao(D("5"))
    assert below_jiao(D("12000.05")) and below_jiao(D("0.01"))


def test_only_cash_coming_in_is_tendered():
    assert takes_tender(Direction.IN, Method.CASH, D("100"))
    assert not takes_tender(Direction.OUT, Method.CASH, D("100"))  # a payout is counted out
    assert not takes_tender(Direction.IN, Method.BANK_CARD, D("100"))
    assert not takes_tender(Direction.IN, Method.CASH, None)
    assert not takes_tender(Direction.NONE, None, None)


def test_a_tender_records_what_was_received_and_the_change():
    assert Tender.of(D("200"), D("188.80")) == Tender(D("200"), D("11.20"))
    with pytest.raises(InvalidValue) as short:
        Tender.of(D("100"), D("188.80"))
    assert short.value.msg.key == "invalid.cash.received_short"


def test_a_tenfold_move_of_a_counted_denomination_is_a_jump():
    before = Count.of(y100=5, y50=10, y20=4, y1=3)
    after = Count.of(y100=5001, y50=1, y20=40, y10=300)
    # 5 → 5001 and 3 → 0 jump; exactly tenfold either way (10 → 1, 4 → 40) does not;
    # a denomination not counted before (¥10) is no jump
    assert before.jumps(after) == [10000, 100]
    assert before.jumps(before) == [] and Count().jumps(after) == []
