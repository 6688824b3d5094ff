"""The engine: running a template's rules, ordering and de-duplicating findings, checking params;
the vocabulary and the catalog entries of every finding."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from forms.schema import RuleRef
from tests.risk_support import SAMPLE_POLICIES, D, after, codes, context, policy, templates
from workstation.domain.i18n import Catalog, Msg
from workstation.domain.statuses import PolicyStatus
from workstation.services.effects import Effect
from workstation.services.risk.engine import Assessment, assess, validate_params
from workstation.services.risk.model import (
    LARGE_CASH_REPORT,
    DayActivity,
    Finding,
    RuleSpec,
    Severity,
    WatchList,
)
from workstation.services.risk.rules import RULES
from workstation.services.risk.rules.common import NoParams
from workstation.services.risk.rules.payout import FreeLookParams
from workstation.services.risk.vocabulary import RULE_NAMES

ZH, EN = Catalog.load("zh"), Catalog.load("en")


def test_every_vocabulary_name_has_exactly_one_rule():
    assert RULES.keys() == RULE_NAMES
    assert all(name == spec.name for name, spec in RULES.items())


# -- assess ---------------------------------------------------------------------


def test_findings_are_sorted_by_severity_then_template_order():
    day = DayActivity(customer_cash=D(40000), cash_on_hand=D(95000), same_business=1)
    ctx = context(
        "1101",
        activity=day,
        payment_method="cash",
        amount="20,500",
        applicant_id_expiry="2026-01-01",
    )
    found = assess(ctx)
    assert [(f.code, f.severity) for f in found.findings] == [
        ("id_not_expired.expired", Severity.BLOCK),
        ("renewal_amount_due.mismatch", Severity.BLOCK),
        ("amount_authority.level1", Severity.AUTHORIZE),
        ("aml_large_cash.report", Severity.AUTHORIZE),
        ("duplicate_today.again", Severity.AUTHORIZE),
        ("aml_cash_premium.due_diligence", Severity.WARN),
        ("till_limit.over", Severity.WARN),
    ]
    assert found.blocked
    assert found.level_needed == 1
    assert codes(found.warnings) == ["aml_cash_premium.due_diligence", "till_limit.over"]
    assert len(found.authorizations) == 3
    assert found.flags == frozenset({LARGE_CASH_REPORT})


def test_a_clean_submission_needs_nothing():
    found = assess(context("1101"))
    assert found == Assessment(())
    assert (found.blocked, found.level_needed, found.flags) == (False, 0, frozenset())


def test_level_needed_is_the_highest_authorization():
    rich = policy(cash_value=D("250000.00"))  # surrendering more than level 1 may sign for
    found = assess(
        context("3101", amount="250,000", policy=rich, activity=DayActivity(same_business=2))
    )
    assert codes(found.authorizations) == ["amount_authority.level2", "duplicate_today.again"]
    assert found.level_needed == 2
    assert not found.blocked


def _fixed(*found: tuple[str, Severity]):
    def check(ctx, params):
        return [Finding("x", code, severity, Msg(f"risk.{code}")) for code, severity in found]

    return check


def test_two_rules_with_one_code_keep_the_most_severe():
    rules = {
        "first": RuleSpec(
            "first", _fixed(("a.same", Severity.WARN), ("a.info", Severity.INFO)), NoParams
        ),
        "second": RuleSpec("second", _fixed(("a.same", Severity.BLOCK)), NoParams),
        "third": RuleSpec("third", _fixed(("a.same", Severity.INFO)), NoParams),
    }
    refs = tuple(RuleRef(name=name) for name in rules)
    ctx = context("2001")
    ctx = replace(ctx, template=ctx.template.model_copy(update={"rules": refs}))
    found = assess(ctx, rules)
    assert [(f.code, f.severity) for f in found.findings] == [
        ("a.same", Severity.BLOCK),
        ("a.info", Severity.INFO),
    ]


def test_assess_validates_params_against_the_model():
    ctx = context("3101")
    refs = (RuleRef(name="policy_status", params={"allowed": "in_force"}),)
    ctx = replace(ctx, template=ctx.template.model_copy(update={"rules": refs}))
    with pytest.raises(ValueError):
        assess(ctx)


# -- validate_params ------------------------------------------------------------


def test_good_params_are_read_as_the_rule_reads_them():
    allowed = validate_params("policy_status", {"allowed": ["in_force", "lapsed"]}).allowed
    assert allowed == [PolicyStatus.IN_FORCE, PolicyStatus.LAPSED]
    assert validate_params("loan_limit", {"ratio": "0.7"}).ratio == Decimal("0.7")
    assert validate_params("payee_name_match", {"person": "policyholder"}).person == "policyholder"
    assert validate_params("aml_structuring", {}).count == 2  # the default stands


@pytest.mark.parametrize(
    ("name", "params", "reason"),
    [
        ("policy_status", {"allowed": "in_force"}, "allowed"),
        ("policy_status", {"allowed": ["in-force"]}, "allowed"),
        ("policy_status", {"allowd": ["in_force"]}, "allowd"),
        ("aml_payout", {"threshold": 5000}, "threshold"),
        ("loan_limit", {"ratio": "1.5"}, "ratio"),
        ("payee_name_match", {"person": "agent"}, "person"),
        ("free_look_window", {"days": "fifteen"}, "days"),
        ("watchlist", {}, "unknown risk rule 'watchlist'"),
    ],
)
def test_bad_params_are_refused_with_a_reason(name, params, reason):
    with pytest.raises(ValueError, match=reason):
        validate_params(name, params)


# -- every shipped template -----------------------------------------------------


@pytest.mark.parametrize("code", sorted(templates()))
@pytest.mark.parametrize("by_agent", [False, True])
def test_every_template_assesses_its_own_sample(code, by_agent):
    template = templates()[code]
    for ref in template.rules:
        validate_params(ref.name, ref.params)
    found = assess(context(code, by_agent=by_agent))
    if not by_agent or template.applicant.agent_allowed:
        assert found.blocks == (), [ZH(f.message) for f in found.blocks]
    else:
        assert codes(found.blocks) == ["applicant_allowed.no_agent"]
    for f in found.findings:
        assert "{" not in ZH(f.message) and "{" not in EN(f.message)


def test_every_template_with_a_policy_number_has_a_sample_policy():
    with_policy = {c for c, t in templates().items() if "policy_no" in t.field_keys}
    assert with_policy == set(SAMPLE_POLICIES)
    for code in sorted(with_policy):
        assert codes(assess(context(code, policy=None)).blocks)[0] == "policy_status.unknown_policy"


# -- catalog --------------------------------------------------------------------


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _every_finding() -> list[Finding]:
    """Scenarios that together produce every code the rules know."""
    heavy = DayActivity(
        customer_cash=D(60000),
        customer_cash_amounts=(D(19000), D(19500)),
        insured_cash_premium=D(30000),
        customer_payouts=D(30000),
        same_business=1,
        cash_on_hand=D(100),
    )
    watched = WatchList(names=frozenset({"张三"}))
    matured, li_si = SAMPLE_POLICIES["3301"](), SAMPLE_POLICIES["3201"]()
    paid_survival = Effect("benefit_paid", D("3000.00"), benefit="survival", due=date(2026, 11, 17))
    paid_premium = Effect("premium_paid", D("12000.00"), due=date(2026, 12, 17),
                          paid_to=date(2027, 12, 17))  # fmt: skip
    outdated = replace(policy().holder, id_expiry=date(2026, 1, 1))
    scenarios = [
        context("1001", by_agent=True, agent_id="110105198001010016", payment_method="cash",
                activity=heavy, values={"insured_id": "x"}, applicant_id_expiry="2020-01-01",
                amount="300,000", watch_list=watched, ticked=frozenset()),
        context("3101", by_agent=True, policy=policy(status="lapsed", holder=outdated),
                applicant_name="张山", payee_name="李四", method="cash", activity=heavy,
                payee_account=replace(policy().payout_account, account_name="李四")),
        context("3101", applicant_id="310115197512030022", applicant_name="李四"),
        context("3101", policy=None),
        context("3201", by_agent=True, amount="90,000", applicant_name="李四"),
        context("3202", policy=policy(status="lapsed", next_due_date=None)),
        context("1101", amount="1.00"),
        context("1101", policy=policy(next_due_date=None)),
        context("2201", policy=policy(status="lapsed")),
        context("3102", policy=policy(delivered_on=None)),
        context("4001", applicant_role="beneficiary", policy=policy(beneficiaries=())),
        context("3101"),
        context("3101", amount="20,500"),
        context("1101", applicant_id="110199198001010016"),  # no such county in 北京市
        context("3101", amount="150,000"),
        context("3102", amount="80,000"),
        context("3301", amount="1.00"),
        context("3301", benefit_type="survival", policy=after(matured, paid_survival)),
        context("3301", policy=replace(matured, maturity_date=None)),
        context("3101", policy=after(policy(), Effect("terminate", status="surrendered"))),
        context("3201", amount="90,000", policy=after(li_si, Effect("loan", D("30000.00")))),
        context("1101", policy=after(policy(), paid_premium)),
    ]  # fmt: skip
    found = []
    for ctx in scenarios:
        for spec in RULES.values():
            found += spec.check(ctx, spec.params())
    with_fee = FreeLookParams(fee=D("10"))  # the fee only a template's params allow
    found += RULES["free_look_refund"].check(context("3102", amount="80,000"), with_fee)
    return found


def test_every_finding_code_has_a_message_in_both_languages_with_its_params():
    zh, en = ZH.entries, EN.entries
    seen = set()
    for f in _every_finding():
        key = f.message.key
        assert key == f"risk.{f.code}" and f.code.startswith(f.rule + ".")
        assert key in zh and key in en, key
        assert _placeholders(zh[key]) == _placeholders(en[key]) == set(f.message.params), key
        assert "{" not in ZH(f.message) and "{" not in EN(f.message)
        seen.add(key)
    catalogued = {k for k in zh if k.startswith("risk.") and k != "risk.label"}
    assert catalogued == seen


def test_a_template_label_renders_in_each_language():
    label = Msg("risk.label", {"zh": "保单号", "en": "Policy number"})
    assert (ZH(label), EN(label)) == ("保单号", "Policy number")


def test_messages_never_show_a_full_id_number():
    for f in _every_finding():
        for text in (ZH(f.message), EN(f.message)):
            assert "110105198001010016" not in text and "310115197512030022" not in text
            assert "110199198001010016" not in text
