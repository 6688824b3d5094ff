"""Field checks: every type answers any input with a value or a bilingual message."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.fields import CHECKERS, check, normalise
from forms.schema import FieldSpec, Option, Text
from workstation.domain.i18n import Catalog

TODAY = date(2026, 11, 27)
ZH, EN = Catalog.load("zh"), Catalog.load("en")


def spec(type_: str, **extra) -> FieldSpec:
    if type_ == "choice":
        extra.setdefault("options", (Option(value="a", label=Text(zh="甲", en="A")),))
    return FieldSpec(
        key="f",
        type=type_,
        label=Text(zh="字段", en="Field"),
        help=Text(zh="说明", en="Help"),
        sample="x",
        **extra,
    )


SPECS = [spec(t) for t in CHECKERS]
SPECS += [
    spec("money", min=Decimal("1"), max=Decimal("100")),
    spec("date", not_future=True),
    spec("date", not_past=True),
    spec("text", max_length=5),
]


@pytest.mark.parametrize(
    ("type_", "raw", "text"),
    [
        ("cn_resident_id", " 44030419820309049x ", "44030419820309049X"),
        ("id_expiry", "长期", "长期"),
        ("id_expiry", "2030/5/1", "2030-05-01"),
        ("phone", "+86 138-0013-8000", "13800138000"),
        ("bank_card", "6222-0210-0012-3450", "6222 0210 0012 3450"),
        ("money", "¥12000", "12,000.00"),
        ("date", "20261120", "2026-11-20"),
        ("policy_no", "p2024000001", "P2024000001"),
        ("relation", "child", "child"),
        ("name", " 欧阳  娜娜 ", None),
    ],
)
def test_values_are_normalised(type_, raw, text):
    checked = check(spec(type_), raw, TODAY)
    if text is None:
        assert not checked.ok
    else:
        assert checked.ok, checked.problem
        assert checked.text == text


def test_blank_is_required_only_when_the_field_is():
    assert check(spec("text"), "  ", TODAY).problem.key == "invalid.required"
    assert check(spec("text", required=False), "", TODAY).ok


def test_money_limits_and_date_direction():
    limited = spec("money", min=Decimal("1"), max=Decimal("100"))
    assert check(limited, "0.50", TODAY).problem.key == "invalid.money.min"
    assert ZH(check(limited, "100.01", TODAY).problem) == "金额不能超过 ¥100.00"
    assert check(spec("date", not_future=True), "2026-11-28", TODAY).problem.key == (
        "invalid.date.future"
    )


@settings(max_examples=300, deadline=None)
@given(index=st.integers(0, len(SPECS) - 1), raw=st.text(max_size=40))
def test_no_input_crashes_a_check_and_every_refusal_is_bilingual(index, raw):
    checked = check(SPECS[index], raw, TODAY)
    if checked.ok:
        return
    key = checked.problem.key
    assert key in ZH.entries and key in EN.entries
    assert ZH(checked.problem) != EN(checked.problem)


def test_full_width_input_from_a_chinese_input_method_is_folded():
    assert check(spec("cn_resident_id"), "１１０１０５１９８００１０１００１６", TODAY).text == (
        "110105198001010016"
    )
    assert check(spec("money"), "１２，０００．５０", TODAY).text == "12,000.50"
    assert check(spec("policy_no"), "Ｐ２０２４０００００１", TODAY).text == "P2024000001"


@pytest.mark.parametrize(
    ("type_", "typed", "canonical"),
    [
        ("policy_no", " ｐ２０２４０００００１\u3000", "P2024000001"),
        ("cn_resident_id", "４４０３０４１９８２０３０９０４９ｘ ", "44030419820309049X"),
        ("bank_card", "６２２２－０２１０－００１２－３４５０", "6222 0210 0012 3450"),
        ("phone", "＋８６ １３８００１３８０００", "13800138000"),
        ("money", " ￥１２０００ ", "12,000.00"),
        ("choice", " ａ ", "a"),
        ("text", "\u3000招商银行 ", "招商银行"),
        ("name", " 阿卜杜．热合曼 ", "阿卜杜·热合曼"),  # the full-width stop, folded to "."
        ("policy_no", " Ｐ２０２４ ", "P2024"),  # refused: only folded, so it reads as typed
    ],
)
def test_each_value_has_one_canonical_text(type_, typed, canonical):
    assert normalise(spec(type_), typed, TODAY) == canonical


@settings(max_examples=300, deadline=None)
@given(index=st.integers(0, len(SPECS) - 1), raw=st.text(max_size=40))
def test_the_canonical_text_checks_to_the_same_value_and_stays_as_it_is(index, raw):
    field = SPECS[index]
    canonical = normalise(field, raw, TODAY)
    assert normalise(field, canonical, TODAY) == canonical
    typed, again = check(field, raw, TODAY), check(field, canonical, TODAY)
    assert (typed.ok, typed.value, typed.text) == (again.ok, again.value, again.text)
