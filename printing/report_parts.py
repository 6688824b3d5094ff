"""Pieces the till slips and the end-of-day printouts share.

Money with the yuan sign and over/short (长款/短款) in words, the title block,
the reprint and "not closed" marks, section headings, the count by
denomination and signature rows. Headings are fixed bilingual text, as on the
receipt; what comes from data is escaped by :func:`printing.base.para`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from printing.base import A4, PageSetup, bilingual, para
from printing.columns import CODE, NUM, Column, data_table
from printing.grid import Cell, grid
from printing.registry import Numbered
from printing.styles import INK, styles
from workstation.domain.cash import DENOMINATIONS, LABELS, Count
from workstation.domain.money import format_money, from_fen
from workstation.services.receipt_data import Bilingual, BranchHeader
from workstation.services.report_data import Person

NONE = "无 None"
DASH = "—"
SIGN_ROW = 10 * mm
"""Room to sign in."""
A4_MARGIN = 15 * mm
"""An A4 report's margin, all round."""
A4_WIDTH = A4[0] - 2 * A4_MARGIN
"""What an A4 portrait report's text may fill."""


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


def money_or_dash(amount: Decimal) -> str:
    """An amount, or a dash for nothing (a denomination not counted)."""
    return yuan(amount) if amount else DASH


def pieces(number: int) -> str:
    """A number of notes: ``1,200``; nothing counted is a dash."""
    return f"{number:,}" if number else DASH


def denomination(value: int) -> str:
    """``¥100``, ``¥0.5``."""
    return f"¥{LABELS[value]}"


def title_block(
    title: Bilingual, font: str, width: float, corner: Bilingual | None = None
) -> Table:
    """The document's title, centred, English beneath; ``corner`` (its number) boxed at right."""
    st = styles(font)
    side = width * 0.22
    cells: list[object] = ["", [para(title.zh, st["title"]), para(title.en, st["subtitle"])], ""]
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    if corner:
        cells[2] = bilingual(corner.zh, corner.en, st["copy"], st["copy_en"])
        commands.append(("BOX", (2, 0), (2, 0), 0.8, INK))
    return Table([cells], colWidths=[side, width - 2 * side, side], style=commands)


def report_page(
    header: BranchHeader,
    title: Bilingual,
    font: str,
    size: tuple[float, float],
    margin: float,
    subject: str,
) -> PageSetup:
    """A report's pages: its branch's header, its title; ``subject`` follows the branch code."""
    return PageSetup(header, title, font, size, margin, subject=f"{header.branch_code} {subject}")


def report_head(
    data: Numbered,
    title: Bilingual,
    font: str,
    width: float,
    facts: Sequence[Cell],
    corner: Bilingual | None = None,
    status: str = "",
) -> list[Flowable]:
    """How a report opens: its title (``corner``, its number, boxed at right), the reprint and
    status marks, then its facts two a row."""
    return [
        title_block(title, font, width, corner),
        gap(),
        *marks(font, data.print_no, data.reprint_reason, status),
        grid(facts, font, width),
    ]


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


KEEP_HEIGHT = 90 * mm
"""A table no taller than this (about 15 one-line rows) stays on one page with its
heading; a taller one starts where it is and breaks across pages."""


@cache
def _heading_style(font: str) -> ParagraphStyle:
    return ParagraphStyle("section", parent=styles(font)["heading"], spaceBefore=5, spaceAfter=2)


def section(zh: str, en: str, font: str, empty: bool = False) -> list[Flowable]:
    """A heading, on a new page when the page has no room for it and a few rows after it;
    ``empty`` says ``无 None`` on the heading's own line (nothing follows)."""
    if empty:
        return [CondPageBreak(10 * mm), para(f"{zh}  {en}  —  {NONE}", _heading_style(font))]
    return [CondPageBreak(28 * mm), para(f"{zh}  {en}", _heading_style(font))]


def listing(
    zh: str,
    en: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    font: str,
    width: float,
    total: Sequence[str] | None = None,
) -> list[Flowable]:
    """A headed table, or just the heading with ``无 None`` when there is nothing to list.

    A short table moves to the next page whole rather than split; a tall one (by its
    height: a few rows of wrapped text are tall) starts where it is and breaks across
    pages with its header row repeated.
    """
    if not rows:
        return section(zh, en, font, empty=True)
    table = data_table(columns, rows, font, width, total)
    _, height = table.wrap(width, 10 * KEEP_HEIGHT)
    if height <= KEEP_HEIGHT:
        return [KeepTogether([*section(zh, en, font), table])]
    return [*section(zh, en, font), table]


COUNT_COLUMNS = (
    Column("面额", "Denomination", CODE),
    Column("张(枚)数", "Pieces", NUM),
    Column("小计", "Subtotal", NUM),
)


def count_table(count: Count, font: str, width: float, largest: float = 8.0) -> Table:
    """Every denomination ¥100 … ¥0.1 with its pieces and subtotal, and the total."""
    rows = [
        [denomination(v), pieces(count.get(v)), money_or_dash(from_fen(v * count.get(v)))]
        for v in DENOMINATIONS
    ]
    total = ["合计 Total", f"{sum(count.pieces.values()):,}", yuan(count.total)]
    return data_table(COUNT_COLUMNS, rows, font, width, total, largest)


def signatures(
    signers: Sequence[tuple[str, str, Person | None]], font: str, width: float, per_row: int = 1
) -> Table:
    """``柜员签名 Teller signature ______`` for each signer, ``per_row`` abreast, with the
    name and ID printed under the line (left blank when nobody is named yet)."""
    st = styles(font)
    group = width / per_row
    label = 27 * mm
    line = min(group - label - 6 * mm, 75 * mm)
    rows: list[list[object]] = []
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for start in range(0, len(signers), per_row):
        signing: list[object] = []
        named: list[object] = []
        for zh, en, person in signers[start : start + per_row]:
            column = len(signing) + 1
            commands.append(("LINEBELOW", (column, len(rows)), (column, len(rows)), 0.6, INK))
            signing += [bilingual(f"{zh}签名", f"{en} signature", st["label"], st["label_en"])]
            signing += ["", ""]
            named += ["", para(who(person) if person else "", st["small"]), ""]
        pad = [""] * (3 * per_row - len(signing))
        rows += [signing + pad, named + pad]
    heights = [SIGN_ROW, 5 * mm] * (len(rows) // 2)
    widths = [label, line, group - label - line] * per_row
    return Table(rows, colWidths=widths, rowHeights=heights, style=commands, hAlign="LEFT")


def gap(height: float = 2 * mm) -> Spacer:
    return Spacer(1, height)


def plain(text: str, font: str, style: str = "body") -> Flowable:
    """A paragraph of fixed or user text in a named style (escaped)."""
    return para(text, styles(font)[style])
