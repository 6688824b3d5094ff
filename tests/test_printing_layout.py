"""The layout pieces under every document: short lines, rows of cells, a body shown twice."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from printing.base import para
from printing.cells import Place, Rows
from printing.fonts import FontChoice, choose_font, register
from printing.grid import Cell, grid
from printing.receipt import render_receipt
from printing.styles import styles
from tests.printing_support import SERIAL, surrender_receipt
from workstation.services.receipt_data import Bilingual, ReceiptLine


@pytest.fixture(scope="module")
def font() -> str:
    choice: FontChoice = choose_font()
    return register(choice)


def test_a_line_that_must_wrap_reports_the_height_it_takes(font):
    style = styles(font)["label_en"]
    text = "Policyholder's name as printed on the resident ID card"
    line = para(text, style)
    width = stringWidth(text, style.fontName, style.fontSize) / 3
    w, h = line.wrap(width, 1000)
    assert h >= 3 * style.leading
    assert (line.width, line.height) == (w, h)  # what the cell draws with


def test_short_lines_stack_by_the_leading(font):
    style = styles(font)["value"]
    line = para("张三\n110105********0016", style)
    assert line.wrap(300, 1000) == (300, 2 * style.leading)


def test_a_wrapping_value_makes_its_row_taller(font):
    short = grid([Cell("客户", "Customer", "张三")], font, 300)
    long = grid([Cell("客户", "Customer", "张三 " * 40)], font, 300)
    assert short.wrap(300, 1000)[1] < long.wrap(300, 1000)[1]


def test_rows_split_between_rows_and_never_inside_one(font):
    value = styles(font)["value"]
    rows = [[Place([para(f"第 {i} 行", value)], 0)] for i in range(10)]
    table = Rows(rows, [200])
    _, height = table.wrap(200, 1000)
    row = height / 10
    first, rest = table.split(200, row * 3.5)
    assert len(first.rows) == 3 and len(rest.rows) == 7
    assert table.split(200, row / 2) == []
    assert table.split(200, height + 1) == []


def forms(pdf: bytes) -> int:
    return len(re.findall(rb"/Subtype\s*/Form", pdf))


def test_both_copies_show_one_body_drawn_once(font):
    pdf = render_receipt(surrender_receipt(), choose_font())
    assert forms(pdf) == 1
    reader = PdfReader(io.BytesIO(pdf))
    for page, copy in zip(reader.pages, ("客户联", "柜台联"), strict=True):
        text = "".join(page.extract_text().split())
        assert copy in text and SERIAL in text and "人民币捌万陆仟肆佰元整" in text


def test_a_body_too_long_for_a_page_flows_on_and_loses_nothing(font):
    lines = tuple(
        ReceiptLine(Bilingual(f"附加说明{i}", f"Note {i}"), f"第{i}项 " + "说明文字" * 12)
        for i in range(40)
    )
    pdf = render_receipt(surrender_receipt(lines=lines), choose_font())
    assert forms(pdf) == 0
    pages = ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 2
    text = "".join(pages)
    for i in range(40):
        assert text.count(f"第{i}项") == 2  # once on each copy
    assert text.count("客户联") == 1 and text.count("柜台联") == 1
    assert re.search(r"共\d+页", pages[0])


def test_a_short_table_moves_whole_but_a_tall_one_starts_where_it_is(font):
    """By height, not by rows: 15 one-line rows stay together with their heading; 15 rows
    of wrapped text (an opinion register) start on the page they reach."""
    from reportlab.platypus import KeepTogether

    from printing.columns import TEXT, Column
    from printing.report_parts import listing

    columns = (Column("内容", "Content", TEXT),)
    short = listing("登记", "List", columns, [["一行"]] * 15, font, 200)
    tall = listing("登记", "List", columns, [["很长的内容 " * 12]] * 15, font, 200)
    assert isinstance(short[0], KeepTogether)
    assert not any(isinstance(part, KeepTogether) for part in tall)
