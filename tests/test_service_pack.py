"""The service pack (服务规范包): prompts, playbooks and thresholds, refused with named problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from forms.service_pack import (
    DEFAULT_SERVICE_PACK,
    ServicePackProblems,
    check_service_pack,
    load_service_pack,
)
from workstation.cli import main
from workstation.domain.i18n import Catalog

EN = Catalog.load("en")
PLAYBOOKS = {
    "system_outage",
    "printer_fault",
    "power_failure",
    "crowd_surge",
    "customer_dispute",
    "medical_emergency",
    "security_threat",
}


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT_SERVICE_PACK.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "service.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_shipped_pack_has_every_playbook_and_the_standard_prompts():
    pack = load_service_pack()
    assert {p.key for p in pack.playbooks} == PLAYBOOKS
    assert all(p.steps and p.name.zh and p.name.en for p in pack.playbooks)
    assert pack.prompts.greet("B001").zh == "您好，B001 号请坐，请问办理什么业务？"
    assert "B001" in pack.prompts.greet("B001").en
    assert "评价" in pack.prompts.farewell.zh and "rate" in pack.prompts.farewell.en
    assert (pack.thresholds.wait_factor, pack.thresholds.max_waiting) == (2, 15)
    assert pack.staffing.service_level == 0.8 and pack.staffing.max_occupancy == 0.85
    surge = pack.playbook("crowd_surge")
    assert surge is not None and surge.notice is not None
    assert "Open the flexible window" in surge.steps[0].en
    assert pack.playbook("no_such") is None


def test_thresholds_default_when_the_pack_leaves_them_out(tmp_path):
    path = _variant(tmp_path, "wait_factor = 2\nmax_waiting = 15\n", "")
    pack = check_service_pack(path)
    assert not isinstance(pack, list)
    assert (pack.thresholds.wait_factor, pack.thresholds.max_waiting) == (2, 15)
    assert pack.staffing.service_level == 0.8 and pack.staffing.max_occupancy == 0.85


@pytest.mark.parametrize(
    ("old", "new", "key", "reason"),
    [
        (
            "您好，{ticket} 号请坐",
            "您好，请坐",
            "prompts.greeting.zh",
            "the only placeholders allowed: ticket",
        ),
        (
            "Please rate our service",
            "Please rate {teller}",
            "prompts.farewell.en",
            "the only placeholders allowed: -",
        ),
        ('key = "printer_fault"', 'key = "system_outage"', "playbooks[1](system_outage)", "twice"),
        ("steps = [", "stepz = [", "playbooks[0](system_outage).stepz", ""),
        ("max_waiting = 15", "max_waiting = 0", "thresholds.max_waiting", ""),
        ("opening_hours = [8, 17]", "opening_hours = [17, 8]", "staffing.opening_hours", "first"),
        ("shrinkage = 0.3", "shrinkage = 1.0", "staffing.shrinkage", ""),
        ('key = "crowd_surge"', 'key = "Crowd Surge"', "playbooks[3](Crowd Surge).key", ""),
    ],
)
def test_a_bad_pack_is_refused_naming_the_key_and_the_reason(tmp_path, old, new, key, reason):
    path = _variant(tmp_path, old, new)
    problems = check_service_pack(path)
    assert isinstance(problems, list) and problems
    keys = [p.key for p in problems]
    assert key in keys, keys
    rendered = problems[keys.index(key)].render(EN)
    assert str(path) in rendered and reason in rendered
    with pytest.raises(ServicePackProblems) as refused:
        load_service_pack(path)
    assert refused.value.problems == problems


def test_not_toml_is_refused(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[prompts\n", encoding="utf-8")
    problems = check_service_pack(path)
    assert isinstance(problems, list) and problems[0].key == "(file)"


def test_the_cli_checks_the_shipped_pack_and_lists_a_bad_ones_problems(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["--lang", "en", "forms", "check-service-pack"])
    assert ok.exit_code == 0, ok.output
    assert "7 playbooks" in ok.output
    bad = _variant(tmp_path, "您好，{ticket} 号请坐", "您好，{counter} 号请坐")
    refused = runner.invoke(main, ["--lang", "en", "forms", "check-service-pack", str(bad)])
    assert refused.exit_code == 1
    assert "prompts.greeting.zh" in refused.output
