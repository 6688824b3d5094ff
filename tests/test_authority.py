"""Who signs for an amount: one rule, over the configured limits, for a posting and a reversal."""

from __future__ import annotations

from decimal import Decimal as D

from tests.risk_support import codes, run
from workstation.domain.authority import REVERSAL_LEVEL, level_for_amount, reversal_level
from workstation.domain.limits import Thresholds

LIMITS = (D("20000"), D("200000"))


def test_each_limit_passed_needs_one_level_more():
    assert [level_for_amount(D(a), LIMITS) for a in ("0", "20000", "20000.01")] == [0, 0, 1]
    assert [level_for_amount(D(a), LIMITS) for a in ("200000", "200000.01", "9e9")] == [1, 2, 2]
    assert level_for_amount(D("100"), ()) == 0


def test_a_reversal_always_needs_a_supervisor_and_more_for_large_amounts():
    assert REVERSAL_LEVEL == 1
    assert reversal_level(None, LIMITS) == 1
    assert reversal_level(D("10"), LIMITS) == 1
    assert reversal_level(D("200000.01"), LIMITS) == 2


def test_the_authority_rule_reads_the_configured_limits():
    lower = Thresholds(teller_limit=D("5000"), level1_limit=D("80000"))
    assert codes(run("3101", "amount_authority", thresholds=lower)) == ["amount_authority.level2"]
    found = run("3101", "amount_authority", amount="6,000.00", thresholds=lower)
    assert codes(found) == ["amount_authority.level1"]
    assert found[0].message.params["limit"] == "5,000.00"
    assert run("3101", "amount_authority", amount="5,000.00", thresholds=lower) == []
