"""Bank cards, mobile numbers, dates, names and policy numbers typed at the counter."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.refusals import refusal
from workstation.domain.bankcard import group_bank_card, mask_bank_card, parse_bank_card
from workstation.domain.dates import (
    add_months,
    add_years,
    check_not_future,
    check_not_past,
    parse_date,
)
from workstation.domain.errors import InvalidValue
from workstation.domain.names import parse_person_name, parse_policy_no
from workstation.domain.phone import parse_mobile

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("6222021000123450", "6222021000123450"),
        ("6222 0210 0012 3450", "6222021000123450"),
        (" 6217-0012-3456-7893 ", "6217001234567893"),
        ("4111111111111111", "4111111111111111"),
        ("6217001234567893126", "6217001234567893126"),
    ],
)
def test_valid_cards(typed, digits):
    assert parse_bank_card(typed) == digits


@pytest.mark.parametrize(
    ("typed", "key", "params"),
    [(typed, "invalid.card.luhn", {}) for typed in ("6222021000123451", "6217001234567894")]
    + [
        (typed, "invalid.card.length", {"length": length})
        for typed, length in (("622202100012345", 15), ("62170012345678931260", 20), ("", 0))
    ]
    + [
        (typed, "invalid.card.chars", {})
        for typed in ("6222O21000123450", "6222.0210.0012.3450", "６２２２０２１０００１２３４５０")
    ],
)
def test_invalid_cards(typed, key, params):
    refused = refusal(parse_bank_card, typed)
    assert (refused.msg.key, dict(refused.msg.params)) == (key, params)


def test_card_masking_and_grouping():
    assert mask_bank_card("6222021000123450") == "6222 **** **** 3450"
    assert mask_bank_card("6217001234567893126") == "6217 **** **** 3126"
    assert group_bank_card("6222021000123450") == "6222 0210 0012 3450"
    assert group_bank_card("6217001234567893126") == "6217 0012 3456 7893 126"


@pytest.mark.parametrize(
    "typed",
    ["13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "8613812345678"],
)
def test_valid_mobiles(typed):
    assert parse_mobile(typed) == "13812345678"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "1381234567",
        "138123456789",
        "12812345678",
        "10012345678",
        "23812345678",
        "+8613812345",
        "+85213812345678",
        "+86+8613812345678",
        "1381234567a",
        "１３８１２３４５６７８",
    ],
)
def test_invalid_mobiles(typed):
    assert refusal(parse_mobile, typed).msg.key == "invalid.phone.format"


@pytest.mark.parametrize(
    "typed", ["2026-11-27", "2026/11/27", "2026.11.27", "20261127", " 2026-11-27 "]
)
def test_date_forms(typed):
    assert parse_date(typed) == date(2026, 11, 27)


def test_short_month_and_day():
    assert parse_date("2026-1-5") == date(2026, 1, 5)


NOT_A_DATE = ("", "2026-11", "2026-11/27", "26-11-27", "2026-011-27", "2026年11月27日", "tomorrow")


@pytest.mark.parametrize(
    ("typed", "key", "params"),
    [
        (typed, "invalid.date.not_exist", {"text": text})
        for typed, text in (
            ("2026-02-30", "2026-02-30"),
            (" 2026-13-01 ", "2026-13-01"),
            ("20260230", "20260230"),
            ("0000-01-01", "0000-01-01"),
        )
    ]
    + [(typed, "invalid.date.format", {}) for typed in NOT_A_DATE],
)
def test_invalid_dates(typed, key, params):
    refused = refusal(parse_date, typed)
    assert (refused.msg.key, dict(refused.msg.params)) == (key, params)


def test_future_and_past():
    check_not_future(TODAY, TODAY)
    check_not_past(TODAY, TODAY)
    assert refusal(check_not_future, date(2026, 11, 28), TODAY).msg.key == "invalid.date.future"
    assert refusal(check_not_past, date(2026, 11, 26), TODAY).msg.key == "invalid.date.past"


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 11, 27), 2, date(2027, 1, 27)),
        (date(2026, 1, 15), -13, date(2024, 12, 15)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(start, months, end):
    assert add_months(start, months) == end


def test_add_years():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(date(2026, 11, 27), -20) == date(2006, 11, 27)
    with pytest.raises(ValueError):
        add_years(date(9999, 1, 1), 1)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("张三", "张三"),
        (" 欧阳 ", "欧阳"),
        ("阿卜杜·热合曼", "阿卜杜·热合曼"),
        ("阿卜杜•热合曼", "阿卜杜·热合曼"),
        ("阿卜杜．热合曼", "阿卜杜·热合曼"),
        ("阿卜杜・热合曼", "阿卜杜·热合曼"),
        ("John   Smith", "John Smith"),
        ("Mary Ann O·Neil", "Mary Ann O·Neil"),
        ("㐀丁", "㐀丁"),
        ("张" * 30, "张" * 30),
    ],
)
def test_valid_names(typed, name):
    assert parse_person_name(typed) == name


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "张",
        "张" * 31,
        "张三3",
        "张 三",
        "·张三",
        "张三·",
        "张··三",
        "John · Smith",
        "Jean-Pierre",
    ],
)
def test_invalid_names(typed):
    assert refusal(parse_person_name, typed).msg.key == "invalid.name"


@pytest.mark.parametrize(
    ("typed", "number"), [("P2024000001", "P2024000001"), (" p2024000001 ", "P2024000001")]
)
def test_valid_policy_numbers(typed, number):
    assert parse_policy_no(typed) == number


@pytest.mark.parametrize("typed", ["", "P202400000", "P20240000011", "Q2024000001", "2024000001"])
def test_invalid_policy_numbers(typed):
    assert refusal(parse_policy_no, typed).msg.key == "invalid.policy_no"


@pytest.mark.parametrize(
    "parse", [parse_bank_card, parse_mobile, parse_date, parse_person_name, parse_policy_no]
)
@given(text=st.text())
def test_any_text_is_a_value_or_a_refusal(parse, text):
    try:
        parse(text)
    except InvalidValue as refused:
        assert refused.msg.key.startswith("invalid.")


@given(st.lists(st.integers(0, 9), min_size=15, max_size=18))
def test_luhn_check_digit_makes_any_card_valid(digits):
    body = "".join(map(str, digits))
    valid = [body + str(d) for d in range(10) if _luhn(body + str(d))]
    assert len(valid) == 1
    assert parse_bank_card(valid[0]) == valid[0]


def _luhn(number: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(number)):
        n = int(char) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0
