"""Amounts in Chinese financial capitals, as bank vouchers write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workstation.domain.capitals import DIGITS, MAX_AMOUNT, amount_in_words
from workstation.domain.money import from_fen, to_fen

D = Decimal
ALLOWED = set("人民币零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        # The brief's table.
        ("0.05", "人民币伍分"),
        ("0.50", "人民币伍角整"),
        ("10.00", "人民币壹拾元整"),
        ("12.30", "人民币壹拾贰元叁角整"),
        ("100000.10", "人民币壹拾万元零壹角整"),
        ("1000001.00", "人民币壹佰万零壹元整"),
        ("20300.45", "人民币贰万零叁佰元肆角伍分"),
        ("1234.50", "人民币壹仟贰佰叁拾肆元伍角整"),
        ("86400.00", "人民币捌万陆仟肆佰元整"),
        ("100000000.00", "人民币壹亿元整"),
        ("1000010000.00", "人民币壹拾亿零壹万元整"),
        ("105000.00", "人民币壹拾万零伍仟元整"),
        ("3000500.07", "人民币叁佰万零伍佰元零柒分"),
        ("0.00", "人民币零元整"),
        # Our own tricky cases.
        ("0.01", "人民币壹分"),
        ("0.10", "人民币壹角整"),
        ("0.11", "人民币壹角壹分"),
        ("1.00", "人民币壹元整"),
        ("1.01", "人民币壹元零壹分"),
        ("15.05", "人民币壹拾伍元零伍分"),
        ("10.10", "人民币壹拾元壹角整"),
        ("110.00", "人民币壹佰壹拾元整"),
        ("1001.00", "人民币壹仟零壹元整"),
        ("1010.00", "人民币壹仟零壹拾元整"),
        ("10001.00", "人民币壹万零壹元整"),
        ("10010.00", "人民币壹万零壹拾元整"),
        ("100010.00", "人民币壹拾万零壹拾元整"),
        ("10000.50", "人民币壹万元零伍角整"),
        ("1000000.00", "人民币壹佰万元整"),
        ("200000000.20", "人民币贰亿元零贰角整"),
        ("100000001.00", "人民币壹亿零壹元整"),
        ("10000000000.00", "人民币壹佰亿元整"),
        # 《支付结算办法》's own examples (the forms this module chose).
        ("1680.32", "人民币壹仟陆佰捌拾元叁角贰分"),
        ("107000.53", "人民币壹拾万零柒仟元伍角叁分"),
        # 万亿 and the 亿 group below it.
        ("1000000000000.00", "人民币壹万亿元整"),
        ("1000000000001.00", "人民币壹万亿零壹元整"),
        ("1000100000000.00", "人民币壹万零壹亿元整"),
        ("1234500000000.00", "人民币壹万贰仟叁佰肆拾伍亿元整"),
        (
            "9999999999999.99",
            "人民币玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
        ),
        # Fewer or padded decimals are the same amount.
        ("5", "人民币伍元整"),
        ("0.050", "人民币伍分"),
    ],
)
def test_amount_in_words(amount, words):
    assert amount_in_words(D(amount)) == words


@pytest.mark.parametrize(
    "amount", ["-0.01", "-86400", "1.005", "0.001", "10000000000000.00", "NaN", "Infinity"]
)
def test_refuses_negative_fractional_fen_too_large_and_not_a_number(amount):
    with pytest.raises(ValueError):
        amount_in_words(D(amount))


def parse_words(text: str) -> Decimal:
    """Read capitals back into an amount: the test's independent inverse."""
    assert text.startswith("人民币")
    body = text.removeprefix("人民币").removesuffix("整").replace("零", "")
    yuan_part, _, cents_part = body.rpartition("元") if "元" in body else ("", "", body)
    fen = 0
    for digit, unit in zip(cents_part[::2], cents_part[1::2], strict=True):
        fen += DIGITS.index(digit) * {"角": 10, "分": 1}[unit]
    return from_fen(_whole(yuan_part) * 100 + fen)


def _whole(text: str) -> int:
    if "亿" in text:
        high, _, low = text.rpartition("亿")
        return _whole(high) * 10**8 + _whole(low)
    if "万" in text:
        high, _, low = text.rpartition("万")
        return _below_10000(high) * 10**4 + _below_10000(low)
    return _below_10000(text)


def _below_10000(text: str) -> int:
    value, digit = 0, None
    for char in text:
        if char in DIGITS:
            assert digit is None, f"two digits in a row in {text}"
            digit = DIGITS.index(char)
        else:
            assert digit is not None, f"a unit without a digit in {text}"
            value += digit * {"拾": 10, "佰": 100, "仟": 1000}[char]
            digit = None
    return value + (digit or 0)


amounts = st.one_of(
    st.integers(min_value=0, max_value=to_fen(MAX_AMOUNT)),
    # Many zeros: the hard part.
    st.lists(st.sampled_from([0, 0, 0, 1, 5, 9]), min_size=1, max_size=15).map(
        lambda ds: int("".join(map(str, ds)))
    ),
).map(from_fen)


@given(amounts)
def test_capitals_are_well_formed_and_read_back(amount):
    words = amount_in_words(amount)
    assert set(words) <= ALLOWED
    assert "零零" not in words
    assert not words.endswith("零")
    assert "零元" not in words or amount == 0
    assert words.endswith("整") == (to_fen(amount) % 10 == 0)
    assert parse_words(words) == amount


def test_the_parser_reads_the_examples():
    assert parse_words("人民币贰万零叁佰元肆角伍分") == D("20300.45")
    assert parse_words("人民币壹万贰仟叁佰肆拾伍亿元整") == D("1234500000000.00")
