"""End of day on paper: the teller's reconciliation (柜员日终轧账表) and the branch's
daily summary (网点营业日汇总表), both A4.

The teller's sheet lists the day by business type and what needs explaining
(reversals, approvals, reprints, vault transfers, handovers), then balances the
cash box as a small ledger whose arithmetic can be checked by eye. The branch
summary turns landscape only when a table would not fit a portrait page.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from printing.base import A4, build_pdf
from printing.columns import CODE, NUM, TEXT, Column, data_table, fits
from printing.eod_tables import (
    BRANCH_TABLES,
    TELLER_TABLES,
    Listing,
    approval_rows,
    branch_tables,
    business_rows,
    handover_rows,
    reprint_rows,
    reversal_rows,
    transfer_rows,
)
from printing.fonts import FontChoice, register
from printing.grid import Cell
from printing.report_parts import (
    A4_MARGIN,
    A4_WIDTH,
    DASH,
    both,
    count_table,
    gap,
    listing,
    plain,
    report_head,
    report_page,
    section,
    signatures,
    signed,
    verdict,
    who,
    yuan,
)
from printing.styles import INK
from workstation.services.receipt_data import Bilingual
from workstation.services.report_data import BranchSummaryData, TellerReconciliationData

TELLER_TITLE = Bilingual("柜员日终轧账表", "Teller end-of-day reconciliation")
BRANCH_TITLE = Bilingual("网点营业日汇总表", "Branch daily summary")
TILL_OPEN = "尚未日终 NOT CLOSED"
STATUS = {"closed": "已日终 Closed", "handed_over": "已交班 Handed over"}
OPEN = "尚未日终 Not closed"
DAY_OPEN = "尚未轧账 NOT CLOSED"
PORTRAIT_SIZE = 7.5
"""The smallest type a branch summary is set in before it turns landscape."""
LEDGER = (
    Column("", "", CODE),
    Column("项目", "Item", TEXT),
    Column("金额", "Amount", NUM),
)
EXCLUDED = (
    "注：业务汇总不含冲正及被冲正业务，尾箱按现金流水计（含冲正）。"
    "Business totals leave out reversals; the cash box counts them."
)


def render_teller_reconciliation(data: TellerReconciliationData, font: FontChoice) -> bytes:
    """The teller's end-of-day sheet as PDF bytes (A4 portrait)."""
    name = register(font)
    width = A4_WIDTH
    closed = data.counted is not None
    counter = data.header.counter
    facts = [
        Cell("柜员", "Teller", who(data.teller)),
        Cell("营业日", "Business date", data.business_date),
        Cell("柜台", "Counter", both(counter) if counter else DASH),
        Cell("状态", "Status", STATUS.get(data.status or ("closed" if closed else ""), OPEN)),
    ]
    status = "" if closed else TILL_OPEN
    story = report_head(data, TELLER_TITLE, name, width, facts, status=status)
    body = {
        "businesses": business_rows(data.businesses),
        "reversals": reversal_rows(data.reversals),
        "approvals": approval_rows(data.approvals),
        "reprints": reprint_rows(data.reprints),
        "transfers": transfer_rows(data.transfers),
        "handovers": handover_rows(data.handovers),
    }
    for key, (zh, en, columns) in TELLER_TABLES.items():
        rows, total = body[key]
        story += listing(zh, en, columns, rows, name, width, total)
        if key == "businesses" and rows:
            story.append(plain(EXCLUDED, name, "note"))
    signers = [("柜员", "Teller", data.teller), ("主管", "Supervisor", data.signed_off_by)]
    story.append(
        KeepTogether(
            [
                *section("尾箱轧账", "Cash box", name),
                _cash_box(data, name, width),
                gap(3 * mm),
                signatures(signers, name, width, per_row=2),
            ]
        )
    )
    subject = f"{data.business_date} {TELLER_TITLE.en}"
    return build_pdf(report_page(data.header, TELLER_TITLE, name, A4, A4_MARGIN, subject), story)


def ledger_rows(data: TellerReconciliationData) -> list[list[str]]:
    """opening + cash in - cash out + vault in - vault out = expected; counted; over/short.

    When the figures do not add up to ``expected`` (a teller who held several boxes in
    a day), the gap is shown on its own line so the ledger still adds up on paper.
    """
    rows = [
        ["", "开班库存 Opening", yuan(data.opening)],
        ["+", "现金收入 Cash in", yuan(data.cash_in)],
        ["-", "现金付出 Cash out", yuan(data.cash_out)],
        ["+", "库房请领 From the vault", yuan(data.vault_in)],
        ["-", "上缴库房 To the vault", yuan(data.vault_out)],
    ]
    summed = data.opening + data.cash_in - data.cash_out + data.vault_in - data.vault_out
    if summed != data.expected:
        other = data.expected - summed
        rows.append(["+" if other > 0 else "-", "交接调整 Other shifts", yuan(abs(other))])
    rows.append(["=", "应有库存 Expected", yuan(data.expected)])
    if data.counted is None:
        return [*rows, ["", "实点库存 Counted", DASH], ["", "长短款 Over/short", DASH]]
    variance = data.variance if data.variance is not None else data.counted - data.expected
    rows += [
        ["", "实点库存 Counted", yuan(data.counted)],
        ["", f"长短款 Over/short: {verdict(variance)}", signed(variance)],
    ]
    if variance or data.variance_reason or data.signed_off_by:
        reason = f"差异原因 Reason: {data.variance_reason or DASH}"
        rows.append(["", f"{reason}\n签核主管 Signed off by: {who(data.signed_off_by)}", ""])
    return rows


def _cash_box(data: TellerReconciliationData, font: str, width: float) -> Flowable:
    """The ledger, and the closing count by denomination beside it when there is one."""
    rows = ledger_rows(data)
    left = width if data.closing_count is None else width * 0.55
    ledger = data_table(LEDGER, rows, font, left)
    expected = next(i for i, row in enumerate(rows, 1) if row[0] == "=")
    ledger.setStyle(
        [
            ("LINEABOVE", (0, expected), (-1, expected), 1.2, INK),
            ("LINEBELOW", (0, expected), (-1, expected), 1.2, INK),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ]
    )
    if data.closing_count is None:
        return ledger
    right = width - left - 4 * mm
    count = count_table(data.closing_count, font, right)
    return Table(
        [[ledger, count]],
        colWidths=[left + 4 * mm, right],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
        ],
    )


def render_branch_summary(data: BranchSummaryData, font: FontChoice) -> bytes:
    """The branch's business date as PDF bytes: A4, landscape when a table needs it."""
    name = register(font)
    tables = branch_tables(data)
    pagesize = A4 if _fits(tables, name, A4_WIDTH) else landscape(A4)
    width = pagesize[0] - 2 * A4_MARGIN
    closed = data.closed_at is not None
    facts = [
        Cell("营业日", "Business date", data.business_date),
        Cell("网点", "Branch", both(data.header.branch)),
        Cell("轧账时间", "Closed at", data.closed_at or DAY_OPEN),
        Cell("轧账主管", "Closed by", who(data.closed_by)),
        Cell("日志锚点", "Journal anchor", data.journal_anchor or DASH, wide=True),
    ]
    status = "" if closed else DAY_OPEN
    story = report_head(data, BRANCH_TITLE, name, width, facts, status=status)
    for key, (zh, en, columns) in BRANCH_TABLES.items():
        rows, total = tables[key]
        if key == "large_cash" and rows:
            en = f"{en}: {len(rows)}"
        story += listing(zh, en, columns, rows, name, width, total)
    story += [gap(6 * mm), signatures([("主管", "Supervisor", data.closed_by)], name, width)]
    subject = f"{data.business_date} {BRANCH_TITLE.en}"
    return build_pdf(
        report_page(data.header, BRANCH_TITLE, name, pagesize, A4_MARGIN, subject), story
    )


def _fits(tables: dict[str, Listing], font: str, width: float) -> bool:
    """Whether every table fits a portrait page in type no smaller than 7.5 pt."""
    return all(
        fits(columns, tables[key][0], font, width, tables[key][1], size=PORTRAIT_SIZE)
        for key, (_zh, _en, columns) in BRANCH_TABLES.items()
        if tables[key][0]
    )
