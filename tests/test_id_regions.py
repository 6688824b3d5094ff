"""Resident ID region codes against the GB/T 2260 table: a county that does not exist is a
warning the teller acknowledges, never silence; a real one says nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from forms.fields import check
from tests.ledger_support import on_shift, post_approved, renewal_in_cash
from tests.risk_support import PEOPLE, TODAY, codes, run, template, templates
from workstation.domain.i18n import Catalog
from workstation.domain.identity import check_digit
from workstation.domain.regions import read_table, region_listed
from workstation.services.demo_customers import DEMO_CUSTOMERS
from workstation.services.posting import PostingRefused
from workstation.services.risk.model import Severity

ZH, EN = Catalog.load("zh"), Catalog.load("en")


def with_check(first17: str) -> str:
    return first17 + check_digit(first17)


NO_SUCH_COUNTY = "110199198001010016"
"""北京市 (11) exists; county 0199 does not. Length, birth date and check digit are right."""
ANOTHER = with_check("31019919750101002")
"""上海市, county 0199: no such county either."""


@pytest.mark.parametrize("code", ["110105", "310115", "440306", "110103", "110000"])
def test_listed_region_codes(code):
    """Counties today, and 110103 (崇文区, merged in 2010): old cards carry withdrawn codes."""
    assert region_listed(code)


@pytest.mark.parametrize("code", ["110199", "310199", "990105", "11010", "１１０１０５", "abcdef"])
def test_unlisted_region_codes(code):
    assert not region_listed(code)


def test_the_table_reads_as_python_stdnum_itself_reads_it():
    """Our quick reader against stdnum's own (slow to import): every province, sampled."""
    import random

    from stdnum import numdb

    from workstation.domain.regions import _codes

    theirs = numdb.get("cn/loc")

    def listed(code: str) -> bool:
        parts = theirs.info(code)
        whole = "".join(part for part, _ in parts) == code
        return whole and any("county" in props for _, props in parts)

    ours = _codes()
    assert len(ours) > 3000
    rng = random.Random(2260)
    sample = rng.sample(sorted(ours), 300) + [
        f"{rng.randrange(10, 100)}{rng.randrange(10000):04d}" for _ in range(3000)
    ]
    assert [c for c in sample if listed(c) != region_listed(c)] == []


def test_a_table_line_may_hold_ranges_and_lists():
    lines = ["# comment", '11 province="x"', '  0101-0103,0105 county="y"', '  0199 note="z"']
    assert read_table(lines) == {"110101", "110102", "110103", "110105"}


def test_every_id_in_the_demo_data_the_samples_and_the_tests_is_in_a_real_county():
    """Apart from the tests' own county that does not exist."""
    numbers = {c.id_number for c in DEMO_CUSTOMERS} | {p.id_number for p in PEOPLE.values()}
    numbers |= {
        spec.sample.upper()
        for t in templates().values()
        for spec in t.fields
        if spec.type == "cn_resident_id"
    }
    for path in Path(__file__).parent.glob("*.py"):
        numbers |= set(re.findall(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9])", path.read_text()))
    # 99… are the tests' own refused provinces
    valid = {n for n in numbers if check_digit(n[:17]) == n[17] and n[:2] != "99"}
    assert len(valid) > 20
    assert sorted(n for n in valid if not region_listed(n[:6])) == [NO_SUCH_COUNTY]


def test_the_field_still_accepts_a_well_formed_id_from_an_unlisted_county():
    checked = check(template("1101").field("applicant_id"), NO_SUCH_COUNTY, TODAY)
    assert checked.ok and checked.text == NO_SUCH_COUNTY


def test_an_unlisted_county_is_a_warning_naming_the_code_in_both_languages():
    found = run("1101", "id_valid", applicant_id=NO_SUCH_COUNTY)
    assert codes(found) == ["id_valid.unknown_region"]
    assert found[0].severity == Severity.WARN
    zh, en = ZH(found[0].message), EN(found[0].message)
    assert "110199" in zh and "缴费人身份证号" in zh and "GB/T 2260" in zh
    assert "110199" in en and "Payer's resident ID" in en and "GB/T 2260" in en


def test_two_unlisted_counties_make_one_warning_naming_each():
    found = run("1001", "id_valid", by_agent=True, applicant_id=NO_SUCH_COUNTY, agent_id=ANOTHER)
    assert codes(found) == ["id_valid.unknown_region"]
    assert "110199、310199" in ZH(found[0].message)
    assert "110199, 310199" in EN(found[0].message)


def test_a_real_county_gives_no_region_finding():
    assert run("1101", "id_valid") == []
    assert run("1001", "id_valid", by_agent=True) == []
    assert run("1101", "id_valid", applicant_id=with_check("31010419830523001")) == []  # 徐汇区


def test_a_bad_id_and_an_unlisted_county_are_both_reported():
    found = run(
        "1001",
        "id_valid",
        by_agent=True,
        applicant_id=NO_SUCH_COUNTY,
        values={"agent_id": "110105201006120017"},
    )
    assert codes(found) == ["id_valid.invalid", "id_valid.unknown_region"]


@pytest.mark.db
def test_a_posting_waits_for_the_teller_to_acknowledge_the_unlisted_county(station):
    teller = on_shift(station)
    sub = renewal_in_cash(station, applicant_id=NO_SUCH_COUNTY)
    _context, assessment = station.postings.review(sub, teller)
    assert "id_valid.unknown_region" in [f.code for f in assessment.warnings]
    assert not assessment.blocked
    with pytest.raises(PostingRefused) as refused:
        station.postings.post(sub, teller)
    assert refused.value.msg.key == "posting.unacknowledged"
    assert "id_valid.unknown_region" in refused.value.msg.params["codes"]
    assert post_approved(station, sub, teller).serial  # acknowledged: it posts
