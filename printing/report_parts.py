"""Pieces the till slips and the end-of-day printouts share.

Money with the yuan sign and over/short (长款/短款) in words, the title block,
the reprint and "not closed" marks, section headings, the count by
denomination and signature rows. Headings are fixed bilingual text, as on the
receipt; what comes from data is escaped by :func:`printing.base.para`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table

from printing.base import bilingual, para
from printing.columns import CODE, NUM, Column, data_table
from printing.form_rows import heading
from printing.styles import INK, styles
from workstation.domain.cash import DENOMINATIONS, LABELS, Count
from workstation.domain.money import format_money, from_fen
from workstation.services.receipt_data import Bilingual
from workstation.services.report_data import Person

NONE = "无 None"
DASH = "—"
SIGN_ROW = 12 * mm
"""Room to sign in."""


def yuan(amount: Decimal) -> str:
    """``¥12,000.00``; ``-¥0.10``: :func:`format_money` with the yuan sign."""
    text = format_money(amount)
    return f"-¥{text[1:]}" if text.startswith("-") else f"¥{text}"


def signed(amount: Decimal) -> str:
    """A difference with its sign: ``+¥0.10``, ``-¥0.10``, ``¥0.00``."""
    return f"+{yuan(amount)}" if amount > 0 else yuan(amount)


def verdict(amount: Decimal) -> str:
    """``长款 over`` (more than there should be), ``短款 short`` or ``相符 balanced``."""
    if amount > 0:
        return "长款 over"
    return "短款 short" if amount < 0 else "相符 balanced"


def over_short(amount: Decimal, english: bool = True) -> str:
    """``+¥0.10 长款 over``, ``-¥0.10 短款 short``, ``¥0.00 相符 balanced``
    (without the English when ``english`` is false, for narrow table cells)."""
    words = verdict(amount)
    return f"{signed(amount)} {words if english else words.split()[0]}"


def who(person: Person | None) -> str:
    """``张敏 (T001)``, or a dash."""
    return f"{person.name} ({person.staff_id})" if person else DASH


def both(text: Bilingual) -> str:
    """``续期保费 Renewal premium``."""
    return f"{text.zh} {text.en}"


def pieces(number: int) -> str:
    """A number of notes: ``1,200``; nothing counted is a dash."""
    return f"{number:,}" if number else DASH


def denomination(value: int) -> str:
    """``¥100``, ``¥0.5``."""
    return f"¥{LABELS[value]}"


def title_block(title: Bilingual, font: str, width: float, corner: str = "") -> Table:
    """The document's title, centred, English beneath; ``corner`` (a number) boxed at right."""
    st = styles(font)
    side = width * 0.22
    cells: list[object] = ["", [para(title.zh, st["title"]), para(title.en, st["subtitle"])], ""]
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    if corner:
        cells[2] = para(corner, st["copy"])
        commands.append(("BOX", (2, 0), (2, 0), 0.8, INK))
    return Table([cells], colWidths=[side, width - 2 * side, side], style=commands)


def marks(font: str, print_no: int, reason: str | None, status: str = "") -> list[Flowable]:
    """``重打 REPRINT · 第 N 次 No. N`` (N reprints so far, this one included) with the
    reason, as on the receipt; and a status such as ``尚未日终 NOT CLOSED``."""
    st = styles(font)
    flow: list[Flowable] = []
    if print_no > 1:
        n = print_no - 1
        text = f"重打 REPRINT · 第 {n} 次 No. {n}"
        if reason:
            text += f" · 原因 Reason: {reason}"
        flow.append(para(text, st["mark"]))
    if status:
        flow.append(para(status, st["mark"]))
    return flow


def section(zh: str, en: str, font: str) -> list[Flowable]:
    """A heading kept with what follows, on a new page when the page is nearly full."""
    return [CondPageBreak(28 * mm), heading(zh, en, font)]


def none_line(font: str) -> Flowable:
    return para(NONE, styles(font)["body"])


def table_or_none(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    font: str,
    width: float,
    total: Sequence[str] | None = None,
) -> Flowable:
    """The table, or ``无 None`` when there is nothing to list."""
    return data_table(columns, rows, font, width, total) if rows else none_line(font)


COUNT_COLUMNS = (
    Column("面额", "Denomination", CODE),
    Column("张(枚)数", "Pieces", NUM),
    Column("小计", "Subtotal", NUM),
)


def count_table(count: Count, font: str, width: float) -> Table:
    """Every denomination ¥100 … ¥0.1 with its pieces and subtotal, and the total."""
    rows = [
        [denomination(v), pieces(count.get(v)), yuan(from_fen(v * count.get(v)))]
        for v in DENOMINATIONS
    ]
    total = ["合计 Total", f"{sum(count.pieces.values()):,}", yuan(count.total)]
    return data_table(COUNT_COLUMNS, rows, font, width, total)


def signatures(signers: Sequence[tuple[str, str, Person | None]], font: str, width: float) -> Table:
    """One row per signer: role (zh, en), name and ID (blank to write in), a line to sign on."""
    st = styles(font)
    label, name, hint = 26 * mm, 38 * mm, 16 * mm
    rows = [
        [
            bilingual(zh, en, st["label"], st["label_en"]),
            para(who(person) if person else "", st["value"]),
            bilingual("签名", "Signature", st["label"], st["label_en"]),
            "",
        ]
        for zh, en, person in signers
    ]
    return Table(
        rows,
        colWidths=[label, name, hint, width - label - name - hint],
        rowHeights=[SIGN_ROW] * len(rows),
        style=[
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (1, 0), (1, -1), 0.4, INK),
            ("LINEBELOW", (3, 0), (3, -1), 0.6, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ],
    )


def gap(height: float = 2 * mm) -> Spacer:
    return Spacer(1, height)


def plain(text: str, font: str, style: str = "body") -> Flowable:
    """A paragraph of fixed or user text in a named style (escaped)."""
    return para(text, styles(font)[style])
