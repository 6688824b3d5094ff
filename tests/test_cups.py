"""A receipt through a real CUPS queue (cups-pdf): the printed PDF keeps the ASCII serial.

CI installs cups and cups-pdf, starts cupsd and creates the queue, then sets
WORKSTATION_TEST_CUPS_QUEUE and WORKSTATION_TEST_CUPS_OUT.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from printing.pipeline import print_document
from tests.ledger_support import contact_change, on_shift
from workstation.domain.prints import DocumentKind

QUEUE = os.environ.get("WORKSTATION_TEST_CUPS_QUEUE")
OUT = os.environ.get("WORKSTATION_TEST_CUPS_OUT")
pytestmark = pytest.mark.skipif(
    not (QUEUE and OUT and shutil.which("lp") and shutil.which("pdftotext")),
    reason="needs a CUPS PDF queue (CI sets WORKSTATION_TEST_CUPS_QUEUE)",
)


def _pdfs() -> set[Path]:
    return set(Path(OUT).rglob("*.pdf"))


def test_a_receipt_printed_through_cups_keeps_its_serial(station):
    station.config = station.config.model_copy(
        update={"printing": station.config.printing.model_copy(update={"printer": QUEUE})}
    )
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    before = _pdfs()  # the folder is the machine's: what others printed is not this job
    outcome = print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
    assert outcome.printed, outcome.error
    deadline = time.monotonic() + 60  # a hang guard: cups-pdf ends the job or it failed
    files: list[Path] = []
    while time.monotonic() < deadline:
        queued = subprocess.run(["lpstat", "-o", QUEUE], capture_output=True, text=True).stdout
        files = [p for p in _pdfs() - before if p.stat().st_size > 0]
        if files and not queued.strip():
            break
        time.sleep(0.2)
    assert files, "cups-pdf wrote no file"
    # Only this test prints to a real queue (the others use tests.printing_support's fake lp),
    # so in one run a new file is this job's; another run on the machine prints the same
    # receipt (the same serial), which passes or fails the same way.
    printed = max(files, key=lambda p: p.stat().st_mtime)
    text = subprocess.run(
        ["pdftotext", str(printed), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert posted.serial in text  # ASCII survives the printer (the STSong-Light failure)
    # Ghostscript (cups-pdf) drops the ToUnicode maps, so the Chinese cannot be extracted
    # from the printed file; what keeps it on paper is the TrueType font, still embedded.
    assert _embedded_fonts(printed) == ["WenQuanYiMicroHei"]


def _embedded_fonts(path: Path) -> list[str]:
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]).split("+")[-1].split("-")[0])
    return sorted(names)
