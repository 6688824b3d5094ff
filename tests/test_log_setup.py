"""The log: personal numbers masked in every part of a record, rotation, configuration, silence."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from workstation.config import parse_config
from workstation.configfile import ConfigError, LogSettings, log_hints, log_settings
from workstation.domain.i18n import msg
from workstation.domain.masking import mask_numbers_in
from workstation.logs.events import describe, operation_name
from workstation.logs.setup import MaskingFilter, configure_logging, stop_logging

ID, ID_X, CARD, CARD19, PHONE = (
    "110105198001010016",
    "44030419820309049X",
    "6222021000123450",
    "6217001234567893123",
    "13800138000",
)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (f"id {ID} ok", "id 110105********0016 ok"),
        (f"id={ID_X.lower()}", "id=440304********049X"),
        (f"card {CARD}.", "card 6222 **** **** 3450."),
        (f"card {CARD19}", "card 6217 **** **** 3123"),
        ("card 6222 0210 0012 3450", "card 6222 **** **** 3450"),
        (f"tel:{PHONE}", "tel:138****8000"),
        (f"x{ID}y", "x110105********0016y"),
    ],
)
def test_personal_numbers_are_masked_wherever_they_stand(text, masked):
    assert mask_numbers_in(text) == masked


@pytest.mark.parametrize(
    "text",
    ["SH01-20261127-01-00001", "¥86,400.00", "took_ms=1764205", "pid 1764205200123", "P2024000001"],
)
def test_serials_amounts_and_short_numbers_are_left_alone(text):
    assert mask_numbers_in(text) == text


def _record(message: str, args: object = None, exc: BaseException | None = None):
    exc_info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    return logging.LogRecord("workstation.t", logging.ERROR, __file__, 1, message, args, exc_info)


def _formatted(record: logging.LogRecord) -> str:
    assert MaskingFilter().filter(record)
    return logging.Formatter().format(record)


def test_the_filter_masks_the_message():
    assert _formatted(_record(f"look-up {ID} {PHONE}")) == "look-up 110105********0016 138****8000"


def test_the_filter_masks_the_arguments_tuple_and_mapping():
    line = _formatted(_record("id %s card %s", (ID, int(CARD))))
    assert line == "id 110105********0016 card 6222 **** **** 3450"
    line = _formatted(_record("phone %(phone)s", ({"phone": PHONE},)))
    assert line == "phone 138****8000"


def test_the_filter_masks_the_exception_text_and_the_stack():
    try:
        raise ValueError(f"bad card {CARD} of {ID}")
    except ValueError as error:
        record = _record("failed", exc=error)
    record.stack_info = f"Stack (most recent call last):\n  lookup({PHONE!r})"
    line = _formatted(record)
    assert "Traceback (most recent call last)" in line
    assert "bad card 6222 **** **** 3450 of 110105********0016" in line
    assert "lookup('138****8000')" in line
    assert CARD not in line and ID not in line and PHONE not in line


def test_a_refusal_is_its_key_and_the_params_that_name_no_one():
    refused = msg("risk.name_mismatch", name="张三", expected="李四", role="holder", count=2)
    assert describe(refused) == "risk.name_mismatch role=holder count=2"
    rejected = msg("override.rejected", by="S001", reason="张三 asked for it")
    assert describe(rejected) == "override.rejected"
    failed = msg("storage.disk_full", path="/srv/ws.db", reason="No space left on device")
    assert describe(failed) == "storage.disk_full path=/srv/ws.db reason=No space left on device"
    nested = msg("config.invalid", key="ui.language", reason=msg("config.reason.missing"))
    assert describe(nested) == "config.invalid key=ui.language reason=config.reason.missing"


def test_an_operation_is_named_by_the_method_it_calls():
    class Till:
        def summary(self) -> None: ...

    station = SimpleNamespace(till=Till())
    assert operation_name(lambda: station.till.summary()) == "till.summary"
    assert operation_name(station.till.summary).endswith("Till.summary")


def _settings(folder: Path, **changes: object) -> LogSettings:
    return LogSettings(**{**vars(log_settings(folder)), **changes})


def test_the_log_rotates_at_the_configured_size_and_keeps_the_configured_count(tmp_path):
    path = configure_logging(_settings(tmp_path, max_bytes=4096, backups=2), "counter-01")
    assert path == tmp_path / "counter-01.log"
    log = logging.getLogger("workstation.rotation")
    for n in range(300):
        log.info("line %03d %s", n, "x" * 40)
    stop_logging()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["counter-01.log", "counter-01.log.1", "counter-01.log.2"]
    assert all((tmp_path / name).stat().st_size <= 4096 for name in names)
    assert "line 299" in path.read_text(encoding="utf-8")  # the newest is in the current file
    assert "line 000" not in "".join((tmp_path / n).read_text(encoding="utf-8") for n in names)


def test_configuring_again_replaces_the_file_and_the_level_applies(tmp_path):
    configure_logging(_settings(tmp_path / "a"), "admin")
    configure_logging(_settings(tmp_path / "b", level="WARNING"), "admin")
    log = logging.getLogger("workstation.again")
    log.info("not at WARNING")
    log.warning("written")
    stop_logging()
    assert not (tmp_path / "a" / "admin.log").read_text()
    text = (tmp_path / "b" / "admin.log").read_text(encoding="utf-8")
    assert "written" in text and "not at WARNING" not in text


def test_a_log_folder_that_cannot_be_made_means_no_log_and_no_error(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    assert configure_logging(_settings(tmp_path / "file" / "logs"), "admin") is None
    logging.getLogger("workstation.nowhere").error("lost, quietly")


def test_nothing_is_written_to_the_terminal(tmp_path):
    """A new process, without pytest's handlers: errors go to the file, masked, and not to
    stdout or stderr (where they would draw over the TUI)."""
    code = (
        "import logging, pathlib, sys;"
        "from workstation.configfile import log_settings;"
        "from workstation.logs.setup import configure_logging;"
        "configure_logging(log_settings(pathlib.Path(sys.argv[1])), 'counter-01');"
        f"logging.getLogger('workstation.x').error('boom %s', '{ID}');"
        "logging.getLogger('sqlalchemy.x').warning('a library warns');"
        "logging.getLogger('textual.x').info('library chatter')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert done.stdout == "" and done.stderr == ""
    text = (tmp_path / "counter-01.log").read_text(encoding="utf-8")
    assert "ERROR workstation.x" in text and "boom 110105********0016" in text
    # the suite runs on UTC; the time is the branch's (Shanghai by default), stated
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00 ERROR ", text)
    assert "a library warns" in text and "library chatter" not in text


def test_the_logging_section_is_read_and_checked(tmp_path):
    base = {"database": {"url": "sqlite:///x.db"}, "branch": {"code": "SH01", "counter": "01"}}
    section = {"folder": str(tmp_path), "level": "debug", "max_kib": 64, "backups": 3}
    config = parse_config({**base, "logging": {**section, "slow_ms": 200}}, tmp_path / "c.toml")
    assert config.logging.settings() == LogSettings(tmp_path, "DEBUG", 64 * 1024, 3, 200)
    assert log_hints({**base, "logging": section}) == LogSettings(tmp_path, "DEBUG", 65536, 3, 500)
    with pytest.raises(ConfigError) as bad:
        parse_config({**base, "logging": {"level": "loud"}}, tmp_path / "c.toml")
    assert bad.value.msg.params["key"] == "logging.level"


def test_without_a_logging_section_the_log_is_in_the_platform_log_directory(log_folder):
    """``default_log_dir`` is platformdirs' ``user_log_path``; tests point it at a tmp folder."""
    assert log_hints({}).folder == log_folder
    assert parse_config(
        {"database": {"url": "sqlite:///x.db"}, "branch": {"code": "SH01", "counter": "01"}},
        Path("c.toml"),
    ).logging.settings() == LogSettings(log_folder, "INFO", 5 * 1024 * 1024, 5, 500)


def test_the_last_problems_are_read_from_the_end_of_each_file_in_time_order(tmp_path):
    from workstation.logs.tail import TAIL_BYTES, last_problems

    stamp = "2026-11-27T{}.000+08:00"
    old = tmp_path / "counter-01.log"
    filler = f"{stamp.format('08:00:00')} INFO m [1 T] {'x' * 200}\n"
    old.write_text(
        f"{stamp.format('07:00:00')} ERROR m [1 T] long ago\n"
        + filler * (TAIL_BYTES // len(filler) + 10)
        + f"{stamp.format('09:00:00')} WARNING m [1 T] late\n",
        encoding="utf-8",
    )
    admin = tmp_path / "admin.log"
    admin.write_text(f"{stamp.format('08:30:00')} ERROR m [2 T] admin\n", encoding="utf-8")
    found = last_problems([old, admin, tmp_path / "missing.log"])
    assert [line.rsplit("] ", 1)[1] for line in found] == ["admin", "late"]
    assert last_problems([old, admin], limit=1)[0].endswith("late")
