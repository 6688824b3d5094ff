"""The paper application form of a business type, blank and as a sample filled form.

A4 portrait. First the blank form (every field with a box to write in, the
documents to bring, signature lines), then, from a new page under a 样例 SAMPLE
watermark, the same form filled with the template's sample values (填写范例), as
the counter keeps it beside the blank forms. Sample IDs and cards are printed in
full: they are sample data, not a customer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from forms.schema import FieldSpec, Template
from forms.state import FormState, display_value, sample_state
from printing.base import A4, SAMPLE_PAGES, PageSetup, build_pdf, para
from printing.fonts import FontChoice, register
from printing.form_rows import Filled, condition, document_row, field_row, heading
from printing.grid import signature_line
from printing.registry import FirstPrint
from printing.styles import styles
from workstation.domain.i18n import Catalog
from workstation.services.receipt_data import Bilingual, BranchHeader

MARGIN = 15 * mm
WIDTH = A4[0] - 2 * MARGIN
AGENT_NOTE = ("代办时填写", "if an agent applies")
SCREEN_WORDS = ("Enter", "F10", "Press", "Type ", "录入", "调出保单", "自动填入", "filled in from")
"""A clause of a field's help with one of these tells the teller what the screen does."""
CLAUSE = re.compile(r"(?<=[。；])|(?<=[;.])\s+")
CHINESE = re.compile("[\u4e00-\u9fff]")


def on_paper(text: str) -> str:
    """A field's help as the customer reads it on paper: the clauses about the screen
    (输入后按 Enter 调出保单, filled in from the policy) left out."""
    kept = [c for c in CLAUSE.split(text) if c and not any(w in c for w in SCREEN_WORDS)]
    if not kept:
        return ""
    if kept[-1][-1] in "；;":  # the clause after it was left out: the sentence ends here
        kept[-1] = kept[-1][:-1] + ("。" if kept[-1][-1] == "；" else ".")
    return ("" if CHINESE.search(text) else " ").join(kept)


def _paper(spec: FieldSpec) -> FieldSpec:
    help_ = spec.help.model_copy(
        update={"zh": on_paper(spec.help.zh), "en": on_paper(spec.help.en)}
    )
    return spec.model_copy(update={"help": help_})


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
    """The blank form, then the sample filled form from a new page, as PDF bytes."""
    name = register(font)
    setup = PageSetup(
        header=header,
        title=form_title(template),
        font=name,
        pagesize=A4,
        margin=MARGIN,
        subject=f"{template.code} {template.key}",
    )
    story = _form(template, name, None)
    story += [NextPageTemplate(SAMPLE_PAGES), PageBreak()]
    story += _form(template, name, sample_state(template, today))
    return build_pdf(setup, story)


def form_title(template: Template) -> Bilingual:
    """``退保申请书 / Surrender application form``; no doubled 申请 (理赔申请书)."""
    zh, en = template.name.zh, template.name.en
    zh = f"{zh}书" if zh.endswith("申请") else f"{zh}申请书"
    en = f"{en} form" if en.lower().endswith("application") else f"{en} application form"
    return Bilingual(zh, en)


def _form(template: Template, font: str, sample: FormState | None) -> list[Flowable]:
    """The whole form; filled in (and titled as the sample) when ``sample`` is given."""
    st = styles(font)
    title = form_title(template)
    title_zh, title_en = title.zh, title.en
    if sample is not None:
        title_zh += " · 填写范例"
        title_en += " · Sample filled form"
    flow: list[Flowable] = [
        para(title_zh, st["title"]),
        para(title_en, st["subtitle"]),
        para(f"业务代码 Transaction code: {template.code}", st["subtitle"]),
        para(f"{template.description.zh}\n{template.description.en}", st["small"]),
        Spacer(1, 2 * mm),
    ]
    agent_started = False
    for spec in template.fields:
        if spec.agent_only and not agent_started:
            agent_started = True
            zh, en = (spec.section.zh, spec.section.en) if spec.section else ("代办人", "Agent")
            flow.append(heading(zh, en, font, AGENT_NOTE))
        elif spec.section:
            flow.append(heading(spec.section.zh, spec.section.en, font))
        filled = _filled(spec, sample) if sample is not None else None
        flow.append(field_row(_paper(spec), font, WIDTH, filled, condition(template, spec)))
    flow += _documents(template, font, sample)
    flow += _signatures(template, font, sample)
    return flow


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


def _documents(template: Template, font: str, sample: FormState | None) -> list[Flowable]:
    if not template.documents:
        return []
    flow: list[Flowable] = [heading("请携带以下材料", "Documents to bring", font)]
    for doc in template.documents:
        ticked = sample is not None and doc.key in sample.ticked
        flow.append(document_row(doc, font, ticked))
    return flow


def _signatures(template: Template, font: str, sample: FormState | None) -> list[Flowable]:
    st = styles(font)
    people = [("申请人签名", "Applicant's signature", False)]
    if template.applicant.agent_allowed:
        people.append(("代办人签名", "Agent's signature", True))
    flow: list[Flowable] = [
        heading("签名", "Signatures", font),
        para(
            "本人确认以上填写内容真实、准确、完整。"
            "I confirm that the above is true, accurate and complete.",
            st["small"],
        ),
    ]
    for zh, en, agent in people:
        written = ("", "")
        if sample is not None:
            written = (_signer(template, sample, agent), sample.today.isoformat())
        flow.append(signature_line(zh, en, font, WIDTH, written))
    return flow


def _signer(template: Template, sample: FormState, agent: bool) -> str:
    """The sample's applicant (or agent) name: the first name field of that part."""
    for spec in template.fields:
        if spec.type == "name" and spec.agent_only == agent and sample.visible(spec):
            return sample.values.get(spec.key, "")
    return ""
