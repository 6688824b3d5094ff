"""Finding a business by code, Chinese, pinyin initials or English."""

from __future__ import annotations

from datetime import date

import pytest

from forms.loader import BUILTIN_PACKS, load_pack
from forms.search import TemplateIndex
from workstation.services.risk.vocabulary import RULE_NAMES


@pytest.fixture(scope="module")
def index() -> TemplateIndex:
    return TemplateIndex(load_pack(BUILTIN_PACKS, RULE_NAMES, date(2026, 11, 27)))


@pytest.mark.parametrize(
    ("query", "first"),
    [("3101", "退保"), ("tb", "退保"), ("退保", "退保"), ("Surrender", "退保"), ("TB", "退保")],
)
def test_the_best_match_comes_first(index, query, first):
    assert index.search(query)[0].name.zh == first


def test_an_empty_query_lists_everything_by_code(index):
    codes = [t.code for t in index.search("  ")]
    assert codes == sorted(codes) and len(codes) == len(index.templates)


def test_nothing_matches_nonsense(index):
    assert index.search("zzzz") == []
    assert index.search("0000") == []


@pytest.mark.parametrize("said", ["电话", "手机", "地址", "改地址"])
def test_what_a_customer_says_finds_the_contact_change(index, said):
    assert index.search(said)[0].name.zh == "联系方式变更"


def test_jiao_fei_either_way_finds_the_same_businesses(index):
    found = {t.code for t in index.search("交费")}
    assert found == {t.code for t in index.search("缴费")}
    assert {"1101", "2002"} <= found  # 续期缴费, 交费账户变更
