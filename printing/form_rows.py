"""The rows of a paper application form: fields, choices, documents, headings.

A field's row is drawn blank, or filled in when given what the sample says; the
sample's writing is in blue ink so it reads as handwriting. Set tight (8 pt
labels, 5 mm squares), so a form and its sample share an A4 landscape page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from forms.schema import DocumentSpec, FieldSpec, Template
from printing.base import bilingual, escape, para
from printing.styles import INK_BLUE, RULE, styles
from workstation.domain.i18n import Catalog
from workstation.domain.relations import RELATIONS

BOX, TICKED = "□", "■"
"""U+25A1 and U+25A0: in GB 2312, so every CJK font has them (WQY has no ☐ U+2610)."""
LABEL_WIDTH = 33 * mm
DIGIT_CELLS = {"cn_resident_id": 18, "phone": 11, "bank_card": 19}
HINTS = {"date": "YYYY-MM-DD", "id_expiry": "YYYY-MM-DD / 长期 long-term", "money": "¥"}
WHEN = {
    "agent": ("代办时", "if an agent applies"),
    "in_person": ("本人办理时", "in person"),
    "optional": ("如有", "if any"),
}


@dataclass(frozen=True)
class Filled:
    """What the sample writes in a field: its text, or the chosen option's value."""

    text: str = ""
    chosen: str | None = None


def options(spec: FieldSpec) -> list[tuple[str, str, str]]:
    """(value, zh, en) of each option of a choice or relation field."""
    if spec.type == "relation":
        zh, en = Catalog.load("zh"), Catalog.load("en")
        return [(r, zh(f"relation.{r}"), en(f"relation.{r}")) for r in RELATIONS]
    return [(o.value, o.label.zh, o.label.en) for o in spec.options]


def heading(zh: str, en: str, font: str, note: tuple[str, str] | None = None) -> Flowable:
    """A section heading, set tight; ``note`` is a bilingual remark in red."""
    text = f'{escape(zh)}  <font size="7.5">{escape(en)}</font>'
    if note:
        text += f'  <font size="7" color="#B00000">{escape(f"{note[0]} / {note[1]}")}</font>'
    style = ParagraphStyle(
        "section", parent=styles(font)["body"], fontSize=8.5, leading=10, spaceBefore=1
    )
    return Paragraph(text, style)


def condition(template: Template, spec: FieldSpec) -> tuple[str, str] | None:
    """When a field is shown only for some answers: say so in both languages."""
    if not spec.show_when:
        return None
    zh_parts, en_parts = [], []
    for key, values in spec.show_when.items():
        other = template.field(key)
        labels = {value: (zh, en) for value, zh, en in options(other)}
        zh_parts.append(f"「{other.label.zh}」选「{'/'.join(labels[v][0] for v in values)}」")
        en_parts.append(f"“{other.label.en}” is “{' or '.join(labels[v][1] for v in values)}”")
    return f"仅当{'且'.join(zh_parts)}时填写", f"only when {' and '.join(en_parts)}"


def field_row(
    spec: FieldSpec,
    font: str,
    width: float,
    filled: Filled | None = None,
    note: tuple[str, str] | None = None,
) -> Flowable:
    """Label (zh, en beneath) | a box to write in; ``note`` (when the field applies) in
    small red type under the box."""
    st = styles(font)
    box_width = width - LABEL_WIDTH
    rows: list[list[object]] = [[_label(spec, font), _box(spec, font, box_width, filled)]]
    if note:
        text = f'<font color="#B00000">{escape(f"{note[0]} / {note[1]}")}</font>'
        rows.append(["", Paragraph(text, st["small"])])
    boxed = spec.type not in DIGIT_CELLS  # digit squares draw their own lines
    return Table(
        rows,
        colWidths=[LABEL_WIDTH, box_width],
        style=[
            ("BOX", (1, 0), (1, 0), 0.6 if boxed else 0, RULE if boxed else colors.white),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (1, 0), (1, 0), 4 if boxed else 0),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ],
    )


def _label(spec: FieldSpec, font: str) -> list[Flowable]:
    """The label in Chinese and English on one line when it fits, else English beneath."""
    zh, en = spec.label.zh + ("" if spec.required else "（选填）"), spec.label.en
    style, en_style = _compact(font, "label"), _compact(font, "label_en")
    wide = stringWidth(f"{zh} ", font, style.fontSize) + stringWidth(en, font, en_style.fontSize)
    if wide > LABEL_WIDTH - 2:
        return bilingual(zh, en, style, en_style)
    grey, size = en_style.textColor.hexval(), en_style.fontSize
    text = f'{escape(zh)} <font size="{size}" color="{grey}">{escape(en)}</font>'
    return [Paragraph(text, style)]


@cache
def _compact(font: str, name: str) -> ParagraphStyle:
    """The shared style ``name`` set tighter, so a form and its sample share a page."""
    base = styles(font)[name]
    size = {"label": 8.0, "label_en": 6.0, "check": 8.5, "ink": 10.0}[name]
    return ParagraphStyle(f"{name}_compact", parent=base, fontSize=size, leading=size * 1.08)


def document_row(doc: DocumentSpec, font: str) -> Flowable:
    """``□ 保险合同原件 Original policy contract`` with when it applies (no help: it is
    the teller's, about what to check)."""
    text = f'<font size="10">{BOX}</font> {escape(doc.label.zh)}  {escape(doc.label.en)}'
    if doc.when in WHEN:
        zh, en = WHEN[doc.when]
        text += f'  <font color="#B00000">【{escape(zh)} / {escape(en)}】</font>'
    style = ParagraphStyle("document", parent=_compact(font, "check"), fontSize=8, leading=10)
    return Paragraph(text, style)


def _box(spec: FieldSpec, font: str, width: float, filled: Filled | None) -> Flowable | list:
    st = styles(font)
    ink = _compact(font, "ink")
    if spec.type in ("choice", "relation"):
        return _option_grid(spec, font, width, filled.chosen if filled else None)
    if spec.type in DIGIT_CELLS:
        digits = re.sub(r"\s", "", filled.text) if filled else ""
        count = DIGIT_CELLS[spec.type]
        return DigitBoxes(digits, count, min(6 * mm, (width - 6) / count), font)
    if filled and filled.text:
        return para(filled.text, ink)
    hint = HINTS.get(spec.type)
    if spec.type == "free_text":
        return Spacer(1, 12 * mm)
    return para(hint, st["small"]) if hint else Spacer(1, 4.5 * mm)


def _option_grid(spec: FieldSpec, font: str, width: float, chosen: str | None) -> Flowable:
    """The options one after another, each with a box (ticked when chosen); a line
    breaks only between options."""
    style = ParagraphStyle("options", parent=_compact(font, "check"), wordWrap=None, leading=11)
    marks = [
        f'<font size="10">{TICKED if value == chosen else BOX}</font>\u00a0'
        + escape(f"{zh} {en}").replace(" ", "\u00a0")
        for value, zh, en in options(spec)
    ]
    return Paragraph("\u2003 ".join(marks), style)


class DigitBoxes(Flowable):
    """One square per character, as ID and card numbers are written on paper forms.

    The characters are one string spaced to the squares (PDF character
    spacing), so a PDF reader still finds ``110105198001010016`` as one word.
    """

    def __init__(self, text: str, count: int, cell: float, font: str, size: float = 10.5):
        super().__init__()
        self.text, self.count, self.cell = text[:count], count, cell
        self.font, self.size = font, size
        self.height = 5.2 * mm

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.count * self.cell, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.rect(0, 0, self.count * self.cell, self.height)
        for i in range(1, self.count):
            canvas.line(i * self.cell, 0, i * self.cell, self.height)
        if self.text:
            glyph = stringWidth("0", self.font, self.size)
            text = canvas.beginText((self.cell - glyph) / 2, (self.height - self.size * 0.7) / 2)
            text.setFont(self.font, self.size)
            text.setFillColor(INK_BLUE)
            text.setCharSpace(self.cell - glyph)
            text.textOut(self.text)
            canvas.drawText(text)
        canvas.restoreState()
