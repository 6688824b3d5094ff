"""The printed sample form: the sample filled form beside a blank one, on one page."""

from __future__ import annotations

import io
import re
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
LONGEST = "4001"
"""The claim form, the longest of the built-in forms: it goes on to a second page."""
KEYS = re.compile(r"\bF\d{1,2}\b|Enter|\bTab\b|\bEsc|Ctrl|Press|按\S{0,8}键|回车|录入")
"""What tells a teller at the screen which key to press: never on the customer's paper."""


def squeeze(text: str) -> str:
    return "".join(text.split())


class Printed:
    """A rendered sample form: its pages, and the text of its left and right halves."""

    def __init__(self, pdf: bytes) -> None:
        self.pdf = pdf
        self.pages = PdfReader(io.BytesIO(pdf)).pages
        left: list[str] = []
        right: list[str] = []
        for page in self.pages:
            half = float(page.mediabox.width) / 2

            def visit(text, cm, tm, font, size, half=half):
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                (left if x < half else right).append(text)

            page.extract_text(visitor_text=visit)
        self.sample, self.blank = squeeze("".join(left)), squeeze("".join(right))
        self.raw = "".join(left + right)
        self.text = squeeze(self.raw)


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
def printed(pack, font):
    """Each template's sample form, rendered once for the module."""
    cache: dict[str, Printed] = {}

    def render(code: str) -> Printed:
        if code not in cache:
            cache[code] = Printed(render_sample_form(pack[code], font, HEADER, TODAY))
        return cache[code]

    return render


def sample_values(template) -> list[str]:
    """What the sample writes in each field, as printed (choices are ticked, not written)."""
    zh = Catalog.load("zh")
    return [
        squeeze(display_value(spec, check(spec, spec.sample, TODAY), zh))
        for spec in template.fields
        if spec.type not in ("choice", "relation")
    ]


def test_one_landscape_page_the_sample_on_the_left_the_blank_on_the_right(pack, printed):
    form = printed("3101")
    [page] = form.pages
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert "填写范例Samplefilledform" in form.sample and "样例SAMPLE" in form.sample
    assert "空白申请书" in form.blank and "Blankform" in form.blank
    assert "填写范例" not in form.blank and "样例SAMPLE" not in form.blank
    assert "业务代码Transactioncode:3101" in form.text
    for spec in pack["3101"].fields:
        for side in (form.sample, form.blank):
            assert squeeze(spec.label.zh) in side, spec.key
            assert squeeze(spec.label.en) in side, spec.key


def test_the_sample_writes_every_value_and_the_blank_none(pack, printed):
    form = printed("3101")
    for value in sample_values(pack["3101"]):
        assert value in form.sample
        assert value not in form.blank.replace("长期long-term", "")  # the expiry's hint
    assert "110105198001010016" in form.sample and "6222021000123450" in form.sample
    assert "¥86,400.00" in form.sample
    assert "■经济困难Financialdifficulty" in form.sample
    assert "□经济困难Financialdifficulty" in form.blank and "■" not in form.blank
    signed = "申请人签名Applicant'ssignature张三代办人签名Agent'ssignature李明日期Date2026-11-27"
    assert signed in form.sample
    assert "申请人签名Applicant'ssignature代办人签名Agent'ssignature日期Date" in form.blank
    assert "YYYY-MM-DD/长期long-term" in form.blank


def test_the_documents_to_bring_once_and_no_help_for_the_teller(pack, printed):
    form = printed("3101")
    assert form.text.count("请携带以下材料Documentstobring") == 1
    assert "□经公证的授权委托书Notarisedpowerofattorney【代办时/ifanagentapplies】" in form.text
    assert "代办人Agent代办时填写/ifanagentapplies" in form.sample
    assert "代办人Agent代办时填写/ifanagentapplies" in form.blank
    for spec in pack["3101"].fields:  # a field's help is the teller's: what to type, to check
        assert squeeze(spec.help.zh) not in form.text, spec.key
    assert "合同遗失的" not in form.text  # nor a document's


@pytest.mark.parametrize(
    "code",
    sorted(
        {
            "1001",
            "1101",
            "2001",
            "2002",
            "2003",
            "2101",
            "2201",
            "3101",
            "3102",
            "3201",
            "3202",
            "3301",
            LONGEST,
        }
    ),
)
def test_every_form_fits_a_page_beside_its_sample_without_keys(pack, printed, code):
    """Both columns of every built-in form; no key a teller presses; one page, but for the
    longest form, which goes on to a second with the column headings again."""
    template, form = pack[code], printed(code)
    for spec in template.fields:
        assert squeeze(spec.label.zh) in form.sample and squeeze(spec.label.zh) in form.blank
    assert squeeze(form_title(template).zh) in form.text
    found = KEYS.search(form.raw)
    assert found is None, found
    if code != LONGEST:
        assert len(form.pages) == 1
        return
    assert len(form.pages) == 2
    second = squeeze(form.pages[1].extract_text())
    assert "填写范例Samplefilledform" in second and "空白申请书" in second
    assert second.count("申请人签名Applicant'ssignature") == 2 and "请携带以下材料" in second


def test_a_run_of_fields_shown_for_some_answers_says_when_once(printed):
    form = printed(LONGEST)
    when = "以下仅当「申请人身份」选「受益人」时填写"
    assert form.sample.count(when) == 1 and form.blank.count(when) == 1
    form = printed("1001")
    assert form.blank.count("以下仅当「缴费方式」选") == 1  # three fields, one note


def test_numbers_in_squares_still_read_as_one_word(printed):
    raw = printed("3101").raw
    assert "110105198001010016" in raw and "13800138000" in raw


def test_on_paper_leaves_out_keys_and_the_screen():
    assert on_paper("与身份证件上的姓名一致；调出保单后自动填入，请与证件核对。") == (
        "与身份证件上的姓名一致。"
    )
    assert on_paper("As on the ID card; filled in from the policy.") == "As on the ID card."
    assert on_paper("见保险合同首页。输入后按 Enter 调出保单。") == "见保险合同首页。"
    assert on_paper("核对后按 F10 提交。") == ""
    assert on_paper("Check the card. Press Tab to go on.") == "Check the card."


def test_form_titles_do_not_double_application(pack):
    assert form_title(pack["3101"]).zh == "退保申请书"
    assert form_title(pack["4001"]).zh == "理赔申请书"
    assert form_title(pack["4001"]).en == "Claim application form"


def test_the_same_form_gives_the_same_bytes(pack, font, printed):
    assert render_sample_form(pack["3101"], font, HEADER, TODAY) == printed("3101").pdf
