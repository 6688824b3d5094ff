"""Money typed at the counter, shown, and stored as integer fen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.refusals import refusal
from workstation.domain.capitals import amount_in_words
from workstation.domain.errors import InvalidValue
from workstation.domain.i18n import Catalog
from workstation.domain.money import (
    check_range,
    format_money,
    format_yuan,
    from_fen,
    parse_money,
    to_fen,
)

D = Decimal


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("12000", D("12000")),
        ("12,000", D("12000")),
        ("12,000.00", D("12000")),
        ("12000.5", D("12000.50")),
        ("¥12,000.50", D("12000.50")),
        ("￥8000", D("8000")),
        (" 8,000.00 ", D("8000")),
        ("¥ 8,000", D("8000")),
        ("0", D("0")),
        ("0.05", D("0.05")),
        ("10.00", D("10")),
        ("007", D("7")),
        ("1,000,001.00", D("1000001")),
        ("20,300.45", D("20300.45")),
        ("9999999999999.99", D("9999999999999.99")),
    ],
)
def test_valid_amounts(typed, amount):
    parsed = parse_money(typed)
    assert parsed == amount
    assert parsed.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "invalid.money.format"),
        ("   ", "invalid.money.format"),
        ("abc", "invalid.money.format"),
        ("¥", "invalid.money.format"),
        ("1,00", "invalid.money.format"),
        ("1,0000", "invalid.money.format"),
        ("12,000,00", "invalid.money.format"),
        (",100", "invalid.money.format"),
        ("01,000", "invalid.money.format"),
        ("12.", "invalid.money.format"),
        (".5", "invalid.money.format"),
        ("1.2.3", "invalid.money.format"),
        ("12 000", "invalid.money.format"),
        ("1e3", "invalid.money.format"),
        ("NaN", "invalid.money.format"),
        ("１２０００", "invalid.money.format"),
        ("+5", "invalid.money.format"),
        ("1.005", "invalid.money.decimals"),
        ("12.000", "invalid.money.decimals"),
        ("-5", "invalid.money.negative"),
        ("-0.01", "invalid.money.negative"),
        ("-¥5", "invalid.money.negative"),
        ("¥-5", "invalid.money.negative"),
        ("10000000000000", "invalid.money.too_large"),
        ("10,000,000,000,000.00", "invalid.money.too_large"),
        ("9" * 5000, "invalid.money.too_large"),
    ],
)
def test_invalid_amounts_are_refused_with_the_reason(typed, key):
    assert refusal(parse_money, typed).msg.key == key


@pytest.mark.parametrize(
    ("amount", "shown", "with_sign"),
    [
        (D("12000"), "12,000.00", "¥12,000.00"),
        (D("0.05"), "0.05", "¥0.05"),
        (D("0"), "0.00", "¥0.00"),
        (D("-0.00"), "0.00", "¥0.00"),
        (D("999.5"), "999.50", "¥999.50"),
        (D("1000001"), "1,000,001.00", "¥1,000,001.00"),
        (D("20300.45"), "20,300.45", "¥20,300.45"),
        (D("-5"), "-5.00", "-¥5.00"),
        (D("1.005"), "1.01", "¥1.01"),
    ],
)
def test_format(amount, shown, with_sign):
    assert format_money(amount) == shown
    assert format_yuan(amount) == with_sign


@pytest.mark.parametrize(
    ("amount", "fen"),
    [(D("0"), 0), (D("0.05"), 5), (D("12000.50"), 1200050), (D("7"), 700), (D("-3.21"), -321)],
)
def test_fen_round_trip(amount, fen):
    assert to_fen(amount) == fen
    assert from_fen(fen) == amount
    assert from_fen(fen).as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("amount", "fen"), [(D("1E+3"), 100000), (D("1.2300"), 123), (D("0E-10"), 0), (D("-0"), 0)]
)
def test_to_fen_reads_any_exponent(amount, fen):
    assert to_fen(amount) == fen


@pytest.mark.parametrize(
    "amount",
    [D("0.001"), D("12000.505"), D("1" + "0" * 30 + ".001"), D("NaN"), D("Infinity")],
)
def test_to_fen_refuses_what_is_not_whole_fen(amount):
    with pytest.raises(ValueError):
        to_fen(amount)


@pytest.mark.parametrize(
    ("convert", "amount"), [(to_fen, 0.1), (from_fen, 1.0), (amount_in_words, 86400.0)]
)
def test_floats_are_never_money(convert, amount):
    with pytest.raises(TypeError):
        convert(amount)


def test_range():
    check_range(D("100"), D("100"), D("200"))
    check_range(D("200"), D("100"), D("200"))
    check_range(D("5"), None, None)
    low = refusal(check_range, D("99.99"), D("100"), None)
    assert (low.msg.key, dict(low.msg.params)) == ("invalid.money.min", {"min": "100.00"})
    high = refusal(check_range, D("50000.01"), None, D("50000"))
    assert (high.msg.key, dict(high.msg.params)) == ("invalid.money.max", {"max": "50,000.00"})
    assert Catalog.load("zh")(high.msg) == "金额不能超过 ¥50,000.00"


@given(st.text())
def test_any_text_is_an_amount_or_a_refusal(text):
    try:
        amount = parse_money(text)
    except InvalidValue as refused:
        assert refused.msg.key.startswith("invalid.money.")
    else:
        assert D(0) <= amount < D(10) ** 13


@given(st.text(alphabet="0123456789,.¥￥- ", max_size=25))
def test_amount_like_text_is_an_amount_or_a_refusal(text):
    try:
        parse_money(text)
    except InvalidValue as refused:
        assert refused.msg.key.startswith("invalid.money.")


amounts = st.decimals(min_value=0, max_value=D(10) ** 12 - D("0.01"), places=2)


@given(amounts)
def test_formatted_amounts_parse_back(amount):
    assert parse_money(format_money(amount)) == amount
    assert parse_money(format_yuan(amount)) == amount


@given(amounts)
def test_fen_round_trip_property(amount):
    assert from_fen(to_fen(amount)) == amount


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_fen_from_and_back(fen):
    assert to_fen(from_fen(fen)) == fen
