"""The paper application form: blank, then the sample filled form under a watermark."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from forms.fields import check
from forms.loader import BUILTIN_PACKS, load_pack
from forms.state import display_value
from printing.fonts import choose_font
from printing.sample_form import form_title, on_paper, render_sample_form
from tests.printing_support import HEADER
from workstation.domain.i18n import Catalog
from workstation.services.risk.vocabulary import RULE_NAMES

TODAY = date(2026, 11, 27)
WATERMARK = "样例SAMPLE"


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def pack():
    return {t.code: t for t in load_pack(BUILTIN_PACKS, RULE_NAMES, TODAY)}


@pytest.fixture(scope="module")
def font():
    choice = choose_font()
    if not choice.embedded:
        pytest.skip("no TrueType CJK font on this machine")
    return choice


@pytest.fixture(scope="module")
def surrender_pages(pack, font) -> list[str]:
    pdf = render_sample_form(pack["3101"], font, HEADER, TODAY)
    return [squeeze(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def split(pages: list[str]) -> tuple[str, str]:
    """The blank form's text and the sample's: the sample starts on the first watermarked page."""
    first = next(i for i, page in enumerate(pages) if page.startswith(WATERMARK))
    return "".join(pages[:first]), "".join(pages[first:])


def test_the_blank_form_then_the_sample_from_a_new_page(surrender_pages):
    blank, sample = split(surrender_pages)
    assert "退保申请书" in blank and "Surrenderapplicationform" in blank
    assert "填写范例" not in blank and WATERMARK not in blank
    assert "退保申请书·填写范例" in sample and "Samplefilledform" in sample
    assert "业务代码Transactioncode:3101" in blank
    marked = [page.startswith(WATERMARK) for page in surrender_pages]
    assert False in marked and True in marked
    assert marked == sorted(marked), "blank pages first, then only sample pages"
    assert surrender_pages[marked.index(True)].count("退保申请书·填写范例") == 1


def test_every_field_label_and_help_is_on_both(pack, surrender_pages):
    blank, sample = split(surrender_pages)
    for spec in pack["3101"].fields:
        for text in (blank, sample):
            assert squeeze(spec.label.zh) in text, spec.key
            assert squeeze(spec.label.en) in text, spec.key
            assert squeeze(on_paper(spec.help.zh)) in text, spec.key


def test_the_paper_form_has_no_keyboard_instructions(surrender_pages):
    """The help on paper is the customer's: nothing about keys or the screen filling in."""
    text = "".join(surrender_pages)
    for screen_word in ("Enter", "F10", "Press", "按Enter", "调出保单", "自动填入", "filledin"):
        assert screen_word not in text, screen_word
    assert "见保险合同首页右上角，字母P加10位数字。" in text  # what the customer needs stays
    assert on_paper("与身份证件上的姓名一致；调出保单后自动填入，请与证件核对。") == (
        "与身份证件上的姓名一致。"
    )
    assert on_paper("As on the ID card; filled in from the policy.") == "As on the ID card."


def test_choices_are_listed_with_boxes_and_the_sample_ticks_one(surrender_pages):
    blank, sample = split(surrender_pages)
    assert "□经济困难Financialdifficulty" in blank
    assert "□其他Other" in blank
    assert "■经济困难Financialdifficulty" in sample
    assert "□不再需要该保障Covernolongerneeded" in sample


def test_the_agent_section_and_the_documents(surrender_pages):
    blank, _ = split(surrender_pages)
    assert "代办人Agent代办时填写/ifanagentapplies" in blank
    assert "请携带以下材料Documentstobring" in blank
    assert "□经公证的授权委托书Notarisedpowerofattorney【代办时/ifanagentapplies】" in blank
    assert "申请人签名" in blank and "代办人签名" in blank


def test_the_sample_shows_the_sample_values_in_full(pack, surrender_pages):
    _, sample = split(surrender_pages)
    zh = Catalog.load("zh")
    for spec in pack["3101"].fields:
        if spec.type == "choice":
            continue
        checked = check(spec, spec.sample, TODAY)
        assert squeeze(display_value(spec, checked, zh)) in sample, spec.key
    assert "110105198001010016" in sample
    assert "6222021000123450" in sample
    assert "¥86,400.00" in sample
    assert "■经公证的授权委托书" in sample
    assert "2026-11-27" in sample


CODES = ["1001", "1101", "2001", "2002", "2003", "2101", "2201", "3102", "3201", "3202", "3301"]


@pytest.mark.parametrize("code", [*CODES, "4001"])
def test_every_builtin_template_renders(pack, font, code):
    template = pack[code]
    pdf = render_sample_form(template, font, HEADER, TODAY)
    blank, sample = split([squeeze(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages])
    for spec in template.fields:
        assert squeeze(spec.label.zh) in blank and squeeze(spec.label.zh) in sample
    assert squeeze(form_title(template).zh) in blank


def test_numbers_in_squares_still_read_as_one_word(pack, font):
    pdf = render_sample_form(pack["3101"], font, HEADER, TODAY)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "110105198001010016" in text and "13800138000" in text


def test_a_field_shown_only_for_some_answers_says_when(pack, font):
    pdf = render_sample_form(pack["4001"], font, HEADER, TODAY)
    text = squeeze("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "仅当「申请人身份」选「受益人」时填写" in text


def test_form_titles_do_not_double_application(pack):
    assert form_title(pack["3101"]).zh == "退保申请书"
    assert form_title(pack["4001"]).zh == "理赔申请书"
    assert form_title(pack["4001"]).en == "Claim application form"


def test_the_same_form_gives_the_same_bytes(pack, font):
    first = render_sample_form(pack["3101"], font, HEADER, TODAY)
    assert render_sample_form(pack["3101"], font, HEADER, TODAY) == first
