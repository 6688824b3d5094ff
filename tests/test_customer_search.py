"""Customer search (客户查询): one text box read as a resident ID, mobile, card, policy or name."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from workstation.db.engine import Database
from workstation.db.models import Customer
from workstation.domain.i18n import Catalog
from workstation.services.customers import CustomerResults, CustomerSearch, Kind

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo(databases) -> Iterator[Database]:
    """One copy of the demo branch for the module: searching only reads."""
    url = databases.copy()
    db = Database(url)
    yield db
    db.dispose()
    databases.drop(url)


def _found(db: Database, text: str, limit: int = 20) -> CustomerResults:
    return CustomerSearch(db, limit).search(text, TODAY)


def _names(results: CustomerResults) -> list[str]:
    return [c.name for c in results.customers]


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("110105198001010016", Kind.RESIDENT_ID),
        (" 138 0013 8000 ", Kind.PHONE),
        ("+8613800138000", Kind.PHONE),
        ("6222 0210 0012 3450", Kind.CARD),
        ("p2024000001", Kind.POLICY_NO),
        ("张三", Kind.NAME),
    ],
)
def test_each_kind_of_input_finds_zhang_san_with_his_policies_masked(demo, typed, kind):
    results = _found(demo, typed)
    assert results.kind == kind and results.problem is None
    zhang = results.customers[0]
    assert (zhang.name, zhang.id_masked, zhang.phone_masked) == (
        "张三",
        "110105********0016",
        "138****8000",
    ), "masked as every screen masks them"
    policies = {p.policy_no: (p.status, p.roles) for p in zhang.policies}
    assert policies == {
        "P2024000001": ("in_force", ("policyholder", "insured")),
        "P2025000008": ("in_force", ("policyholder",)),
    }


def test_a_policy_number_finds_its_holder_and_its_insured(demo):
    results = _found(demo, "P2025000008")
    assert _names(results) == ["张三", "张小明"]
    xiaoming = results.customers[1]
    assert xiaoming.phone_masked is None
    assert [(p.policy_no, p.roles, p.holder_name) for p in xiaoming.policies] == [
        ("P2025000008", ("insured",), "张三")
    ]


def test_a_name_matches_exactly_first_then_by_its_beginning_and_says_when_there_are_more(db_url):
    db = Database(db_url)
    assert _names(_found(db, "张小")) == ["张小明"]
    with db.write() as s:  # 张三丰 begins like 张三 but is listed after him
        s.add(
            Customer(
                name="张三丰", id_number="110105198001010032", sex="M", birth_date=date(1980, 1, 1)
            )
        )
    results = _found(db, "张三", limit=1)
    assert _names(results) == ["张三"] and results.more
    assert _names(_found(db, "张三")) == ["张三", "张三丰"]
    db.dispose()


def test_lapsed_and_ended_policies_come_after_those_in_force(demo):
    statuses = [p.status for c in _found(demo, "P2025000009").customers for p in c.policies]
    assert statuses == sorted(statuses, key=lambda s: s != "in_force")


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "customer_search.empty"),
        ("张", "customer_search.too_short"),
        ("1380013", "customer_search.unrecognised"),
        ("110105198001010017", "invalid.id.checksum"),
        ("6222021000123451", "invalid.card.luhn"),
        ("王小二", "customer_search.nobody"),
        ("13900000000", "customer_search.nobody"),
        ("P2099000001", "customer_search.nobody"),
    ],
)
def test_bad_input_and_nobody_found_say_why_in_both_languages(demo, typed, problem):
    results = _found(demo, typed)
    assert results.customers == () and results.problem is not None
    assert results.problem.key == problem
    for lang in ("zh", "en"):
        assert Catalog.load(lang)(results.problem)
