"""Templates: the shipped pack loads, and each kind of mistake is named precisely."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from forms.loader import BUILTIN_PACKS, TemplateProblems, load_pack, load_templates
from forms.state import sample_state
from workstation.domain.i18n import Catalog
from workstation.services.risk.vocabulary import RULE_NAMES

TODAY = date(2026, 11, 27)
EN = Catalog.load("en")
SURRENDER = BUILTIN_PACKS[0] / "3101-surrender.toml"
REQUIRED_TYPES = {
    "新契约首期收费",
    "续期缴费",
    "联系方式变更",
    "交费账户变更",
    "受益人变更",
    "犹豫期退保",
    "退保",
    "保单借款",
    "保单还款",
    "复效",
    "补发保单",
    "满期金/生存金领取",
    "理赔申请",
}


def _pack():
    return load_pack(BUILTIN_PACKS, RULE_NAMES, TODAY)


def test_every_shipped_template_loads():
    templates = _pack()
    names = {template.name.zh for template in templates}
    assert {n for n in REQUIRED_TYPES if not any(n in name for name in names)} == set()
    assert len({t.code for t in templates}) == len(templates)


def test_every_sample_passes_its_own_validation_and_is_complete():
    for template in _pack():
        state = sample_state(template, TODAY, by_agent=True)
        assert state.problems() == {}, template.code
        assert state.missing_documents() == [], template.code
        for spec in template.fields:
            assert spec.help.zh and spec.help.en, (template.code, spec.key)


def _broken(tmp_path: Path, old: str, new: str, name: str = "9999-broken.toml") -> Path:
    text = SURRENDER.read_text(encoding="utf-8")
    assert old in text, old
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text.replace(old, new, 1).replace('code = "3101"', 'code = "9999"', 1))
    return folder


def _problems(folder: Path) -> list[str]:
    _, problems = load_templates([folder], RULE_NAMES, TODAY)
    return [problem.render(EN) for problem in problems]


def test_bad_toml_names_the_file_and_line(tmp_path):
    folder = _broken(tmp_path, 'key = "surrender"', 'key = "surrender')
    [problem] = _problems(folder)
    assert problem.startswith(f"{folder / '9999-broken.toml'}: (file): not valid TOML")
    assert "line 3" in problem


@pytest.mark.parametrize(
    ("old", "new", "check", "expected"),
    [
        (
            'type = "cn_resident_id"',
            'type = "resident_id"',
            str.__contains__,
            ": fields[2](applicant_id).type: must be 'text', 'name'",
        ),
        (
            'name = "watch_list"',
            'name = "watchlist"',
            str.endswith,
            ": rules[10].name: unknown risk rule watchlist",
        ),
        (
            'amount_field = "amount"',
            'amount_field = "sum"',
            str.endswith,
            ": (file): amount_field sum is not a money field",
        ),
        (
            'methods = ["bank_card"]',
            'methods = ["bank_card", "cash"]',
            str.__contains__,
            "a choice field with role payment_method and the options bank_card, cash",
        ),
    ],
    ids=["unknown-field-type", "unknown-rule", "missing-amount-field", "two-methods-no-field"],
)
def test_a_mistake_is_refused_named_with_its_key_path(tmp_path, old, new, check, expected):
    """An unknown field type or rule, a reference to a missing field, money out with
    two methods and no payment-method field."""
    folder = _broken(tmp_path, old, new)
    [problem] = _problems(folder)
    assert check(problem, expected), problem


def test_a_sample_that_fails_its_own_field_is_refused(tmp_path):
    folder = _broken(tmp_path, 'sample = "110105198001010016"', 'sample = "110105198001010017"')
    [problem] = _problems(folder)
    assert "fields[2](applicant_id).sample: the sample value fails its own field" in problem
    assert "check digit" in problem


def test_a_duplicate_code_names_both_files(tmp_path):
    folder = _broken(tmp_path, 'key = "surrender"', 'key = "surrender_a"', "9999-a.toml")
    _broken(tmp_path, 'key = "surrender"', 'key = "surrender_b"', "9999-b.toml")
    [problem] = _problems(folder)
    assert problem.startswith(f"{folder / '9999-b.toml'}: code: 9999 is already used by ")
    assert problem.endswith("9999-a.toml")


def test_a_missing_required_key_and_an_unknown_key(tmp_path):
    folder = _broken(tmp_path, 'category = "payout"', 'categry = "payout"')
    problems = _problems(folder)
    assert any(p.endswith(": category: required") for p in problems)
    assert any(p.endswith(": categry: no such key") for p in problems)


def test_load_pack_refuses_with_every_problem(tmp_path):
    folder = _broken(tmp_path, 'name = "watch_list"', 'name = "watchlist"')
    _broken(tmp_path, 'type = "cn_resident_id"', 'type = "resident_id"', "9998-other.toml")
    with pytest.raises(TemplateProblems) as refused:
        load_pack([folder], RULE_NAMES, TODAY)
    assert len(refused.value.problems) == 2
    assert "workstation forms check" in EN(refused.value.msg)


def test_a_new_business_type_is_one_more_file(tmp_path):
    folder = _broken(tmp_path, 'key = "surrender"', 'key = "surrender_copy"')
    templates = load_pack([*BUILTIN_PACKS, folder], RULE_NAMES, TODAY)
    assert "9999" in {t.code for t in templates}


def test_bad_rule_params_are_refused(tmp_path):
    from workstation.services.risk.engine import RULE_BOOK

    folder = _broken(tmp_path, 'allowed = ["in_force"]', 'allowed = "in_force"')
    _, problems = load_templates([folder], RULE_BOOK, TODAY)
    [problem] = [p.render(EN) for p in problems]
    assert ": rules[4].params: the rule's params do not fit: params of risk rule" in problem


def test_the_shipped_pack_gives_every_rule_the_field_roles_it_needs():
    from workstation.services.risk.engine import RULE_BOOK

    assert len(load_pack(BUILTIN_PACKS, RULE_BOOK, TODAY)) == len(REQUIRED_TYPES)


def test_a_template_without_a_role_its_rule_needs_is_refused_with_file_key_and_reason(tmp_path):
    from workstation.services.risk.engine import RULE_BOOK

    folder = _broken(tmp_path, 'role = "payee_name"\n', "")
    _, problems = load_templates([folder], RULE_BOOK, TODAY)
    [problem] = [p.render(EN) for p in problems]
    assert problem == (
        f"{folder / '9999-broken.toml'}: rules[7].name: risk rule payee_name_match reads a"
        " field with role payee_name | new_account_name, and no field has it"
    )
    policyless = _broken(tmp_path, 'role = "policy_no"\n', "", "9998-policyless.toml")
    _, problems = load_templates([policyless], RULE_BOOK, TODAY)
    refused = {p.key for p in problems if p.path.name == "9998-policyless.toml"}
    assert {"effect.kind", "rules[4].name", "rules[5].name", "rules[9].name"} <= refused


def test_a_business_that_moves_money_must_say_whose_money_it_is(tmp_path):
    from workstation.services.risk.engine import RULE_BOOK

    text = (BUILTIN_PACKS[0] / "1001-first-premium.toml").read_text(encoding="utf-8")
    folder = tmp_path / "pack"
    folder.mkdir()
    for name in ("aml_large_cash", "aml_cash_premium", "aml_structuring"):
        text = text.replace(f'[[rules]]\nname = "{name}"\n\n', "")
    anonymous = text.replace('role = "applicant_id"\n', "").replace(
        'code = "1001"', 'code = "9999"'
    )
    (folder / "9999-anonymous.toml").write_text(anonymous, encoding="utf-8")
    _, problems = load_templates([folder], RULE_BOOK, TODAY)
    assert [(p.key, p.render(EN).split(": ", 2)[2]) for p in problems] == [
        (
            "rules[2].name",
            "risk rule applicant_allowed reads a field with role applicant_id, and no field has it",
        ),
        (
            "money.direction",
            "a business that moves money names its customer: a field with role"
            " policy_no | applicant_id",
        ),
    ]


def test_a_wrong_item_in_a_list_of_values_is_named_not_a_crash(tmp_path):
    """The key path of a list item that is no table (a number among strings) used to raise
    AttributeError: whoever installs the template got a traceback, not the reason."""
    folder = _broken(tmp_path, 'methods = ["bank_card"]', "methods = [1]")
    [problem] = _problems(folder)
    assert ": money.methods[0]: " in problem
