"""The printed sample form of a business type: the sample filled form beside a blank one.

A4 landscape, what a counter pins on the desk or hands a customer: on the left
the form as the template's sample fills it in (填写范例, under a 样例 SAMPLE
mark), on the right the same form blank to write on, and across the foot the
documents to bring (:mod:`printing.sample_columns`). Nothing about the screen:
no field help (it is the teller's), and the business's description without the
clauses on keys or what the screen does (:func:`on_paper`). Sample IDs and cards
are printed in full: they are sample data, not a customer's. The standard forms
fit one page; a longer one goes on to a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from forms.schema import FieldSpec, Template
from forms.state import FormState, display_value, sample_state
from printing.base import A4, PageSetup, build_pdf, escape, para
from printing.fonts import FontChoice, register
from printing.form_rows import Filled
from printing.registry import FirstPrint
from printing.sample_columns import columns
from printing.styles import GREY, styles
from workstation.domain.i18n import Catalog
from workstation.services.receipt_data import Bilingual, BranchHeader

PAGE = landscape(A4)
MARGIN = 8 * mm
BODY = (PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN - 22 * mm)
"""The page's body (width, height) inside the shared header and footer (:mod:`printing.base`)."""
SCREEN_WORDS = re.compile(
    r"\bF\d{1,2}\b|\b(?:Enter|Tab|Esc|Escape|Ctrl|Shift|Backspace|Press)\b"
    r"|按[^。；，]{0,8}键|回车|录入|调出保单|自动填入|filled in from"
)
"""A clause with one of these tells the teller about keys or what the screen does."""
CLAUSE = re.compile(r"(?<=[。；])|(?<=[;.])\s+")
CHINESE = re.compile("[\u4e00-\u9fff]")


def on_paper(text: str) -> str:
    """A text (a business's description, a field's help) as a customer reads it on paper:
    the clauses about keys and the screen (输入后按 Enter 调出保单, filled in from the
    policy) left out."""
    kept = [c for c in CLAUSE.split(text) if c and not SCREEN_WORDS.search(c)]
    if not kept:
        return ""
    if kept[-1][-1] in "；;":  # the clause after it was left out: the sentence ends here
        kept[-1] = kept[-1][:-1] + ("。" if kept[-1][-1] == "；" else ".")
    return ("" if CHINESE.search(text) else " ").join(kept)


@dataclass(frozen=True)
class SampleForm(FirstPrint):
    """What a sample form is printed from: the business type, the branch, and the date the
    sample's dates (an ID's expiry, a policy's term) are set from."""

    template: Template
    header: BranchHeader
    today: date


def render_sample(data: SampleForm, font: FontChoice) -> bytes:
    """:func:`render_sample_form` of ``data``."""
    return render_sample_form(data.template, font, data.header, data.today)


def render_sample_form(
    template: Template, font: FontChoice, header: BranchHeader, today: date
) -> bytes:
    """The sample filled form beside the blank one, as PDF bytes."""
    name = register(font)
    setup = PageSetup(
        header=header,
        title=form_title(template),
        font=name,
        pagesize=PAGE,
        margin=MARGIN,
        subject=f"{template.code} {template.key}",
        pages=1,  # most forms: laid out once, unless it makes more
    )
    sample = sample_state(template, today)
    story = _title(template, name)
    story += columns(template, name, sample, lambda spec: _filled(spec, sample), BODY)
    return build_pdf(setup, story)


def form_title(template: Template) -> Bilingual:
    """``退保申请书 / Surrender application form``; no doubled 申请 (理赔申请书)."""
    zh, en = template.name.zh, template.name.en
    zh = f"{zh}书" if zh.endswith("申请") else f"{zh}申请书"
    en = f"{en} form" if en.lower().endswith("application") else f"{en} application form"
    return Bilingual(zh, en)


def _title(template: Template, font: str) -> list[Flowable]:
    st = styles(font)
    title = form_title(template)
    style = ParagraphStyle("sample_title", parent=st["title"], fontSize=14, leading=16)
    code = f"业务代码 Transaction code: {template.code}"
    code = f'<font size="8" color="{GREY.hexval()}">{code}</font>'
    about = f"{on_paper(template.description.zh)}\n{on_paper(template.description.en)}"
    return [
        Paragraph(f"{escape(title.zh)}  {escape(title.en)}  {code}", style),
        para(about, ParagraphStyle("about", parent=st["small"], fontSize=7, leading=8.2)),
        Spacer(1, 1 * mm),
    ]


def _filled(spec: FieldSpec, sample: FormState) -> Filled:
    """What the sample writes in a field (nothing when the field does not apply)."""
    if not sample.visible(spec):
        return Filled()
    checked = sample.checked(spec.key)
    if spec.type in ("choice", "relation"):
        return Filled(chosen=checked.text if checked.ok else None)
    if not checked.ok:
        return Filled(sample.values.get(spec.key, ""))
    return Filled(display_value(spec, checked, Catalog.load("zh")))
