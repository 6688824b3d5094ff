"""Label/value grids and signature lines shared by the documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from printing.base import bilingual, para
from printing.cells import Padding, Place, Rows
from printing.styles import SHADE, styles

LABEL_WIDTH = 23 * mm


@dataclass(frozen=True)
class Cell:
    """One labelled value: label in Chinese with English beneath, then the value."""

    zh: str
    en: str
    value: str
    wide: bool = False
    """Always take a whole row."""


def grid(
    cells: Sequence[Cell], font: str, width: float, shade: bool = False, label_width: float = 0
) -> Rows:
    """Two labelled values a row (label, value, label, value); long values take a row."""
    label_width = label_width or LABEL_WIDTH
    value_width = (width - 2 * label_width) / 2
    st = styles(font)
    value_shade = SHADE if shade else None
    rows: list[list[Place]] = []
    pending: list[Place] = []

    def pair(cell: Cell, column: int, span: int = 1) -> list[Place]:
        label = bilingual(cell.zh, cell.en, st["label"], st["label_en"])
        value = [para(cell.value, st["value"])]
        return [Place(label, column, shade=SHADE), Place(value, column + 1, span, value_shade)]

    def widen(places: list[Place]) -> list[Place]:
        label, value = places
        return [label, Place(value.content, 1, 3, value.shade)]

    for cell in cells:
        if cell.wide or _too_wide(cell.value, st["value"], value_width):
            if pending:
                rows.append(widen(pending))
                pending = []
            rows.append(pair(cell, 0, 3))
        elif pending:
            rows.append([*pending, *pair(cell, 2)])
            pending = []
        else:
            pending = pair(cell, 0)
    if pending:
        rows.append(widen(pending))
    return Rows(rows, [label_width, value_width, label_width, value_width])


def _too_wide(value: str, style: ParagraphStyle, width: float) -> bool:
    """Whether a value would wrap in a half-row cell (with its 3 pt paddings)."""
    return any(
        stringWidth(line, style.fontName, style.fontSize) > width - 6 for line in value.split("\n")
    )


def signature_line(
    zh: str, en: str, font: str, width: float, written: tuple[str, str] = ("", "")
) -> Rows:
    """``客户签名 Customer signature ______ 日期 Date ______``, lines to write on.

    ``written`` is (signature, date) already on the lines, for a sample form.
    """
    st = styles(font)
    signed, dated = ([para(text, st["ink"])] if text else [] for text in written)
    label = 26 * mm
    date_label = 14 * mm
    date_line = 26 * mm
    return Rows(
        [
            [
                Place(bilingual(zh, en, st["label"], st["label_en"]), 0),
                Place(signed, 1, underline=0.6),
                Place(bilingual("日期", "Date", st["label"], st["label_en"]), 2),
                Place(dated, 3, underline=0.6),
            ]
        ],
        [label, width - label - date_label - date_line, date_label, date_line],
        padding=Padding(top=3, bottom=3, left=2, right=6),
        valign="BOTTOM",
        rules="none",
        min_height=11 * mm,
    )
