"""The service report of the scripted day (tests/stats_support.py) through the CLI:
``workstation report service``. The PDF's text shows every figure of every group;
the CSV parses with the csv module to the same figures (see tests/test_service_stats.py
for how each is computed by hand).
"""

from __future__ import annotations

import csv
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from tests.cli_support import config_file
from tests.stats_support import scripted_day
from workstation.cli import main

pytestmark = pytest.mark.db

ROWS = {
    # group label: the row's figures in table order: served, wait p50, p90, serve p50, mean,
    # SLA, no-show, 满意率, 评价率, late, [idle], [overrides]
    "全网点": ["6", "5:00", "52:00", "5:00", "6:10", "66.7%", "25.0%", "60.0%", "83.3%", "1",
            "1:23:00", "1"],
    "T001 张敏": ["5", "9:40", "52:00", "5:00", "5:48", "60.0%", "16.7%", "50.0%", "80.0%", "1",
                "1"],
    "T002 李娜": ["1", "5:00", "5:00", "8:00", "8:00", "100.0%", "50.0%", "100.0%", "100.0%",
                "0", "0"],
    "01": ["5", "9:40", "52:00", "5:00", "5:48", "60.0%", "16.7%", "50.0%", "80.0%", "1",
           "41:00", "1"],
    "02": ["1", "5:00", "5:00", "8:00", "8:00", "100.0%", "50.0%", "100.0%", "100.0%", "0",
           "42:00", "0"],
    "缴费 Payments": ["15:00", "5", "9:40", "52:00", "5:00", "5:48", "60.0%", "16.7%", "50.0%",
                    "80.0%", "1"],
    "保全 Policy services": ["20:00", "1", "5:00", "5:00", "8:00", "8:00", "100.0%", "50.0%",
                           "100.0%", "100.0%", "0"],
}  # fmt: skip
CSV = {
    # (dimension, key): served, no_shows, wait p50, p90, sla_met, serve p50, mean, rated,
    # satisfied, late, idle, overrides
    ("overall", ""): ["6", "2", "300.0", "3120.0", "4", "300.0", "370.0", "5", "3", "1",
                      "4980.0", "1"],
    ("teller", "T001"): ["5", "1", "580.0", "3120.0", "3", "300.0", "348.0", "4", "2", "1", "",
                         "1"],
    ("counter", "02"): ["1", "1", "300.0", "300.0", "1", "480.0", "480.0", "1", "1", "0",
                        "2520.0", "0"],
    ("service", "payment"): ["5", "1", "580.0", "3120.0", "3", "300.0", "348.0", "4", "2", "1",
                             "", ""],
}  # fmt: skip
CSV_COLUMNS = (
    *("served", "no_shows", "wait_p50_s", "wait_p90_s", "sla_met", "serve_p50_s"),
    *("serve_mean_s", "rated", "satisfied", "late_ratings", "idle_s", "overrides"),
)


@pytest.fixture
def report(station, station2, config, tmp_path):
    scripted_day(station, station2)
    path = config_file(config, tmp_path)

    def run(kind: str):
        out = tmp_path / f"report.{kind}"
        args = ["--config", str(path), "report", "service", "--from", "2026-11-27"]
        result = CliRunner().invoke(
            main, [*args, "--to", "2026-11-27", "--format", kind, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert result.output.strip() == str(out)
        return out

    return run


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext not installed")
def test_the_pdf_shows_every_figure_of_the_scripted_day(report, wqy):
    pdf = report("pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for label, figures in ROWS.items():
        if label == "全网点":
            continue  # the branch's figures are a column of their own table, checked below
        row = f"{label} {' '.join(figures)}"
        assert any(line == row for line in lines), f"no row {row!r} in:\n{text}"
    branch = [line for line in lines if line.startswith(("服务人数", "等候", "办理", "平均"))]
    for figure in ROWS["全网点"][:5]:
        assert any(line.endswith(f" {figure}") for line in branch)
    for zh, figure in zip(
        ("等候达标率", "过号率", "满意率", "评价率", "迟评", "空闲时长", "授权申请"),
        ROWS["全网点"][5:],
        strict=True,
    ):
        assert any(line.startswith(zh) and line.endswith(f" {figure}") for line in lines), zh
    assert "2026-11-27 — 2026-11-27" in text
    assert "缴费等候P90 52:00 超过目标 15:00" in text  # the analysis, against the target
    assert "满意率最高：T002 李娜 100.0%；最低：T001 张敏 50.0%" in text


def test_the_csv_parses_to_the_same_figures(report):
    rows = list(csv.DictReader(report("csv").read_text(encoding="utf-8").splitlines()))
    by = {(row["dimension"], row["key"]): row for row in rows}
    assert [(row["dimension"], row["key"]) for row in rows] == [
        ("overall", ""), ("teller", "T001"), ("teller", "T002"), ("counter", "01"),
        ("counter", "02"), ("service", "payment"), ("service", "policy_service"),
    ]  # fmt: skip
    for key, figures in CSV.items():
        assert [by[key][column] for column in CSV_COLUMNS] == figures, key
    overall = by[("overall", "")]
    assert float(overall["satisfaction"]) == pytest.approx(0.6)
    assert float(overall["rating_rate"]) == pytest.approx(5 / 6, abs=1e-4)
    assert float(overall["sla_rate"]) == pytest.approx(4 / 6, abs=1e-4)
    assert float(overall["no_show_rate"]) == pytest.approx(0.25)
    assert by[("service", "payment")]["target_wait_s"] == "900.0"
    assert (overall["period_from"], overall["period_to"]) == ("2026-11-27", "2026-11-27")


def test_a_period_ending_before_it_starts_is_refused_in_one_line(config, tmp_path):
    path = config_file(config, tmp_path)
    args = ["--config", str(path), "--lang", "en", "report", "service"]
    result = CliRunner().invoke(main, [*args, "--from", "2026-11-27", "--to", "2026-11-01"])
    assert result.exit_code == 1
    assert "before it starts" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "output").exists() or not any((tmp_path / "output").iterdir())
