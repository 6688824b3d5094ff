"""The staffing plan on paper: through the print pipeline and ``workstation plan``."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from printing.pipeline import print_document
from tests.cli_support import config_file
from tests.staffing_support import PLAN_DAY, four_mondays
from workstation.cli import main
from workstation.domain.prints import DocumentKind
from workstation.services.staffing_text import wait_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")


def lines_of(path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(line.split()) for line in text.splitlines()]


def test_the_plan_pdf_shows_each_hours_needed_and_rostered_windows(station, wqy):
    four_mondays(station)
    supervisor = station.auth.sign_in("S001", "demo1234")
    outcome = print_document(station, supervisor, DocumentKind.STAFFING_PLAN, str(PLAN_DAY))
    assert outcome.path.name == "SH01-20261130-staffing_plan.pdf"
    lines = lines_of(outcome.path)
    plan = station.staffing.plan(PLAN_DAY)
    for hour in plan.hours:
        row = next(line for line in lines if line.startswith(f"{hour.hour:02d}:00 "))
        cells = row.split()
        # hour, arrivals per zone (4), AHT, needed, to roster, rostered, wait, level
        assert cells[6:9] == [str(hour.needed), str(hour.to_roster), str(hour.rostered)], row
    ten = next(line for line in lines if line.startswith("10:00 "))
    assert ten.split()[1] == "12.0" and ten.split()[5] == "5.0"  # cash arrivals, AHT in min
    assert wait_text(plan.hours[2].expected.wait_seconds) in ten
    assert "2026-11-30 Mon" in " ".join(lines) and "工作日 workday" in " ".join(lines)
    assert any("各时段需开窗口与已排窗口" in line for line in lines)  # the chart's title


def test_workstation_plan_writes_the_pdf_and_says_where(station, config, tmp_path, wqy):
    four_mondays(station)
    out = tmp_path / "plans"
    out.mkdir()
    args = ["--config", str(config_file(config, tmp_path)), "plan", "--date", "2026-11-30"]
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = out / "SH01-20261130-staffing_plan.pdf"
    assert result.output.strip() == str(written)
    assert any(line.startswith("10:00 12.0") for line in lines_of(written))


def test_a_date_with_no_history_says_so(config, tmp_path, wqy):
    args = ["--config", str(config_file(config, tmp_path)), "--lang", "en", "plan"]
    result = CliRunner().invoke(main, [*args, "--date", "2026-11-29", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "No Sunday with tickets in the past year" in result.output
    assert (tmp_path / "SH01-20261129-staffing_plan.pdf").exists()
