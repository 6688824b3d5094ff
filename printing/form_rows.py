"""The rows of a paper application form: fields, choices, documents, headings.

Each builder draws the blank row, or the same row filled in when given what the
sample says; the sample's writing is in blue ink so it reads as handwriting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from forms.schema import DocumentSpec, FieldSpec, Template
from printing.base import bilingual, escape, para
from printing.styles import INK_BLUE, RULE, styles
from workstation.domain.i18n import Catalog
from workstation.domain.relations import RELATIONS

BOX, TICKED = "□", "■"
"""U+25A1 and U+25A0: in GB 2312, so every CJK font has them (WQY has no ☐ U+2610)."""
LABEL_WIDTH = 46 * mm
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
    """A section heading, kept with what follows; ``note`` is a bilingual remark."""
    st = styles(font)
    text = escape(f"{zh}  {en}")
    if note:
        text += f'  <font size="8" color="#B00000">{escape(f"{note[0]} / {note[1]}")}</font>'
    style = ParagraphStyle("section", parent=st["heading"], keepWithNext=1)
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
    """Label (zh, en beneath) | a box to write in; the help text in small type under it.

    Kept together: a box never leaves its help text on the next page.
    """
    st = styles(font)
    box_width = width - LABEL_WIDTH
    help_text = escape(f"{spec.help.zh}  {spec.help.en}")
    if note:
        help_text = (
            f'<font color="#B00000">{escape(f"{note[0]} / {note[1]}")}</font><br/>{help_text}'
        )
    label = bilingual(
        spec.label.zh + ("" if spec.required else "（选填）"),
        spec.label.en,
        st["label"],
        st["label_en"],
    )
    rows = [[label, _box(spec, font, box_width, filled)], ["", Paragraph(help_text, st["small"])]]
    boxed = spec.type not in DIGIT_CELLS  # digit squares draw their own lines
    table = Table(
        rows,
        colWidths=[LABEL_WIDTH, box_width],
        style=[
            ("BOX", (1, 0), (1, 0), 0.6 if boxed else 0, RULE if boxed else colors.white),
            ("LEFTPADDING", (1, 0), (1, 0), 6 if boxed else 0),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 1), (-1, 1), 1),
            ("BOTTOMPADDING", (0, 1), (-1, 1), 5),
        ],
    )
    return KeepTogether([table])


def document_row(doc: DocumentSpec, font: str, ticked: bool = False) -> Flowable:
    """``□ 保险合同原件 Original policy contract`` with when it applies; help beneath."""
    st = styles(font)
    mark = TICKED if ticked else BOX
    text = f'<font size="12">{mark}</font> {escape(doc.label.zh)}  {escape(doc.label.en)}'
    if doc.when in WHEN:
        zh, en = WHEN[doc.when]
        text += f'  <font color="#B00000">【{escape(zh)} / {escape(en)}】</font>'
    flow = [Paragraph(text, st["check"])]
    if doc.help:
        indent = ParagraphStyle("doc_help", parent=st["small"], leftIndent=12)
        flow.append(para(f"{doc.help.zh}  {doc.help.en}", indent))
    return Table([[flow]], colWidths=[None], style=[("LEFTPADDING", (0, 0), (-1, -1), 0)])


def _box(spec: FieldSpec, font: str, width: float, filled: Filled | None) -> Flowable | list:
    st = styles(font)
    ink = st["ink"]
    if spec.type in ("choice", "relation"):
        return _option_grid(spec, font, width, filled.chosen if filled else None)
    if spec.type in DIGIT_CELLS:
        digits = re.sub(r"\s", "", filled.text) if filled else ""
        count = DIGIT_CELLS[spec.type]
        return DigitBoxes(digits, count, min(7 * mm, (width - 6) / count), font)
    if filled and filled.text:
        return para(filled.text, ink)
    hint = HINTS.get(spec.type)
    if spec.type == "free_text":
        return Spacer(1, 16 * mm)
    return para(hint, st["small"]) if hint else Spacer(1, 5 * mm)


def _option_grid(spec: FieldSpec, font: str, width: float, chosen: str | None) -> Table:
    """The options, each with a box (ticked when chosen), in as many columns as fit."""
    st = styles(font)
    texts = [(value, f"{zh} {en}") for value, zh, en in options(spec)]
    inner = width - 12
    widest = max(stringWidth(text, font, st["check"].fontSize) for _, text in texts) + 18
    columns = next((n for n in (4, 3, 2) if widest <= inner / n), 1)
    cells = [
        Paragraph(
            f'<font size="12">{TICKED if value == chosen else BOX}</font> {escape(text)}',
            st["check"],
        )
        for value, text in texts
    ]
    cells += [""] * (-len(cells) % columns)
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    return Table(
        rows,
        colWidths=[inner / columns] * columns,
        hAlign="LEFT",
        style=[
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ],
    )


class DigitBoxes(Flowable):
    """One square per character, as ID and card numbers are written on paper forms.

    The characters are one string spaced to the squares (PDF character
    spacing), so a PDF reader still finds ``110105198001010016`` as one word.
    """

    def __init__(self, text: str, count: int, cell: float, font: str, size: float = 10.5):
        super().__init__()
        self.text, self.count, self.cell = text[:count], count, cell
        self.font, self.size = font, size
        self.height = 6.5 * mm

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
