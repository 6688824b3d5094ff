"""The two columns of the printed sample form: the sample filled form beside a blank one.

One table, a row per field: on the left as the sample writes it, on the right
blank, so a customer copies across the row. Neither side prints a field's or a
document's help: it is written for the teller at the screen (what to type, what
to check); the customer's sheet has the labels, when a field applies and the
documents to bring. A section's heading goes in the cell of its first field, so
it never ends a page alone; the table splits between rows, and a form too long
for one page goes on to the next with the column headings again.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from forms.schema import FieldSpec, Template
from forms.state import FormState
from printing.base import bilingual, escape, para
from printing.form_rows import Filled, condition, document_row, field_row, heading
from printing.styles import GREY, INK_BLUE, MARK, RULE, SHADE, WATERMARK, styles

GUTTER = 7 * mm
AGENT_NOTE = ("代办时填写", "if an agent applies")
SAMPLE_HEAD = ("填写范例", "Sample filled form")
BLANK_HEAD = (
    "空白申请书 · 请用黑色或蓝黑色笔填写",
    "Blank form · please write in black or blue-black ink",
)
CONFIRM = (
    "本人确认以上填写内容真实、准确、完整。I confirm that the above is true, accurate and complete."
)

Cell = list[Flowable]
Row = tuple[Cell, Cell]
FillIn = Callable[[FieldSpec], Filled]


class ColumnWatermark(Flowable):
    """Zero-size: draws ``样例 SAMPLE`` across the column beneath it, light grey, before
    the column's rows are drawn over it (so only the sample side is marked)."""

    def __init__(self, text: str, font: str, width: float, depth: float) -> None:
        super().__init__()
        self.text, self.font, self.column, self.depth = text, font, width, depth

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(WATERMARK)
        canvas.setFont(self.font, self.column / 6)
        canvas.translate(self.column / 2, -self.depth / 2)
        canvas.rotate(30)
        canvas.drawCentredString(0, 0, self.text)
        canvas.restoreState()


def columns(
    template: Template, font: str, sample: FormState, fill_in: FillIn, size: tuple[float, float]
) -> list[Flowable]:
    """The form ``size`` (width, page body height) wide: a table with the column headings
    (repeated on every page), the fields and the signatures, sample | blank; then the
    documents to bring, once across both."""
    width, depth = size
    column = (width - GUTTER) / 2
    rows = [_heads(font, column, depth)]
    rows += _fields(template, font, column, fill_in)
    rows += _signatures(template, font, column, sample)
    table = Table(
        [[left, "", "", right] for left, right in rows],
        colWidths=[column, GUTTER / 2, GUTTER / 2, column],
        repeatRows=1,
        style=[
            *_flush(),
            ("BACKGROUND", (0, 0), (0, 0), SHADE),
            ("BACKGROUND", (3, 0), (3, 0), SHADE),
            ("LEFTPADDING", (0, 0), (-1, 0), 4),
            ("TOPPADDING", (0, 0), (-1, 0), 1),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
            ("LINEAFTER", (1, 0), (1, -1), 0.4, RULE, None, (2, 2)),
        ],
    )
    return [table, *_documents(template, font, width)]


def _flush(right: float = 0, bottom: float = 0) -> list[tuple[object, ...]]:
    """Cells at the top left with no padding there: what they hold brings its own."""
    return [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), right),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
    ]


def _heads(font: str, column: float, depth: float) -> Row:
    st = styles(font)
    sample = Paragraph(
        f'<font color="{INK_BLUE.hexval()}">{escape(SAMPLE_HEAD[0])}</font>  '
        f'<font size="8" color="{GREY.hexval()}">{escape(SAMPLE_HEAD[1])}</font>',
        st["body"],
    )
    blank = Paragraph(
        f'{escape(BLANK_HEAD[0])}  <font size="8" color="{GREY.hexval()}">'
        f"{escape(BLANK_HEAD[1])}</font>",
        st["body"],
    )
    mark = ColumnWatermark("样例 SAMPLE", font, column, depth)
    return [mark, sample], [blank]


def _fields(template: Template, font: str, column: float, fill_in: FillIn) -> list[Row]:
    """A row a field; a section's heading, and when the fields after it apply (once for
    a run of fields shown for the same answers), in the cell of its first field."""
    rows: list[Row] = []
    agent_started = False
    shown_for = None
    for spec in template.fields:
        head: Cell = []
        if spec.agent_only and not agent_started:
            agent_started = True
            zh, en = (spec.section.zh, spec.section.en) if spec.section else ("代办人", "Agent")
            head = [heading(zh, en, font, AGENT_NOTE)]
        elif spec.section:
            head = [heading(spec.section.zh, spec.section.en, font)]
        note = condition(template, spec)
        if note and note != shown_for:
            head.append(_note(note, font))
        shown_for = note
        sample = field_row(spec, font, column, fill_in(spec))
        blank = field_row(spec, font, column)
        rows.append(([*head, sample], [*head, blank]))
    return rows


def _note(note: tuple[str, str], font: str) -> Flowable:
    """``以下仅当「缴费方式」选「银行转账」时填写 / below, only when …``, in red."""
    style = ParagraphStyle("sample_note", parent=styles(font)["small"], textColor=MARK)
    return Paragraph(escape(f"以下{note[0]} / below, {note[1]}"), style)


def _documents(template: Template, font: str, width: float) -> list[Flowable]:
    """The documents to bring, two a row across the page, kept together."""
    if not template.documents:
        return []
    cells: list[Flowable | str] = [document_row(doc, font) for doc in template.documents]
    cells += [""] * (len(cells) % 2)
    table = Table(
        [cells[i : i + 2] for i in range(0, len(cells), 2)],
        colWidths=[width / 2] * 2,
        style=_flush(right=6, bottom=1),
    )
    head = heading("请携带以下材料", "Documents to bring", font)
    return [KeepTogether([Spacer(1, 1 * mm), head, table])]


def _signatures(template: Template, font: str, column: float, sample: FormState) -> list[Row]:
    """Under the confirmation, a line to sign on for the applicant (and an agent) and one
    for the date; the sample's are written in."""
    st = styles(font)
    people = [("申请人签名", "Applicant's signature", False)]
    if template.applicant.agent_allowed:
        people.append(("代办人签名", "Agent's signature", True))
    lines = [(zh, en, _signer(template, sample, agent)) for zh, en, agent in people]
    lines.append(("日期", "Date", sample.today.isoformat()))
    blank = [(zh, en, "") for zh, en, _ in lines]
    confirm = para(CONFIRM, st["small"])
    return [([confirm, _signed(lines, font, column)], [confirm, _signed(blank, font, column)])]


def _signed(lines: list[tuple[str, str, str]], font: str, width: float) -> Table:
    """``申请人签名 ____ 代办人签名 ____ 日期 ____`` on one row, what is written on the lines."""
    st = styles(font)
    ink = ParagraphStyle("signed", parent=st["ink"], fontSize=10, leading=12)
    label, date_label, date_line = 25 * mm, 11 * mm, 24 * mm
    line = (width - (len(lines) - 1) * label - date_label - date_line) / (len(lines) - 1)
    cells: list[object] = []
    for zh, en, written in lines:
        cells += [bilingual(zh, en, st["label"], st["label_en"]), Paragraph(escape(written), ink)]
    style: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    style += [("LINEBELOW", (i, 0), (i, 0), 0.6, RULE) for i in range(1, len(cells), 2)]
    widths = [label, line] * (len(lines) - 1) + [date_label, date_line]
    return Table([cells], colWidths=widths, rowHeights=[7.5 * mm], style=style)


def _signer(template: Template, sample: FormState, agent: bool) -> str:
    """The sample's applicant (or agent) name: the first name field of that part."""
    for spec in template.fields:
        if spec.type == "name" and spec.agent_only == agent and sample.visible(spec):
            return sample.values.get(spec.key, "")
    return ""
