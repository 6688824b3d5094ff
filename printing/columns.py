"""Data tables for the till and end-of-day printouts.

A bilingual header row repeated on every page, amounts right-aligned, and
column widths measured from the content (Chinese by its glyph widths, never by
``len``) so that every row fits the page: columns that must not wrap (amounts,
serials, codes) get what their widest cell needs, text columns share the rest
and wrap the CJK way. When even that does not fit, the type gets smaller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table

from printing.base import para, printable
from printing.styles import GREY, INK, RULE, SHADE

TEXT, NUM, CODE = "text", "num", "code"
"""Column kinds: text wraps; a number is right-aligned; neither a number nor a code wraps."""
PAD = 3.0
"""Points of padding left and right of every cell."""
SIZES = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5)
"""Type sizes tried in turn, from the largest a table allows, until the table fits."""
SLACK = 1.5
"""Points a header is given beyond its measured width, so it never breaks a word."""
MIN_TEXT = 16 * mm
"""The narrowest a text column becomes before the type gets smaller."""
MAX_WORD = 45 * mm
"""A text column keeps its longest word (a masked ID, an English word) whole up to this."""
EN_RATIO = 0.8
"""The English line of a header, relative to the Chinese."""

Row = Sequence[str]


@dataclass(frozen=True)
class Column:
    """One column: its bilingual header and how its cells behave."""

    zh: str
    en: str
    kind: str = TEXT
    weight: float = 1.0
    """A text column's share of width left over once every column has what it needs."""


@cache
def cell_styles(font: str, size: float) -> dict[str, ParagraphStyle]:
    """Paragraph styles for cells and headers at one size: ``cell``, ``head``, ``head_en``
    and their right-aligned twins ``*_r``. Shared: treat as read-only."""
    made: dict[str, ParagraphStyle] = {}
    for suffix, align in (("", 0), ("_r", TA_RIGHT)):
        common = {"fontName": font, "alignment": align}
        made["cell" + suffix] = ParagraphStyle(
            "cell" + suffix, fontSize=size, leading=size * 1.22, wordWrap="CJK", **common
        )
        made["head" + suffix] = ParagraphStyle(
            "head" + suffix, fontSize=size, leading=size * 1.2, wordWrap="CJK", **common
        )
        en = size * EN_RATIO
        made["head_en" + suffix] = ParagraphStyle(
            "head_en" + suffix, fontSize=en, leading=en * 1.2, textColor=GREY, **common
        )
    return made


def _width(text: str, font: str, size: float) -> float:
    return max(stringWidth(line, font, size) for line in text.split("\n"))


def _header_min(column: Column, font: str, size: float) -> float:
    """The header's Chinese on one line, and its longest English word unbroken."""
    words = [stringWidth(w, font, size * EN_RATIO) for w in column.en.split()]
    return max([stringWidth(column.zh, font, size), *words]) + 2 * PAD + SLACK


def widths(
    columns: Sequence[Column],
    rows: Sequence[Row],
    font: str,
    width: float,
    size: float,
    total: Row | None = None,
) -> list[float] | None:
    """Column widths adding up to ``width`` at this type size; ``None`` if it cannot fit."""
    measured = [*rows, total] if total is not None else list(rows)
    label = _total_span(columns) if total is not None else 0
    need, natural = [], []
    for i, column in enumerate(columns):
        cells = [row[i] for row in measured if row[i] and not (i < label and row is total)]
        content = max((_width(c, font, size) for c in cells), default=0) + 2 * PAD
        head = _header_min(column, font, size)
        if column.kind == TEXT:
            word = max((stringWidth(w, font, size) for c in cells for w in c.split()), default=0)
            floor = max(MIN_TEXT, min(word + 2 * PAD + SLACK, MAX_WORD))
            natural.append(max(content, head))
            need.append(max(head, min(content, floor)))
        else:
            natural.append(max(content, head))
            need.append(natural[-1])
    if sum(need) > width + 0.01:
        return None
    text = [i for i, c in enumerate(columns) if c.kind == TEXT]
    result = list(need)
    room = width - sum(need[i] for i, c in enumerate(columns) if c.kind != TEXT)
    if sum(natural[i] for i in text) > room:
        # The widest text columns give way first: each gets its natural width up to a
        # common level, never less than it needs.
        low, high = 0.0, max(natural[i] for i in text)
        for _ in range(40):
            level = (low + high) / 2
            if sum(max(need[i], min(natural[i], level)) for i in text) > room:
                high = level
            else:
                low = level
        for i in text:
            result[i] = max(need[i], min(natural[i], low))
        widest = max(text, key=lambda i: result[i])
        result[widest] += width - sum(result)
        return result
    for i in text:
        result[i] = natural[i]
    spare = width - sum(result)
    share = [columns[i].weight for i in text] if text else [1.0] * len(columns)
    for i, part in zip(text or range(len(columns)), share, strict=True):
        result[i] += spare * part / sum(share)
    return result


def fits(
    columns: Sequence[Column],
    rows: Sequence[Row],
    font: str,
    width: float,
    total: Row | None = None,
    size: float = SIZES[-1],
) -> bool:
    """Whether the table fits ``width`` in type of ``size`` points (the smallest, unless told)."""
    return widths(columns, rows, font, width, size, total) is not None


def _total_span(columns: Sequence[Column]) -> int:
    """How many leading columns the total row's label spans: up to the first number."""
    return next((i for i, c in enumerate(columns) if c.kind == NUM), len(columns)) or 1


class _Table(Table):
    """A Table that sets a string cell's font and colour again after a flowable cell.

    Reportlab's Table sets them only when the cell style changes; a ``TextLine``
    (:func:`printing.base.para`: the bilingual headers, a wrapped cell) leaves its own
    set, so every later string cell was drawn in the header's small grey English.
    """

    def _drawCell(self, cellval, cellstyle, pos, size):
        super()._drawCell(cellval, cellstyle, pos, size)
        if isinstance(cellval, tuple | list | Flowable):
            self._curcellstyle = None


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Row],
    font: str,
    width: float,
    total: Row | None = None,
    largest: float = 8.0,
) -> Table:
    """A table of strings under a bilingual header repeated on each page; ``total`` is a
    shaded last row whose first cell (the label) spans the columns before the first number.

    The type is ``largest`` points, or smaller when the table would not fit ``width``.
    """
    for size in (s for s in SIZES if s <= largest):
        cols = widths(columns, rows, font, width, size, total)
        if cols is not None:
            break
    else:  # beyond any realistic data: share the width and let the text wrap
        size = SIZES[-1]
        cols = [width / len(columns)] * len(columns)
    st = cell_styles(font, size)
    header = []
    for column in columns:
        r = "_r" if column.kind == NUM else ""
        header.append([para(column.zh, st["head" + r]), para(column.en, st["head_en" + r])])
    body = [
        [_cell(text, c, w, font, size) for text, c, w in zip(row, columns, cols, strict=True)]
        for row in rows
    ]
    style: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.22),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    style += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i, c in enumerate(columns) if c.kind == NUM]
    if total is not None:
        span = _total_span(columns)
        body.append([printable(t, font) for t in total])
        style += [
            ("BACKGROUND", (0, -1), (-1, -1), SHADE),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
        ]
        if span > 1:
            style.append(("SPAN", (0, -1), (span - 1, -1)))
    return _Table([header, *body], colWidths=cols, style=style, repeatRows=1, hAlign="LEFT")


def _cell(text: str, column: Column, width: float, font: str, size: float) -> object:
    """A plain string when it fits on one line (fast); a wrapping paragraph when not."""
    text = printable(text, font)
    if column.kind != TEXT or (
        "\n" not in text and stringWidth(text, font, size) <= width - 2 * PAD
    ):
        return text
    return para(_wrap(text, width - 2 * PAD - SLACK, font, size), cell_styles(font, size)["cell"])


def _wrap(text: str, width: float, font: str, size: float) -> str:
    """Break lines at spaces where they would overflow, so words stay whole; what is still
    too wide (a long run of Chinese) is left to the paragraph's CJK wrapping."""
    lines = []
    for line in text.split("\n"):
        current = ""
        for word in line.split(" "):
            trial = f"{current} {word}" if current else word
            if current and stringWidth(trial, font, size) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
    return "\n".join(lines)
