"""``make demo LANG=en`` and ``workstation demo`` run again: English, earlier printouts kept."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from workstation.cli import main
from workstation.cli.demo import keep_printouts
from workstation.domain.money import format_yuan, from_fen
from workstation.services.demo_policies import demo_policies

ROOT = Path(__file__).resolve().parents[1]


def _make_demo(*variables: str) -> str:
    """The command ``make demo`` would run (``make -n``: nothing runs)."""
    done = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "demo", *variables],
        capture_output=True,
        text=True,
        check=True,
    )
    return next(line for line in done.stdout.splitlines() if "workstation demo" in line)


def test_make_demo_passes_the_language_on():
    assert "workstation demo --lang en" in _make_demo("LANG=en")
    assert "workstation demo --lang zh" in _make_demo("LANG=en_US.UTF-8")  # a locale: Chinese
    assert "--fresh" in _make_demo("LANG=zh", "DEMO_ARGS=--fresh")


def test_the_demo_command_takes_the_language_and_fresh(tmp_path, monkeypatch):
    """The command as typed reaches the demo's preparation (stubbed: seeding takes seconds)."""
    asked = []

    def prepare(data_dir, lang, history_weeks, fresh):
        asked.append((data_dir, lang, history_weeks, fresh))
        (data_dir / "config.toml").parent.mkdir(parents=True, exist_ok=True)
        return None, None

    monkeypatch.setattr("workstation.cli.demo.prepare_demo", prepare)
    monkeypatch.setattr("workstation.cli.demo.start_log", lambda *_: None)
    folder = tmp_path / "demo"
    args = ["demo", "--data-dir", str(folder), "--no-run", "--history-weeks", "0"]
    for extra in (["--lang", "en"], ["--lang", "en", "--fresh"]):
        result = CliRunner().invoke(main, [*args, *extra])
        assert result.exit_code == 0, result.output
    assert asked == [(folder, "en", 0, False), (folder, "en", 0, True)]


def test_running_the_demo_again_keeps_the_earlier_printouts(tmp_path):
    folder = tmp_path / "demo"
    assert keep_printouts(folder) is None  # the first run: nothing to keep
    for run in (1, 2):
        (folder / "output").mkdir(parents=True)
        (folder / "output" / "receipt.pdf").write_bytes(b"PDF run %d" % run)
        assert keep_printouts(folder) == folder / f"output.{run}"
        assert not (folder / "output").exists()
    assert (folder / "output.1" / "receipt.pdf").read_bytes() == b"PDF run 1"
    assert (folder / "output.2" / "receipt.pdf").read_bytes() == b"PDF run 2"
    (folder / "output").mkdir()
    (folder / "output" / "receipt.pdf").write_bytes(b"%PDF run 3")
    assert keep_printouts(folder, fresh=True) is None  # --fresh: all of them go
    assert sorted(p.name for p in folder.iterdir()) == []


def test_the_readme_tells_p2016000006_as_the_demo_has_it():
    """The README's day pays what the form proposes for 周八: the maturity benefit."""
    spec = next(p for p in demo_policies(date(2026, 11, 27)) if p["policy_no"] == "P2016000006")
    maturity = format_yuan(from_fen(spec["maturity_benefit_fen"]))
    survival = format_yuan(from_fen(spec["survival_benefit_fen"]))
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"pays 周八's {maturity} maturity benefit on `P2016000006`" in readme
    assert f"the {maturity} maturity benefit is due" in readme
    assert f"{survival} survival benefit of the latest policy anniversary" in readme
