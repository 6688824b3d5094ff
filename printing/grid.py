"""Label/value grids and signature lines shared by the documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table

from printing.base import bilingual, para
from printing.styles import RULE, SHADE, styles

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
) -> Table:
    """Two labelled values a row (label, value, label, value); long values take a row."""
    label_width = label_width or LABEL_WIDTH
    value_width = (width - 2 * label_width) / 2
    st = styles(font)
    rows: list[list[object]] = []
    spans: list[int] = []
    pairs: list[int] = []
    pending: list[object] = []
    for cell in cells:
        pair = [
            bilingual(cell.zh, cell.en, st["label"], st["label_en"]),
            para(cell.value, st["value"]),
        ]
        if cell.wide or _too_wide(cell.value, st["value"], value_width):
            if pending:
                spans.append(len(rows))
                rows.append([*pending, "", ""])
                pending = []
            spans.append(len(rows))
            rows.append([*pair, "", ""])
        elif pending:
            pairs.append(len(rows))
            rows.append([*pending, *pair])
            pending = []
        else:
            pending = pair
    if pending:
        spans.append(len(rows))
        rows.append([*pending, "", ""])
    style: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if shade:
        style.append(("BACKGROUND", (0, 0), (-1, -1), SHADE))
    else:
        style.append(("BACKGROUND", (0, 0), (0, -1), SHADE))
        style += [("BACKGROUND", (2, row), (2, row), SHADE) for row in pairs]
    style += [("SPAN", (1, row), (3, row)) for row in spans]
    return Table(
        rows,
        colWidths=[label_width, value_width, label_width, value_width],
        style=style,
    )


def _too_wide(value: str, style: ParagraphStyle, width: float) -> bool:
    """Whether a value would wrap in a half-row cell (with its 3 pt paddings)."""
    return any(
        stringWidth(line, style.fontName, style.fontSize) > width - 6 for line in value.split("\n")
    )


def signature_line(
    zh: str, en: str, font: str, width: float, written: tuple[str, str] = ("", "")
) -> Table:
    """``客户签名 Customer signature ______ 日期 Date ______``, lines to write on.

    ``written`` is (signature, date) already on the lines, for a sample form.
    """
    st = styles(font)
    signed, dated = (para(text, st["ink"]) if text else "" for text in written)
    label = 26 * mm
    date_label = 14 * mm
    date_line = 26 * mm
    return Table(
        [
            [
                bilingual(zh, en, st["label"], st["label_en"]),
                signed,
                bilingual("日期", "Date", st["label"], st["label_en"]),
                dated,
            ]
        ],
        colWidths=[label, width - label - date_label - date_line, date_label, date_line],
        rowHeights=[11 * mm],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (1, 0), (1, 0), 0.6, "black"),
            ("LINEBELOW", (3, 0), (3, 0), 0.6, "black"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ],
    )
