"""A realistic receipt, built by hand, for the printing tests."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from workstation.domain.prints import DocumentKind, PrintTicket
from workstation.services.receipt_data import (
    ApprovalLine,
    Bilingual,
    BranchHeader,
    ReceiptData,
    ReceiptLine,
)

FULL_ID = "110105198001010016"
FULL_CARD = "6222021000123450"
MASKED_ID = "110105********0016"
MASKED_CARD = "6222 **** **** 3450"
SERIAL = "SH01-20261127-01-00001"
HEADER = BranchHeader(
    "SH01",
    Bilingual("上海浦东营业部", "Shanghai Pudong Service Centre"),
    Bilingual("01 号柜台", "Counter 01"),
)


def surrender_receipt(**changes: object) -> ReceiptData:
    """张三 surrenders P2024000001 for ¥86,400.00, approved locally by 王强 (S001)."""
    data = ReceiptData(
        branch_code=HEADER.branch_code,
        branch=HEADER.branch,
        counter=HEADER.counter or Bilingual("", ""),
        serial=SERIAL,
        business_date="2026-11-27",
        posted_at="2026-11-27 10:15:03",
        business=Bilingual("退保", "Surrender"),
        template_code="3101",
        policy_no="P2024000001",
        customer_name="张三",
        customer_id_masked=MASKED_ID,
        lines=(
            ReceiptLine(Bilingual("保单号", "Policy number"), "P2024000001"),
            ReceiptLine(Bilingual("投保人姓名", "Policyholder's name"), "张三"),
            ReceiptLine(Bilingual("退保金额（元）", "Surrender value (CNY)"), "¥86,400.00"),
            ReceiptLine(Bilingual("银行卡号", "Bank card number"), MASKED_CARD),
            ReceiptLine(Bilingual("退保原因", "Reason for surrender"), "经济困难"),
        ),
        amount=Decimal("86400.00"),
        amount_in_words="人民币捌万陆仟肆佰元整",
        direction=Bilingual("付款", "Money out"),
        method=Bilingual("银行卡", "Bank card"),
        teller_name="李娜",
        teller_id="T001",
        approvals=(
            ApprovalLine(
                name="王强",
                staff_id="S001",
                level=1,
                mode=Bilingual("本地", "local"),
                reason=Bilingual("金额超过柜员权限", "Amount above the teller's limit"),
            ),
        ),
        signature=True,
        reversal_of=None,
        reversal_reason=None,
        print_no=1,
        reprint_reason=None,
        qr_payload=f"CW1|{SERIAL}|9f2c4e1a7b3d5f60",
    )
    return dataclasses.replace(data, **changes)


def fake_printer(station, tmp_path, monkeypatch, script: str = ""):
    """A printer named PDF behind an ``lp`` on PATH that runs ``script`` (by default it logs
    its arguments, one a line, and takes the job); returns the log's path."""
    import os

    from tests.test_printing_output import fake_lp

    bin_dir, log = tmp_path / "bin", tmp_path / "lp.log"
    bin_dir.mkdir(exist_ok=True)
    fake_lp(bin_dir, script or f'printf "%s\\n" "$@" >> {log}; echo "request id is PDF-1"')
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    station.config = station.config.model_copy(
        update={"printing": station.config.printing.model_copy(update={"printer": "PDF"})}
    )
    return log


def pdf_text(path: Path) -> str:
    """The text of every page of a PDF, as a reader (or pdftotext) would take it."""
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@dataclass(frozen=True)
class Prepared:
    data: ReceiptData
    ticket: PrintTicket


def prepare_receipt(station, serial: str, who, reason: str | None = None) -> Prepared:
    """Begin a print of posting ``serial``'s receipt (numbered, pending) and say what it
    says, as the print pipeline does before it renders: for tests of the numbering."""
    receipts = station.receipts
    ticket = receipts.begin(DocumentKind.RECEIPT, serial, who, reason)
    return Prepared(receipts.receipt(serial, ticket.print_no, ticket.reprint_reason), ticket)
