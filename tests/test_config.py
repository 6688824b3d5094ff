"""Configuration: a bad file names the file, the key and the reason, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.config import ConfigError, load_config, render_config
from workstation.domain.i18n import Catalog

GOOD = """
[database]
url = "sqlite:////var/lib/ws/ws.db"

[branch]
code = "SH01"
counter = "02"

[ui]
language = "en"
idle_lock_minutes = 3
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> tuple[str, str]:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as failed:
        load_config(path)
    return Catalog.load("zh")(failed.value.msg), Catalog.load("en")(failed.value.msg)


def test_a_good_file_loads_with_defaults(tmp_path):
    config = load_config(_write(tmp_path, GOOD))
    assert config.branch.counter == "02"
    assert config.ui.idle_lock_minutes == 3
    assert config.security.max_failed_sign_ins == 5
    assert config.security.lockout_minutes == 15


def test_a_rendered_config_reads_back_the_same(tmp_path):
    config = load_config(_write(tmp_path, GOOD))
    again = load_config(_write(tmp_path, render_config(config)))
    assert again == config


def test_broken_toml_names_the_file_and_the_line(tmp_path):
    zh, en = _error(tmp_path, GOOD.replace('counter = "02"', "counter = "))
    assert str(tmp_path / "config.toml") in en
    assert "is not valid TOML" in en and "line 7" in en
    assert "不是有效的 TOML" in zh


def test_an_unknown_key_is_named(tmp_path):
    zh, en = _error(tmp_path, GOOD + "idle_lock = 3\n")
    assert en.endswith("ui.idle_lock is wrong: there is no such setting")
    assert "ui.idle_lock" in zh and "没有这个配置项" in zh


def test_a_bad_value_names_the_key_and_the_limit(tmp_path):
    zh, en = _error(tmp_path, GOOD.replace("idle_lock_minutes = 3", "idle_lock_minutes = 0"))
    assert en.endswith("ui.idle_lock_minutes is wrong: must be greater than 0")
    assert "必须大于 0" in zh


def test_a_language_outside_the_list_is_refused(tmp_path):
    _, en = _error(tmp_path, GOOD.replace('language = "en"', 'language = "fr"'))
    assert "ui.language is wrong: must be 'zh' or 'en'" in en


def test_a_password_in_the_database_url_is_refused(tmp_path):
    text = GOOD.replace("sqlite:////var/lib/ws/ws.db", "postgresql+psycopg://ws:secret@db/ws")
    zh, en = _error(tmp_path, text)
    assert "database.url" in en and "must not hold a password" in en
    assert "secrets set database-password" in zh


def test_a_missing_section_is_named(tmp_path):
    _, en = _error(tmp_path, GOOD.split("[branch]")[0])
    assert en.endswith("branch is wrong: this setting is required")


def test_a_missing_file_says_how_to_create_one(tmp_path):
    with pytest.raises(ConfigError) as failed:
        load_config(tmp_path / "nope.toml")
    assert "workstation init" in Catalog.load("en")(failed.value.msg)


def test_the_limits_have_one_source_the_configuration_reads():
    """The defaults of [risk] and [security] are the domain's, not copies of them."""
    import inspect

    from workstation.config import RiskSection, SecuritySection
    from workstation.domain.limits import DEFAULT_LOCKOUT, DEFAULT_THRESHOLDS, Thresholds
    from workstation.services.risk import model
    from workstation.services.tills import TillService

    for name in Thresholds.__dataclass_fields__:
        assert RiskSection.model_fields[name].default is getattr(DEFAULT_THRESHOLDS, name), name
    assert model.Thresholds is Thresholds
    assert RiskSection().thresholds() == Thresholds()
    limit = inspect.signature(TillService).parameters["limit"].default
    assert limit is DEFAULT_THRESHOLDS.till_limit
    security = SecuritySection.model_fields
    assert security["max_failed_sign_ins"].default == DEFAULT_LOCKOUT.max_failed
    assert security["max_failed_overrides"].default == DEFAULT_LOCKOUT.max_failed_overrides
    assert SecuritySection().lockout() == DEFAULT_LOCKOUT


def test_the_configured_limits_reach_the_risk_checks(tmp_path):
    text = GOOD + '\n[risk]\nteller_limit = "5000"\npremium_categories = ["premium"]\n'
    thresholds = load_config(_write(tmp_path, text)).risk.thresholds()
    assert (thresholds.teller_limit, thresholds.level1_limit) == (5000, 200000)
    assert thresholds.premium_categories == ("premium",)
    _, en = _error(tmp_path, GOOD + '\n[risk]\npremium_categories = ["loans"]\n')
    assert "risk.premium_categories.0" in en and "must be 'new_business'" in en


def test_the_voice_section_reads_back_and_names_a_bad_switch(tmp_path):
    config = load_config(_write(tmp_path, GOOD + "\n[voice]\nenabled = false\nrate = 120\n"))
    assert (config.voice.enabled, config.voice.rate, config.voice.voice) == (
        False,
        120,
        "cmn-latn-pinyin",
    )
    zh, en = _error(tmp_path, GOOD + '\n[voice]\nenabled = "maybe"\n')
    assert "voice.enabled" in en and "true or false is expected" in en
    assert "应为 true 或 false" in zh
    _, en = _error(tmp_path, GOOD + "\n[voice]\nrate = 20\n")
    assert "voice.rate" in en and "must be at least 80" in en
