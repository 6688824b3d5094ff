"""Till paper: the vault slip (现金请领单 / 现金上缴单, A5) and the shift handover
record (交接班记录, A4).

Both list the cash by denomination and carry signature lines for the two people
who counted it; a reprint is marked as on the receipt.
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from printing.base import A4, A5, bilingual, build_pdf, para
from printing.columns import CODE, NUM, TEXT, Column, data_table
from printing.fonts import FontChoice, register
from printing.grid import LABEL_WIDTH, Cell
from printing.report_parts import (
    A4_MARGIN,
    A4_WIDTH,
    DASH,
    NONE,
    both,
    count_table,
    denomination,
    gap,
    money_or_dash,
    pieces,
    report_head,
    report_page,
    section,
    signatures,
    signed,
    verdict,
    who,
    yuan,
)
from printing.styles import INK, SHADE, styles
from workstation.domain.capitals import amount_in_words
from workstation.domain.cash import DENOMINATIONS
from workstation.domain.money import from_fen
from workstation.services.receipt_data import Bilingual
from workstation.services.report_data import HandoverData, VaultSlipData

SLIP_MARGIN = 10 * mm
SLIP_WIDTH = A5[0] - 2 * SLIP_MARGIN
SLIP_TITLES = {
    "请领": Bilingual("现金请领单", "Cash requisition slip (from the vault)"),
    "上缴": Bilingual("现金上缴单", "Cash remittance slip (to the vault)"),
}
HANDOVER_TITLE = Bilingual("交接班记录", "Shift handover record")


def slip_title(direction: Bilingual) -> Bilingual:
    """现金请领单 or 现金上缴单 by the transfer's direction."""
    fallback = Bilingual(f"现金{direction.zh}单", f"Vault cash slip: {direction.en}")
    return SLIP_TITLES.get(direction.zh, fallback)


def render_vault_slip(data: VaultSlipData, font: FontChoice) -> bytes:
    """The vault slip as PDF bytes: one A5 page, the count, the total in figures and in
    capitals, and the lines the teller and the vault officer sign on."""
    name = register(font)
    title = slip_title(data.direction)
    setup = report_page(data.header, title, name, A5, SLIP_MARGIN, f"{title.en} {data.transfer_id}")
    counter = data.header.counter
    facts = [
        Cell("网点", "Branch", both(data.header.branch)),
        Cell("柜台", "Counter", both(counter) if counter else DASH),
        Cell("方向", "Direction", both(data.direction)),
        Cell("营业日", "Business date", data.business_date),
        Cell("时间", "Time", data.at),
    ]
    number = Bilingual(f"调拨编号 {data.transfer_id}", f"Transfer no. {data.transfer_id}")
    story: list[Flowable] = [
        *report_head(data, title, name, SLIP_WIDTH, facts, number),
        gap(3 * mm),
        count_table(data.count, name, SLIP_WIDTH, largest=9),
        gap(3 * mm),
        amount_box(data.count.total, name, SLIP_WIDTH),
        gap(4 * mm),
        signatures(
            [("柜员", "Teller", data.teller), ("库管员", "Vault officer", data.officer)],
            name,
            SLIP_WIDTH,
        ),
    ]
    return build_pdf(setup, story)


def amount_box(amount: Decimal, font: str, width: float) -> Table:
    """金额 in figures, 大写 in Chinese capitals, boxed as on a voucher."""
    st = styles(font)
    rows = [
        [
            bilingual("金额", "Amount", st["label"], st["label_en"]),
            para(yuan(amount), st["amount"]),
        ],
        [
            bilingual("大写", "In words", st["label"], st["label_en"]),
            para(amount_in_words(amount), st["words"]),
        ],
    ]
    return Table(
        rows,
        colWidths=[LABEL_WIDTH, width - LABEL_WIDTH],
        style=[
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("BOX", (0, 0), (-1, -1), 0.8, INK),
            ("LINEBELOW", (0, 0), (-1, 0), 0.4, INK),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ],
    )


SIDE_BY_SIDE = (
    Column("面额", "Denomination", CODE),
    Column("交出张数", "Outgoing pieces", NUM),
    Column("交出金额", "Outgoing amount", NUM),
    Column("接收张数", "Incoming pieces", NUM),
    Column("接收金额", "Incoming amount", NUM),
    Column("差异张数", "Difference pieces", NUM),
    Column("差异金额", "Difference amount", NUM),
)
CHECK = (
    Column("项目", "Item", TEXT, weight=2),
    Column("金额", "Amount", NUM),
    Column("说明", "Remark", TEXT),
)


def render_handover(data: HandoverData, font: FontChoice) -> bytes:
    """The handover record as PDF bytes (A4): both counts side by side, what the box should
    have held, the differences, the items handed over and the signatures."""
    name = register(font)
    subject = f"{HANDOVER_TITLE.en} {data.handover_id}"
    setup = report_page(data.header, HANDOVER_TITLE, name, A4, A4_MARGIN, subject)
    counter = data.header.counter
    facts = [
        Cell("营业日", "Business date", data.business_date),
        Cell("交接时间", "Time", data.at),
        Cell("交出人", "Outgoing teller", who(data.outgoing)),
        Cell("接收人", "Incoming teller", who(data.incoming)),
        Cell("柜台", "Counter", both(counter) if counter else DASH, wide=True),
    ]
    signers = [
        ("交出人", "Outgoing teller", data.outgoing),
        ("接收人", "Incoming teller", data.incoming),
    ]
    if data.approved_by is not None:
        signers.append(("监交人", "Supervisor", data.approved_by))
    items = "\n".join(f"{i}. {line}" for i, line in enumerate(data.items, 1)) or NONE
    number = Bilingual(f"记录编号 {data.handover_id}", f"Record no. {data.handover_id}")
    story: list[Flowable] = [
        *report_head(data, HANDOVER_TITLE, name, A4_WIDTH, facts, number),
        *section("券别清点", "Count by denomination: outgoing and incoming", name),
        _counts(data, name),
        *section("核对", "Check", name),
        data_table(CHECK, _check_rows(data), name, A4_WIDTH, largest=9),
        *section("交接物品", "Items handed over", name),
        para(items, styles(name)["body"]),
        gap(6 * mm),
        signatures(signers, name, A4_WIDTH, per_row=2),
    ]
    return build_pdf(setup, story)


def _counts(data: HandoverData, font: str) -> Table:
    out, into = data.outgoing_count, data.incoming_count
    rows = []
    for v in DENOMINATIONS:
        moved = into.get(v) - out.get(v)
        rows.append(
            [
                denomination(v),
                pieces(out.get(v)),
                money_or_dash(from_fen(v * out.get(v))),
                pieces(into.get(v)),
                money_or_dash(from_fen(v * into.get(v))),
                f"{moved:+,}" if moved else DASH,
                signed(from_fen(v * moved)) if moved else DASH,
            ]
        )
    out_n, in_n = sum(out.pieces.values()), sum(into.pieces.values())
    total = [
        "合计 Total",
        f"{out_n:,}",
        yuan(out.total),
        f"{in_n:,}",
        yuan(into.total),
        f"{in_n - out_n:+,}" if in_n != out_n else DASH,
        signed(into.total - out.total) if in_n != out_n or into != out else DASH,
    ]
    return data_table(SIDE_BY_SIDE, rows, font, A4_WIDTH, total, largest=9)


def _check_rows(data: HandoverData) -> list[list[str]]:
    differs = bool(data.difference or data.outgoing_variance)
    if data.approved_by is not None:
        authorized = who(data.approved_by)
    else:
        authorized = "未授权 Not authorized" if differs else "无差异，无需授权 No difference"
    return [
        ["应有金额 Expected (what the box should hold)", yuan(data.expected), ""],
        ["交出清点 Outgoing count", yuan(data.outgoing_count.total), ""],
        [
            "交出差异 Outgoing variance (outgoing count - expected)",
            signed(data.outgoing_variance),
            verdict(data.outgoing_variance),
        ],
        ["接收复点 Incoming recount", yuan(data.incoming_count.total), ""],
        [
            "交接差异 Difference (incoming - outgoing)",
            signed(data.difference),
            verdict(data.difference),
        ],
        ["差异授权 Difference authorized by", "", authorized],
    ]
