"""Resident ID numbers (GB 11643-1999), their masking and the card's expiry."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.refusals import refusal
from workstation.domain.errors import InvalidValue
from workstation.domain.identity import (
    LONG_TERM,
    PROVINCES,
    ResidentId,
    mask_resident_id,
    parse_id_expiry,
    parse_resident_id,
)

TODAY = date(2026, 11, 27)
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def with_check(first17: str) -> str:
    """The test's own ISO 7064 MOD 11-2: append the right check character."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        ("110105198001010016", date(1980, 1, 1), "M"),
        ("310115197512030022", date(1975, 12, 3), "F"),
        ("440306199002150035", date(1990, 2, 15), "M"),
        ("320102196507080047", date(1965, 7, 8), "F"),
        ("510107199505200050", date(1995, 5, 20), "M"),
        ("110108194912310029", date(1949, 12, 31), "F"),
        ("11010519800101018X", date(1980, 1, 1), "F"),
        ("44030619900215006X", date(1990, 2, 15), "F"),
        ("11010520000229003X", date(2000, 2, 29), "M"),
    ],
)
def test_valid_ids_give_birth_date_sex_and_region(number, birth, sex):
    assert with_check(number[:17]) == number
    assert parse_resident_id(number, TODAY) == ResidentId(number, number[:6], birth, sex)


@pytest.mark.parametrize("typed", ["11010519800101018x", " 11010519800101018X\t", "\u3000" * 2])
def test_whitespace_is_dropped_and_a_lowercase_x_is_read_as_x(typed):
    if typed.strip():
        assert parse_resident_id(typed, TODAY).number == "11010519800101018X"
    else:
        assert refusal(parse_resident_id, typed, TODAY).msg.params == {"length": 0}


@pytest.mark.parametrize(
    ("typed", "key", "params"),
    [
        ("110105800101001", "invalid.id.legacy15", {}),
        (" 110105800101001 ", "invalid.id.legacy15", {}),
        ("", "invalid.id.length", {"length": 0}),
        ("11010519800101001", "invalid.id.length", {"length": 17}),
        ("1101051980010100160", "invalid.id.length", {"length": 19}),
        ("11010580010100A", "invalid.id.length", {"length": 15}),
        ("11010519800101001Y", "invalid.id.chars", {}),
        ("X10105198001010016", "invalid.id.chars", {}),
        ("1101051980010100X6", "invalid.id.chars", {}),
        ("110105 19800101016", "invalid.id.chars", {}),
        ("１１０１０５１９８００１０１００１６", "invalid.id.chars", {}),
        (with_check("99010519800101001"), "invalid.id.region", {"region": "990105"}),
        (with_check("00123419800101001"), "invalid.id.region", {"region": "001234"}),
        (with_check("83010519800101001"), "invalid.id.region", {"region": "830105"}),
        (with_check("11010519800230001"), "invalid.id.birth_date", {"birth": "1980-02-30"}),
        (with_check("11010519801301001"), "invalid.id.birth_date", {"birth": "1980-13-01"}),
        (with_check("11010519810229001"), "invalid.id.birth_date", {"birth": "1981-02-29"}),
        (with_check("11010518991231001"), "invalid.id.birth_date", {"birth": "1899-12-31"}),
        (with_check("11010520261128001"), "invalid.id.future_birth", {"birth": "2026-11-28"}),
        ("110105198001010017", "invalid.id.checksum", {}),
        ("11010519800101001X", "invalid.id.checksum", {}),
        ("110105198001010180", "invalid.id.checksum", {}),
    ],
)
def test_invalid_ids_are_refused_with_the_reason(typed, key, params):
    refused = refusal(parse_resident_id, typed, TODAY)
    assert (refused.msg.key, dict(refused.msg.params)) == (key, params)


def test_a_birth_date_today_is_accepted_and_tomorrow_is_refused():
    number = with_check("110105" + TODAY.strftime("%Y%m%d") + "001")
    assert parse_resident_id(number, TODAY).birth_date == TODAY
    key = refusal(parse_resident_id, number, TODAY - timedelta(days=1)).msg.key
    assert key == "invalid.id.future_birth"


def test_region_is_checked_before_birth_date_and_birth_date_before_checksum():
    assert refusal(parse_resident_id, "990105198002300000", TODAY).msg.key == "invalid.id.region"
    key = refusal(parse_resident_id, "110105198002300000", TODAY).msg.key
    assert key == "invalid.id.birth_date"


def test_mask_shows_first_six_and_last_four():
    assert mask_resident_id("110105198001010016") == "110105********0016"
    assert mask_resident_id("11010519800101018X") == "110105********018X"


@pytest.mark.parametrize(
    "typed", [LONG_TERM, "长期有效", " 长期 ", "long-term", "Long Term", "LONGTERM", "long  term"]
)
def test_long_term_expiry_is_none(typed):
    assert parse_id_expiry(typed) is None


@pytest.mark.parametrize(
    ("typed", "expected"), [("2030-05-01", date(2030, 5, 1)), ("20300501", date(2030, 5, 1))]
)
def test_expiry_is_a_date(typed, expected):
    assert parse_id_expiry(typed) == expected


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "invalid.expiry.format"),
        ("永久", "invalid.expiry.format"),
        ("long", "invalid.expiry.format"),
        ("2030-5", "invalid.expiry.format"),
        ("2030-02-30", "invalid.date.not_exist"),
    ],
)
def test_an_expiry_that_is_neither_is_refused(typed, key):
    assert refusal(parse_id_expiry, typed).msg.key == key


@given(st.text())
def test_any_text_is_an_id_or_a_refusal(text):
    try:
        parsed = parse_resident_id(text, TODAY)
    except InvalidValue as refused:
        assert refused.msg.key.startswith("invalid.id.")
    else:
        assert len(parsed.number) == 18


@given(st.text())
def test_any_text_is_an_expiry_or_a_refusal(text):
    try:
        parse_id_expiry(text)
    except InvalidValue as refused:
        assert refused.msg.key in ("invalid.expiry.format", "invalid.date.not_exist")


@given(
    province=st.sampled_from(sorted(PROVINCES)),
    district=st.integers(0, 9999),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    sequence=st.integers(0, 999),
    lowercase=st.booleans(),
)
def test_generated_valid_ids_parse(province, district, birth, sequence, lowercase):
    number = with_check(f"{province}{district:04d}{birth:%Y%m%d}{sequence:03d}")
    typed = number.lower() if lowercase else number
    parsed = parse_resident_id(typed, TODAY)
    assert parsed.number == number
    assert parsed.region == number[:6]
    assert parsed.birth_date == birth
    assert parsed.sex == ("M" if sequence % 2 else "F")
