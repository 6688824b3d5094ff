"""Each run of ``workstation`` logs its start and stop; refusals by key; slow work by name."""

from __future__ import annotations

import itertools
import logging
import os
import time
from functools import partialmethod

import pytest
from click.testing import CliRunner
from textual.app import App

from screens.app import WorkstationApp
from tests.conftest import make_config
from tests.pilot import make_app, ready, settle, sign_in
from workstation import __version__
from workstation.cli import main, runlog
from workstation.config import LoggingSection, render_config
from workstation.configfile import log_settings
from workstation.logs.events import timed
from workstation.logs.setup import configure_logging, stop_logging

pytestmark = pytest.mark.db


def _config_file(tmp_path, url: str, **logging_section: object):
    config = make_config(url, folder=tmp_path / "output").model_copy(
        update={"logging": LoggingSection(folder=tmp_path / "logs", **logging_section)}
    )
    path = tmp_path / "config.toml"
    path.write_text(render_config(config), encoding="utf-8")
    return path


def _run(path, *args: str, input: str | None = None):
    return CliRunner().invoke(main, ["--config", str(path), "--lang", "en", *args], input=input)


def _lines(path) -> list[str]:
    """The log's lines without time, level, logger and thread."""
    return [line.split("] ", 1)[1] for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_command_logs_its_start_its_refusal_by_key_and_its_stop(db_url, tmp_path):
    path = _config_file(tmp_path, db_url)
    text = path.read_text(encoding="utf-8").replace("Asia/Shanghai", "Europe/Berlin")
    path.write_text(text, encoding="utf-8")  # times in the branch's zone, whatever the machine's
    result = _run(path, "staff", "add", "T001", "--name", "王芳", "--role", "teller",
                  "--password-stdin", input="goodpass99\n")  # fmt: skip
    assert result.exit_code == 1 and "王芳" not in result.stderr
    lines = _lines(tmp_path / "logs" / "admin.log")
    assert lines[0] == (
        f"start version={__version__} program=admin command=staff add branch=SH01 counter=01"
    )
    assert lines[1] == "refused staff.exists staff_id=T001"
    assert lines[2].startswith("stop program=admin command=staff add exit=1 took_ms=")
    text = (tmp_path / "logs" / "admin.log").read_text(encoding="utf-8")
    assert "王芳" not in text
    assert text[23:29] in ("+01:00", "+02:00")


def test_the_tui_logs_to_the_counters_file_and_why_it_could_not_start(tmp_path, monkeypatch):
    monkeypatch.setattr(WorkstationApp, "run", partialmethod(App.run, headless=True))
    bad = tmp_path / "ws.db"
    bad.write_bytes(os.urandom(4096))
    result = _run(_config_file(tmp_path, f"sqlite:///{bad}"))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().count("\n") == 0  # the one line; the log stays off the terminal
    lines = _lines(tmp_path / "logs" / "counter-01.log")
    assert lines[0].startswith("start version=") and "program=counter-01 command=tui" in lines[0]
    assert lines[1] == (
        f"failed storage.not_a_database path={bad} folder={tmp_path}"
        " reason=file is not a database op=open-station"
    )
    assert lines[2].startswith("stop program=counter-01 command=tui exit=2")
    assert len(lines) == 3


def test_a_command_slower_than_the_threshold_is_named_in_the_log(db_url, tmp_path, monkeypatch):
    ticks = itertools.count(step=0.6)  # every look at the clock is 0.6 s later
    monkeypatch.setattr(runlog, "now", lambda: next(ticks))
    path = _config_file(tmp_path, db_url)
    assert _run(path, "staff", "list").exit_code == 0
    lines = _lines(tmp_path / "logs" / "admin.log")
    assert lines[-2] == "stop program=admin command=staff list exit=0 took_ms=600"
    assert lines[-1] == "slow cli:staff list 600 ms (over 500 ms)"


def test_a_command_within_the_threshold_is_not_slow(db_url, tmp_path, monkeypatch):
    ticks = itertools.count(step=0.4)
    monkeypatch.setattr(runlog, "now", lambda: next(ticks))
    path = _config_file(tmp_path, db_url)
    assert _run(path, "staff", "list").exit_code == 0
    assert not any(x.startswith("slow") for x in _lines(tmp_path / "logs" / "admin.log"))


def test_timed_logs_only_past_the_threshold(caplog):
    log = logging.getLogger("workstation.test")
    clock = iter([0.0, 0.2, 1.0, 1.7])
    with caplog.at_level(logging.INFO, "workstation"):
        with timed(log, "fast", 500, now=lambda: next(clock)):
            pass
        with timed(log, "journal verify", 500, now=lambda: next(clock)):
            pass
    assert [r.getMessage() for r in caplog.records] == ["slow journal verify 700 ms (over 500 ms)"]


async def test_a_slow_service_call_is_logged_with_the_screen_and_the_call(
    station, log_folder, monkeypatch
):
    """The threshold is configurable ([logging] slow_ms): 20 ms here, and a till that takes 50."""
    path = configure_logging(log_settings(log_folder), "counter-01")
    real = station.till.summary

    def slow_summary(who):
        time.sleep(0.05)
        return real(who)

    monkeypatch.setattr(station.till, "summary", slow_summary)
    app = make_app(station)
    app.slow_ms = 20
    async with app.run_test() as pilot:
        await ready(pilot)
        await sign_in(pilot, "T001", "demo1234")  # the home screen shows the till
        await settle(pilot)
    stop_logging()
    [slow] = [x for x in _lines(path) if x.startswith("slow HomeScreen:summary ")]
    assert slow.endswith(" ms (over 20 ms)")  # (the sign-in may be slower than 20 ms too)


def test_a_broken_journal_found_by_verify_is_in_the_log(station, db_url, tmp_path):
    from sqlalchemy import text

    station.auth.sign_in("T001", "demo1234")
    with station.db.write() as s:
        s.execute(text("UPDATE journal_entries SET payload = '{}' WHERE seq = 2"))
    assert _run(_config_file(tmp_path, db_url), "journal", "verify").exit_code == 1
    lines = _lines(tmp_path / "logs" / "admin.log")
    assert "failed journal.broken_at seq=2 problem=journal.broken.hmac" in lines
