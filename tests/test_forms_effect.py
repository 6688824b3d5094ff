"""Each template declares its effect on the policy; a wrong one is refused at load, named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from forms.loader import BUILTIN_PACKS, load_pack, load_templates
from workstation.domain.i18n import Catalog
from workstation.services.risk.vocabulary import RULE_NAMES

TODAY = date(2026, 11, 27)
EN, ZH = Catalog.load("en"), Catalog.load("zh")
PACK = BUILTIN_PACKS[0]


def _variant(tmp_path: Path, source: str, old: str, new: str) -> Path:
    """A copy of a shipped template under code 9999, with ``old`` replaced by ``new``."""
    text = (PACK / source).read_text(encoding="utf-8")
    assert old in text, old
    code = source[:4]
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    text = text.replace(old, new, 1).replace(f'code = "{code}"', 'code = "9999"', 1)
    (folder / "9999-variant.toml").write_text(text, encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[str]:
    _, problems = load_templates([folder], RULE_NAMES, TODAY)
    return [problem.render(EN) for problem in problems]


def test_every_shipped_template_declares_its_effect():
    effects = {
        t.code: (t.effect.kind, t.effect.status)
        for t in load_pack(BUILTIN_PACKS, RULE_NAMES, TODAY)
    }
    assert effects == {
        "1001": ("none", None),
        "1101": ("premium_paid", None),
        "2001": ("contact_change", None),
        "2002": ("account_change", None),
        "2003": ("beneficiary_change", None),
        "2101": ("none", None),
        "2201": ("reinstate", None),
        "3101": ("terminate", "surrendered"),
        "3102": ("terminate", "cancelled"),
        "3201": ("loan", None),
        "3202": ("repay", None),
        "3301": ("benefit_paid", None),
        "4001": ("none", None),
    }


def test_an_unknown_effect_is_refused_with_its_key(tmp_path):
    folder = _variant(tmp_path, "3201-policy-loan.toml", 'kind = "loan"', 'kind = "borrow"')
    [problem] = _problems(folder)
    assert "9999-variant.toml: effect.kind: must be 'none', 'loan'" in problem


def test_a_template_without_an_effect_is_refused(tmp_path):
    folder = _variant(tmp_path, "3201-policy-loan.toml", '[effect]\nkind = "loan"\n', "")
    [problem] = _problems(folder)
    assert problem.endswith("9999-variant.toml: effect: required")


@pytest.mark.parametrize(
    ("source", "old", "new", "check", "expected"),
    [
        (
            "3301-maturity-benefit.toml",
            'role = "benefit"\n',
            "",
            str.endswith,
            ": effect.kind: benefit_paid needs benefit",
        ),
        (
            "2003-beneficiary-change.toml",
            'role = "beneficiary_name"\n',
            "",
            str.endswith,
            ": effect.kind: beneficiary_change needs beneficiary_name",
        ),
        (
            "2003-beneficiary-change.toml",
            'role = "beneficiary_id"',
            'role = "new_phone"',
            str.endswith,
            ": fields[7](beneficiary_id).role: a field with role new_phone must be of type phone",
        ),
        (
            "2001-contact-change.toml",
            'role = "new_phone"',
            'role = "mobile"',
            str.__contains__,
            ": fields[9](new_phone).role: must be 'policy_no', 'applicant_name'",
        ),
        (
            "2001-contact-change.toml",
            'role = "new_email"',
            'role = "new_address"',
            str.endswith,
            ": fields[12](new_email).role: role new_address is already the role of field"
            " new_address",
        ),
    ],
    ids=["benefit-missing", "beneficiary-name-missing", "wrong-type", "unknown", "twice"],
)
def test_a_field_role_the_effect_needs_is_checked(tmp_path, source, old, new, check, expected):
    """A needed role missing, a role on a field of the wrong type, unknown, or given twice."""
    folder = _variant(tmp_path, source, old, new)
    [problem] = _problems(folder)
    assert check(problem, expected), problem


def test_terminate_names_the_status_it_ends_in(tmp_path):
    folder = _variant(tmp_path, "3101-surrender.toml", 'status = "surrendered"\n', "")
    [problem] = _problems(folder)
    assert ': effect: status goes with kind = "terminate" only' in problem
    wrong = _variant(tmp_path, "3101-surrender.toml", 'status = "surrendered"', 'status = "lapsed"')
    assert any("effect.status: must be 'surrendered'" in p for p in _problems(wrong))


def test_an_effect_on_a_policy_needs_a_policy_number_and_the_right_money(tmp_path):
    folder = _variant(tmp_path, "1001-first-premium.toml", 'kind = "none"', 'kind = "repay"')
    problems = _problems(folder)
    assert any(p.endswith(": effect.kind: repay needs policy_no") for p in problems)
    loan_in = _variant(tmp_path, "3202-loan-repayment.toml", 'kind = "repay"', 'kind = "loan"')
    assert any(
        p.endswith(": effect.kind: loan needs money.direction = out") for p in _problems(loan_in)
    )


def test_a_benefit_choice_with_options_the_effect_does_not_know_is_refused(tmp_path):
    folder = _variant(
        tmp_path,
        "3301-maturity-benefit.toml",
        '{ value = "survival", label = { zh = "生存保险金", en = "Survival benefit" } },',
        '{ value = "survival", label = { zh = "生存保险金", en = "Survival benefit" } },\n'
        '  { value = "bonus", label = { zh = "红利", en = "Bonus" } },',
    )
    [problem] = _problems(folder)
    assert problem.endswith(
        ": fields[9](benefit_type).role: a field with role benefit may offer only the options"
        " maturity, survival"
    )


def test_the_reasons_read_in_chinese_too(tmp_path):
    folder = _variant(
        tmp_path, "3201-policy-loan.toml", 'kind = "loan"', 'kind = "loan"\nstatus = "cancelled"'
    )
    _, problems = load_templates([folder], RULE_NAMES, TODAY)
    assert "status 只用于" in problems[0].render(ZH)
