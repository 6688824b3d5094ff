"""The scripted day of test_reports, on paper: each printout balances to the fen."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from printing.pipeline import print_document
from tests.test_reports import _scripted_day

pytestmark = pytest.mark.db


def _printed(station, who, kind: str, ref: str) -> str:
    outcome = print_document(station, who, kind, ref)
    text = "\n".join(page.extract_text() for page in PdfReader(outcome.path).pages)
    return re.sub(r"[ \t]+", " ", text)


def test_every_printout_of_the_scripted_day_balances_to_the_fen(station, station2):
    day = _scripted_day(station, station2)
    supervisor = station.auth.sign_in("S001", "demo1234")
    handover = _printed(station, supervisor, "handover", str(day.handover))
    for figure in ("¥59,000.00", "¥58,999.00", "-¥1.00", "业务印章一枚", "王强"):
        assert figure in handover, figure

    zhang = _printed(station, supervisor, "teller_day", "T001@2026-11-27")
    # 0.00 + 12,500.00 - 3,500.00 + 50,000.00 - 0.00 = 59,000.00, handed over whole
    for figure in ("¥12,500.00", "¥3,500.00", "¥50,000.00", "¥59,000.00", "已交班"):
        assert figure in zhang, figure

    li = _printed(station, supervisor, "teller_day", "T002@2026-11-27")
    # 58,999.00 + 9,600.00 - 60,000.00 = 8,599.00; counted 8,598.90: short 0.10
    for figure in ("¥58,999.00", "¥9,600.00", "¥60,000.00", "¥8,599.00", "¥8,598.90", "-¥0.10"):
        assert figure in li, figure
    assert "点钞失误" in li and "王强" in li

    branch = _printed(station, supervisor, "branch_day", "2026-11-27")
    # cash in 12,000 + 9,600 (the reversed 500 left out), out 3,000; two differences
    for figure in ("¥21,600.00", "¥3,000.00", "-¥0.10", "-¥1.00", "张敏", "李娜"):
        assert figure in branch, figure
