"""The receipt on paper: what it says, what it never says, and that it is reproducible."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from pypdf import PdfReader

from printing.fonts import choose_font
from printing.receipt import render_receipt
from tests.printing_support import (
    FULL_CARD,
    FULL_ID,
    MASKED_CARD,
    MASKED_ID,
    SERIAL,
    surrender_receipt,
)
from workstation.services.receipt_data import ApprovalLine, Bilingual

GROUPED_CARD = "6222 0210 0012 3450"


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text as pypdf extracts it, whitespace removed (lines wrap anywhere)."""
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def receipt(wqy) -> bytes:
    return render_receipt(surrender_receipt(), wqy)


def test_the_receipt_says_what_the_counter_needs(receipt):
    pages = pages_text(receipt)
    assert len(pages) == 2
    for page in pages:
        for needed in (
            SERIAL,
            "¥86,400.00",
            "人民币捌万陆仟肆佰元整",
            MASKED_ID,
            MASKED_CARD,
            "P2024000001",
            "张三",
            "退保Surrender(3101)",
            "付款Moneyout",
            "银行卡Bankcard",
            "李娜(T001)",
            "王强(S001)",
            "Level1",
            "本地local",
            "金额超过柜员权限",
            "业务回单",
            "Businessreceipt",
            "扫码核验/Scantoverify",
            "客户签名",
            "2026-11-2710:15:03",
        ):
            assert squeeze(needed) in page, needed
    assert "客户联Customercopy" in pages[0]
    assert "柜台联Countercopy" in pages[1]
    assert "第1页/共2页·Page1of2" in pages[0]
    assert "第2页/共2页·Page2of2" in pages[1]
    assert "重打" not in "".join(pages)


def test_full_numbers_never_reach_paper(receipt):
    text = "".join(pages_text(receipt))
    for full in (FULL_ID, FULL_CARD, squeeze(GROUPED_CARD)):
        assert full not in text
        assert full.encode() not in receipt
    assert GROUPED_CARD.encode() not in receipt


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext not installed")
def test_pdftotext_reads_the_receipt_too(receipt, tmp_path):
    path = tmp_path / "receipt.pdf"
    path.write_bytes(receipt)
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = squeeze(out)
    for needed in (SERIAL, "¥86,400.00", "人民币捌万陆仟肆佰元整", MASKED_ID, MASKED_CARD):
        assert squeeze(needed) in text
    assert FULL_ID not in text and FULL_CARD not in text


def test_the_same_receipt_gives_the_same_bytes(wqy, receipt):
    assert render_receipt(surrender_receipt(), wqy) == receipt
    assert render_receipt(surrender_receipt(print_no=2), wqy) != receipt


def test_a_reprint_is_marked_on_both_copies(wqy):
    data = surrender_receipt(print_no=3, reprint_reason="客户遗失回单")
    pages = pages_text(render_receipt(data, wqy))
    assert len(pages) == 2
    for page in pages:
        assert "重打REPRINT·第2次No.2" in page
        assert "客户遗失回单" in page


def test_a_reversal_receipt_names_the_original_and_the_reason(wqy):
    data = surrender_receipt(
        serial="SH01-20261127-01-00007",
        reversal_of=SERIAL,
        reversal_reason="金额录入错误",
        direction=Bilingual("收款", "Money in"),
    )
    pages = pages_text(render_receipt(data, wqy))
    for page in pages:
        assert "冲正回单Reversalreceipt" in page
        assert f"原流水号Originalserial{SERIAL}" in page
        assert "冲正原因Reason金额录入错误" in page
        assert "SH01-20261127-01-00007" in page


def test_everything_at_once_still_fits_one_page_a_copy(wqy):
    second = ApprovalLine(
        "赵敏", "S002", 2, Bilingual("远程", "remote"), Bilingual("大额付款", "Large payout")
    )
    data = surrender_receipt(
        print_no=2,
        reprint_reason="打印机卡纸 paper jam",
        reversal_of="SH01-20261127-01-00003",
        reversal_reason="客户撤回申请 customer withdrew",
        approvals=(*surrender_receipt().approvals, second),
    )
    pages = pages_text(render_receipt(data, wqy))
    assert len(pages) == 2
    assert "赵敏(S002)·2级Level2·远程remote" in pages[1]


def test_user_text_is_escaped_not_read_as_markup(wqy):
    data = surrender_receipt(print_no=2, reprint_reason="<b>lost</b> & <br/> found")
    text = "".join(pages_text(render_receipt(data, wqy)))
    assert "<b>lost</b>&<br/>found" in text


def test_a_receipt_without_money_or_signature(wqy):
    data = surrender_receipt(
        amount=None,
        amount_in_words=None,
        direction=None,
        method=None,
        signature=False,
        lines=(),
        approvals=(),
        policy_no=None,
        customer_name=None,
        customer_id_masked=None,
    )
    pages = pages_text(render_receipt(data, wqy))
    assert len(pages) == 2
    assert "人民币" not in pages[0] and "客户签名" not in pages[0]
    assert SERIAL in pages[0]


def test_large_amounts_fit(wqy):
    data = surrender_receipt(
        amount=Decimal("9999999999999.99"),
        amount_in_words="人民币玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
    )
    pages = pages_text(render_receipt(data, wqy))
    assert len(pages) == 2
    assert "¥9,999,999,999,999.99" in pages[0]


def test_the_wqy_font_is_embedded(receipt, wqy):
    assert b"/FontFile2" in receipt
    reader = PdfReader(io.BytesIO(receipt))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = [str(font.get_object()["/BaseFont"]) for font in fonts.values()]
    assert any("WenQuanYiMicroHei" in name for name in names)


def test_the_cid_fallback_is_not_embedded_and_says_so():
    fallback = choose_font(candidates=[])
    assert fallback.name == "STSong-Light"
    assert not fallback.embedded and fallback.path is None
    assert fallback.warning is not None and fallback.warning.key == "printing.font_fallback"
    pdf = render_receipt(surrender_receipt(), fallback)
    assert b"/FontFile2" not in pdf
    assert b"STSong-Light" in pdf
