"""The queue ticket through the one print pipeline: 80 mm paper, the number, the service, the
documents, the wait; nothing personal; lobby staff and supervisors print it, tellers do not."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from printing.pipeline import print_document
from tests.printing_support import fake_printer
from workstation.domain.prints import DocumentKind
from workstation.domain.queue import Priority
from workstation.services.documents import DocumentRefused
from workstation.services.journal_audit import audit

pytestmark = pytest.mark.db
PW = "demo1234"
TICKET = DocumentKind.TICKET


def pdftotext(path: Path) -> str:
    """The text as poppler's ``pdftotext`` reads it (what a customer's phone would see)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_a_ticket_prints_on_80_mm_with_number_service_documents_and_no_id(
    station, tmp_path, monkeypatch
):
    log = fake_printer(station, tmp_path, monkeypatch)
    lobby = station.auth.sign_in("L001", PW)
    station.queue.issue(lobby, "policy_service", Priority.PREGNANT)  # as high: ahead
    station.queue.issue(lobby, "policy_service", Priority.NONE)  # lower: behind
    issued = station.queue.issue(lobby, "policy_service", Priority.ELDERLY, business="3101")

    outcome = print_document(station, lobby, TICKET, str(issued.ticket.id))

    day = issued.business_date.replace("-", "")
    assert outcome.printed and outcome.path.name == f"SH01-{day}-B003-ticket.pdf"
    box = PdfReader(outcome.path).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((80 * mm, 160 * mm), abs=0.5)
    assert len(PdfReader(outcome.path).pages) == 1
    assert "media=Custom.80x160mm" in log.read_text()
    text = pdftotext(outcome.path)
    assert "B003" in text and "保全" in text and "Policy services" in text
    assert "退保申请书（投保人签名）" in text and "保险合同原件" in text
    assert "经公证的授权委托书" not in text  # an agent's extra, not on every ticket
    assert "老年人" in text and "95500" in text and "意见簿" in text
    assert re.search(r"前面等候 +1 人", text) and re.search(r"预计等候 +约 10 分钟", text), text
    assert not re.search(r"\d{17}[\dX]", text)  # no resident ID, nor anything like one
    assert audit(station.db).ok and station.journal.verify(station.db).ok


def test_lobby_staff_and_supervisors_print_tickets_tellers_do_not(station):
    lobby = station.auth.sign_in("L001", PW)
    issued = station.queue.issue(lobby, "payment", Priority.NONE)
    ref = str(issued.ticket.id)
    with pytest.raises(DocumentRefused) as refused:
        print_document(station, station.auth.sign_in("T001", PW), TICKET, ref)
    assert refused.value.msg.key == "document.not_yours"
    first = print_document(station, lobby, TICKET, ref)
    again = print_document(station, station.auth.sign_in("S001", PW), TICKET, ref, "客户遗失")
    assert first.print_no == 1 and again.print_no == 2
    assert "重打 REPRINT" in pdftotext(again.path) and "A001" in pdftotext(again.path)


def test_a_ticket_for_a_whole_service_stays_one_page(station):
    """No business named: every document of the service's businesses, run together."""
    lobby = station.auth.sign_in("L001", PW)
    issued = station.queue.issue(lobby, "policy_service", Priority.NONE)
    assert len(issued.documents) > 6
    outcome = print_document(station, lobby, TICKET, str(issued.ticket.id))
    assert len(PdfReader(outcome.path).pages) == 1
    text = pdftotext(outcome.path).replace("\n", "").replace(" ", "")
    assert "按所办业务准备" in text and "退保申请书" in text and "被保险人身份证原件" in text
    assert "老年人" not in text  # no priority, none printed
