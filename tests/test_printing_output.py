"""PDF file names, atomic saves and the hand-over to ``lp``."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from printing.output import PrintFailed, pdf_name, save_pdf, send_to_printer
from workstation.domain.errors import WorkstationError


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("receipt", "SH01-20261127-01-00001"), "SH01-20261127-01-00001-receipt.pdf"),
        (("receipt", "SH01-20261127-01-00001", 2), "SH01-20261127-01-00001-receipt-reprint1.pdf"),
        (("receipt", "SH01-20261127-01-00001", 3), "SH01-20261127-01-00001-receipt-reprint2.pdf"),
        (("sample", "3101-surrender"), "sample-3101-surrender.pdf"),
        (("handover", "SH01/2026 11 27"), "SH01_2026_11_27-handover.pdf"),
    ],
)
def test_pdf_names(args, name):
    assert pdf_name(*args) == name


@pytest.mark.parametrize(("kind", "key", "n"), [("receipt", "..", 1), ("", "x", 1), ("r", "x", 0)])
def test_pdf_name_refuses_nonsense(kind, key, n):
    with pytest.raises(ValueError):
        pdf_name(kind, key, n)


def test_save_pdf_creates_the_folder_and_replaces_whole(tmp_path):
    folder = tmp_path / "out" / "2026"
    path = save_pdf(folder, "a.pdf", b"%PDF-1 first")
    assert path == folder / "a.pdf" and path.read_bytes() == b"%PDF-1 first"
    save_pdf(folder, "a.pdf", b"%PDF-1 second")
    assert path.read_bytes() == b"%PDF-1 second"
    assert sorted(p.name for p in folder.iterdir()) == ["a.pdf"]


def test_save_pdf_refuses_a_path_for_a_name(tmp_path):
    with pytest.raises(ValueError):
        save_pdf(tmp_path, "../escape.pdf", b"x")


def fake_lp(folder: Path, script: str) -> None:
    """An ``lp`` on PATH that runs ``script`` (a shell body)."""
    lp = folder / "lp"
    lp.write_text(f"#!/bin/sh\n{script}\n")
    lp.chmod(lp.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def saved(tmp_path) -> Path:
    return save_pdf(tmp_path / "out", "r.pdf", b"%PDF-1.4 receipt")


def test_send_to_printer_calls_lp_with_the_media(tmp_path, saved, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "args"
    fake_lp(bin_dir, f'printf "%s\\n" "$@" > {log}; echo "request id is PDF-1"')
    monkeypatch.setenv("PATH", str(bin_dir))
    send_to_printer(saved, "PDF", "A5")
    assert log.read_text().split("\n")[:-1] == ["-d", "PDF", "-o", "media=A5", str(saved)]


def test_a_refusing_printer_raises_with_what_lp_said(tmp_path, saved, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_lp(bin_dir, 'echo "lp: The printer or class does not exist." >&2; exit 1')
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(PrintFailed) as failed:
        send_to_printer(saved, "Nowhere")
    assert isinstance(failed.value, WorkstationError)
    assert failed.value.msg.key == "printing.lp_failed"
    assert failed.value.msg.params == {
        "printer": "Nowhere",
        "reason": "lp: The printer or class does not exist.",
    }
    assert saved.read_bytes() == b"%PDF-1.4 receipt"


def test_no_lp_at_all(tmp_path, saved, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(PrintFailed) as failed:
        send_to_printer(saved, "PDF")
    assert failed.value.msg.params["reason"] == "lp not found"
    assert saved.exists()


def test_an_lp_that_hangs_times_out(tmp_path, saved, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_lp(bin_dir, "exec sleep 5")
    monkeypatch.setenv("PATH", str(bin_dir) + os.pathsep + "/usr/bin" + os.pathsep + "/bin")
    monkeypatch.setattr("printing.output.LP_TIMEOUT", 0.2)
    with pytest.raises(PrintFailed) as failed:
        send_to_printer(saved, "PDF")
    assert "did not answer" in failed.value.msg.params["reason"]
    assert saved.exists()
