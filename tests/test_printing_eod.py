"""Till slips and end-of-day printouts on paper: the figures, the marks, the fit."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from printing.columns import data_table
from printing.eod import ledger_rows, render_branch_summary, render_teller_reconciliation
from printing.eod_tables import BRANCH_TABLES, branch_tables
from printing.fonts import choose_font, register
from printing.till_slips import render_handover, render_vault_slip
from tests import eod_support as day
from workstation.domain.cash import Count
from workstation.services.receipt_data import Bilingual
from workstation.services.report_data import BusinessLine, LargeCashLine, Person, TellerTotal

LEDGER = (
    "开班库存Opening¥2,000.00+现金收入Cashin¥12,000.00-现金付出Cashout¥500.00"
    "+库房请领Fromthevault¥5,000.00-上缴库房Tothevault¥10,000.00=应有库存Expected¥8,500.00"
    "实点库存Counted¥8,499.90长短款Over/short:短款short-¥0.10"
)
RENDERERS = {
    "slip": (render_vault_slip, day.vault_slip),
    "handover": (render_handover, day.handover),
    "teller": (render_teller_reconciliation, day.teller_day),
    "branch": (render_branch_summary, day.branch_day),
}

LINES = {
    "slip": (
        "现金请领单Cashrequisitionslip(fromthevault)",
        "调拨编号7Transferno.7",
        "网点Branch上海浦东营业部ShanghaiPudongServiceCentre",
        "柜台Counter01号柜台Counter01方向Direction请领Fromthevault",
        "营业日Businessdate2026-11-27时间Time2026-11-2709:05:00",
        "¥10040¥4,000.00¥5016¥800.00¥2010¥200.00¥10——",
        "¥0.1——合计Total66¥5,000.00",
        "金额Amount¥5,000.00大写Inwords人民币伍仟元整",
        "柜员签名Tellersignature张敏(T001)库管员签名Vaultofficersignature陈静(V001)",
    ),
    "handover": (
        "交接班记录Shifthandoverrecord",
        "交出人Outgoingteller张敏(T001)接收人Incomingteller李娜(T002)",
        "¥10080¥8,000.0080¥8,000.00——",
        "合计Total95¥8,600.0095¥8,600.00——",
        "应有金额Expected(whattheboxshouldhold)¥8,600.50",
        "交出差异Outgoingvariance(outgoingcount-expected)-¥0.50短款short",
        "交接差异Difference(incoming-outgoing)¥0.00相符balanced",
        "差异授权Differenceauthorizedby王强(S001)",
        "1.尾箱钥匙1把Tillkey2.空白回单50张Blankreceipts",
        "监交人签名Supervisorsignature王强(S001)",
    ),
    "teller": (
        "柜员日终轧账表Tellerend-of-dayreconciliation",
        "柜员Teller张敏(T001)营业日Businessdate2026-11-27",
        LEDGER,
        "差异原因Reason:点钞差错miscount签核主管Signedoffby:王强(S001)",
        "¥10084¥8,400.00",
        "合计Total101¥8,499.90",
        "柜员签名Tellersignature主管签名Supervisorsignature张敏(T001)王强(S001)",
        "1101续期缴费Renewalpremium1¥12,000.00¥0.00¥0.00¥0.00",
        "2001联系方式变更Changeofcontactdetails2¥0.00¥0.00¥0.00¥0.00",
        "3101退保Surrender1¥0.00¥0.00¥0.00¥86,400.00",
        "3201保单借款Policyloan1¥0.00¥500.00¥0.00¥0.00",
        "合计Total5¥12,000.00¥500.00¥0.00¥86,400.00",
        f"{day.serial(6)}{day.serial(5)}联系方式变更Changeofcontactdetails—客户电话录入错误",
        f"{day.serial(3)}退保Surrender¥86,400.00王强(S001)1本地local",
        f"{day.serial(1)}1打印机卡纸paperjamT001",
        "2026-11-2709:05:00请领Fromthevault¥5,000.00陈静(V001)",
        "2026-11-2716:30:00上缴Tothevault¥10,000.00陈静(V001)",
        "交接班Handovers—无None",
    ),
    "branch": (
        "网点营业日汇总表Branchdailysummary",
        "轧账时间Closedat2026-11-2718:05:00轧账主管Closedby王强(S001)",
        "张敏(T001)5¥12,000.00¥500.00¥0.00¥86,400.00-¥0.10短款",
        "李娜(T002)2¥60,000.00¥0.00¥1,500.00¥0.00¥0.00相符",
        "网点合计Branchtotal7¥72,000.00¥500.00¥1,500.00¥86,400.00-¥0.10短款",
        "1001新契约首期收费Firstpremiumforanewpolicy1¥60,000.00¥0.00¥0.00¥0.00",
        "合计Total7¥72,000.00¥500.00¥1,500.00¥86,400.00",
        f"{day.serial(1, '02')}赵六110105********0016续期缴费Renewalpremium"
        "¥60,000.00收款MoneyinT002",
        "日终长短款Over/shortatclose张敏(T001)01-¥0.10短款点钞差错miscount王强(S001)",
    ),
}
"""What each paper, built from ``eod_support``'s day, must show: the vault slip counts and
writes the amount in capitals, the handover record both counts and the differences, the teller
sheet balances the box and lists the day, the branch summary totals tellers and businesses."""


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text as pypdf extracts it, whitespace removed (lines wrap anywhere)."""
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def one_page(pdf: bytes) -> str:
    pages = pages_text(pdf)
    assert len(pages) == 1
    assert "第1页/共1页·Page1of1" in pages[0]
    return pages[0]


@pytest.mark.parametrize("kind", sorted(LINES))
def test_each_paper_shows_the_day_on_one_page(wqy, kind):
    render, build = RENDERERS[kind]
    text = one_page(render(build(), wqy))
    for line in LINES[kind]:
        assert line in text, line
    assert "NOTCLOSED" not in text and "REPRINT" not in text


def test_an_open_till_is_marked_and_left_uncounted(wqy):
    data = day.teller_day(
        counted=None, variance=None, variance_reason=None, signed_off_by=None, closing_count=None
    )
    text = one_page(render_teller_reconciliation(data, wqy))
    assert text.count("尚未日终NOTCLOSED") == 1
    assert "=应有库存Expected¥8,500.00实点库存Counted—长短款Over/short—" in text
    assert "签核主管" not in text and "面额Denomination" not in text


def test_an_over_is_labelled_and_signed():
    data = day.teller_day(counted=D("8505.00"), variance=D("5.00"))
    assert ["", "长短款 Over/short: 长款 over", "+¥5.00"] in ledger_rows(data)


def test_a_ledger_that_does_not_add_up_shows_the_gap():
    """A teller who took over a second box: the figures differ from the last box's expected."""
    rows = ledger_rows(day.teller_day(expected=D("8600.00"), counted=None, variance=None))
    assert ["+", "交接调整 Other shifts", "¥100.00"] in rows
    assert rows.index(["=", "应有库存 Expected", "¥8,600.00"]) == 6


def test_a_remittance_slip_with_coins(wqy):
    count = Count.of(y100=12, y20=1, y10=1, y1=4, y0_5=1)
    text = one_page(render_vault_slip(day.vault_slip(direction=day.TO_VAULT, count=count), wqy))
    assert "现金上缴单Cashremittanceslip(tothevault)" in text
    assert "¥0.51¥0.50" in text and "合计Total19¥1,234.50" in text
    assert "人民币壹仟贰佰叁拾肆元伍角整" in text


def test_a_recount_that_differs_is_short_and_without_items_says_none(wqy):
    incoming = Count.of(y100=79, y50=10, y20=5)
    data = day.handover(
        incoming_count=incoming,
        difference=D("-100.00"),
        outgoing_variance=D("0.00"),
        expected=D("8600.00"),
        items=(),
    )
    text = one_page(render_handover(data, wqy))
    assert "¥10080¥8,000.0079¥7,900.00-1-¥100.00" in text
    assert "合计Total95¥8,600.0094¥8,500.00-1-¥100.00" in text
    assert "交接差异Difference(incoming-outgoing)-¥100.00短款short" in text
    assert "交接物品Itemshandedover无None" in text
    unapproved = one_page(render_handover(day.handover(approved_by=None), wqy))
    assert "监交人" not in unapproved
    assert "差异授权Differenceauthorizedby未授权Notauthorized" in unapproved


def test_an_open_day_with_nothing_to_report(wqy):
    data = day.branch_day(closed_at=None, closed_by=None, large_cash=(), variances=())
    text = one_page(render_branch_summary(data, wqy))
    assert "尚未轧账NOTCLOSED" in text
    assert "大额现金交易报告Large-valuecashtransactionstoreport—无None" in text
    assert "长短款及差异Variances—无None" in text


def test_a_big_branch_breaks_across_pages_with_the_header_repeated(wqy):
    pdf = render_branch_summary(day.branch_day(teller_count=20, large_count=60), wqy)
    pages = pages_text(pdf)
    assert len(pages) >= 2
    text = "".join(pages)
    for n in range(1, 21):
        assert f"(T{n:03d})" in text
    for n in range(1, 61):
        assert text.count(day.serial(n, "02")) == 1
    carrying = [page for page in pages if day.serial(1, "02")[:-5] in page]
    assert len(carrying) >= 2
    for page in carrying:
        assert "流水号Serial客户Customer业务Business金额Amount收付Direction柜员Teller" in page
    assert f"Page{len(pages)}of{len(pages)}" in pages[-1]


def test_every_table_fits_the_page_at_the_largest_realistic_size(wqy):
    """20 tellers and 13 business types near a billion yuan, 50 large-cash lines."""
    big = D("999999999.99")
    tellers = tuple(
        TellerTotal(Person(f"欧阳明月{n}", f"T{n:03d}"), 99999, big, big, big, big, D("-9999.99"))
        for n in range(20)
    )
    businesses = tuple(
        BusinessLine(
            f"{n:04d}",
            Bilingual("满期金/生存金领取", "Maturity or survival benefit"),
            99999,
            big,
            big,
            big,
            big,
        )
        for n in range(13)
    )
    cash = tuple(
        LargeCashLine(
            day.serial(n),
            f"欧阳明月 {day.MASKED_ID}",
            day.RENEWAL,
            big,
            Bilingual("付款", "Money out"),
            "T001",
        )
        for n in range(50)
    )
    data = day.branch_day(tellers=tellers, businesses=businesses, large_cash=cash)
    font = register(wqy)
    pdf = render_branch_summary(data, wqy)
    width = PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width - 2 * 15 * 72 / 25.4
    tables = branch_tables(data)
    for key, (_zh, _en, columns) in BRANCH_TABLES.items():
        rows, total = tables[key]
        table = data_table(columns, rows, font, float(width), total)
        assert table.wrap(float(width), 10_000)[0] <= float(width) + 0.01, key
    assert "¥999,999,999.99" in "".join(pages_text(pdf))


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_the_same_data_gives_the_same_bytes(wqy, kind):
    render, build = RENDERERS[kind]
    assert render(build(), wqy) == render(build(), wqy)


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_a_reprint_is_marked(wqy, kind):
    render, build = RENDERERS[kind]
    first = "".join(pages_text(render(build(), wqy)))
    again = "".join(pages_text(render(build(print_no=3, reprint_reason="<b>遗失</b> & lost"), wqy)))
    assert "REPRINT" not in first and "第2次" not in first
    assert "重打REPRINT·第2次No.2·原因Reason:<b>遗失</b>&lost" in again


def test_the_cid_fallback_still_renders():
    fallback = choose_font(candidates=[])
    pdf = render_teller_reconciliation(day.teller_day(), fallback)
    assert b"STSong-Light" in pdf and b"/FontFile2" not in pdf


def test_a_table_too_wide_for_portrait_turns_the_page(wqy):
    """Columns that never wrap (amounts, codes) decide: here a long direction label."""
    long_way = Bilingual(
        "收款", "Money in: cash paid at the counter by the policyholder's agent, twice"
    )
    cash = tuple(
        LargeCashLine(day.serial(n), "赵六", day.RENEWAL, D("9999999999999.99"), long_way, "T001")
        for n in range(3)
    )
    pdf = render_branch_summary(day.branch_day(large_cash=cash), wqy)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert page.mediabox.width > page.mediabox.height
    assert "¥9,999,999,999,999.99" in "".join(pages_text(pdf))
