"""Every paragraph style of every document, in one place.

All styles wrap the CJK way (a line may break between any two Chinese
characters). Sizes suit A5 receipts and A4 forms alike.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

INK = colors.black
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#999999")
SHADE = colors.HexColor("#F0F0F0")
MARK = colors.HexColor("#B00000")
WATERMARK = colors.HexColor("#EBEBEB")
"""The sample form's 样例 SAMPLE mark: faint, the sample's writing shows through it."""
INK_BLUE = colors.HexColor("#1F3A93")
"""What a sample form has 'written' in, so it reads as handwriting."""


@cache
def styles(font: str) -> dict[str, ParagraphStyle]:
    """The named styles for a registered font; the same dict for the same font.

    Chinese (and mixed) styles: ``title``, ``heading``, ``body``, ``small``,
    ``tiny``, ``label``, ``value``, ``amount``, ``words``, ``mark`` (重打 REPRINT),
    ``copy``, ``note``, ``box``, ``check`` (a line with a box to tick) and ``ink``
    (what a sample form has written). The English line beneath a Chinese one:
    ``subtitle``, ``heading_en``, ``label_en``, ``copy_en``, ``small_en``. Treat
    them as read-only: they are shared. No watermark style: the sample form draws
    its own on the canvas (:mod:`printing.sample_columns`).

    Every style wraps the CJK way except the ``*_en`` ones and ``subtitle``:
    reportlab's CJK wrap looks back only half a line for a space, so in a narrow
    label cell it would cut an English word in two ("surrende|r").
    """
    base = ParagraphStyle(
        "base", fontName=font, fontSize=9, leading=11.5, textColor=INK, wordWrap="CJK"
    )

    def make(name: str, **overrides: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **overrides)

    def english(name: str, size: float, **overrides: object) -> ParagraphStyle:
        return make(
            name, fontSize=size, leading=size * 1.2, textColor=GREY, wordWrap=None, **overrides
        )

    return {
        "title": make("title", fontSize=15, leading=18, alignment=TA_CENTER),
        "subtitle": english("subtitle", 8.5, alignment=TA_CENTER, spaceAfter=2),
        "heading": make("heading", fontSize=10.5, leading=13, spaceBefore=7),
        "heading_en": english("heading_en", 7.5, spaceAfter=3),
        "body": make("body"),
        "small": make("small", fontSize=7.5, leading=9.5, textColor=GREY),
        "small_en": english("small_en", 7),
        "tiny": make("tiny", fontSize=6, leading=7.2, textColor=GREY, alignment=TA_CENTER),
        "label": make("label", fontSize=8.5, leading=10),
        "label_en": english("label_en", 6.3),
        "value": make("value", fontSize=9.5, leading=11.5),
        "amount": make("amount", fontSize=14, leading=17),
        "words": make("words", fontSize=10.5, leading=13),
        "mark": make(
            "mark",
            fontSize=10.5,
            leading=13,
            alignment=TA_CENTER,
            textColor=MARK,
            borderColor=MARK,
            borderWidth=1,
            borderPadding=(3, 4, 3, 4),
            spaceBefore=3,
            spaceAfter=7,
        ),
        "copy": make("copy", fontSize=10, leading=12, alignment=TA_CENTER),
        "copy_en": english("copy_en", 7, alignment=TA_CENTER),
        "note": make("note", fontSize=7.5, leading=9.5, textColor=GREY),
        "box": make("box", fontSize=9, leading=13),
        "check": make("check", fontSize=9.5, leading=14.5),
        "ink": make("ink", fontSize=10.5, leading=13, textColor=INK_BLUE),
    }
