"""The checklist record (营业前准备及营业终了检查记录, A4): both checklists of a business date.

Each item with whether it was done, by whom and when, and how the branch
opened: normally, or by a supervisor with the items outstanding and the reason.
Signature lines for the lobby manager and the supervisor close the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from printing.base import A4, build_pdf
from printing.columns import CODE, NUM, TEXT, Column
from printing.fonts import FontChoice, register
from printing.grid import Cell, grid
from printing.report_parts import (
    A4_MARGIN,
    A4_WIDTH,
    DASH,
    gap,
    listing,
    report_head,
    report_page,
    section,
    signatures,
)
from workstation.services.checklist_views import ChecklistRecord, RecordLine
from workstation.services.receipt_data import Bilingual

TITLE = Bilingual("营业前准备及营业终了检查记录", "Opening and closing checklist record")
COLUMNS = (
    Column("序号", "No.", NUM),
    Column("检查项目", "Item", TEXT, weight=3),
    Column("完成", "Done", CODE),
    Column("经办人", "By", TEXT),
    Column("时间", "At", CODE),
    Column("备注", "Note", TEXT, weight=1.5),
)
DONE, NOT_DONE = "已完成 Done", "未完成 Not done"


def _rows(lines: Sequence[RecordLine]) -> list[list[str]]:
    return [
        [
            str(n),
            f"{line.name.zh} {line.name.en}",
            DONE if line.done else NOT_DONE,
            line.who or DASH,
            line.at or DASH,
            line.note,
        ]
        for n, line in enumerate(lines, 1)
    ]


def render_checklist(data: ChecklistRecord, font: FontChoice) -> bytes:
    """The record as PDF bytes: the opening and closing lists, then the branch's opening."""
    name = register(font)
    setup = report_page(data.header, TITLE, name, A4, A4_MARGIN, f"{TITLE.en} {data.business_date}")
    done = sum(line.done for line in data.opening)
    facts = [
        Cell("营业日", "Business date", data.business_date),
        Cell("营业前准备", "Opening items done", f"{done}/{len(data.opening)}"),
    ]
    opened = [Cell(label.zh, label.en, value, wide=True) for label, value in data.opened]
    story: list[Flowable] = [
        *report_head(data, TITLE, name, A4_WIDTH, facts),
        *listing("营业前准备", "Opening checklist", COLUMNS, _rows(data.opening), name, A4_WIDTH),
        *listing("营业终了", "Closing checklist", COLUMNS, _rows(data.closing), name, A4_WIDTH),
        *section("开门营业", "Opening of the branch", name, empty=not opened),
    ]
    if opened:
        story.append(grid(opened, name, A4_WIDTH))
    story += [
        gap(8 * mm),
        signatures(
            [("大堂经理", "Lobby manager", None), ("网点主管", "Supervisor", None)],
            name,
            A4_WIDTH,
            per_row=2,
        ),
    ]
    return build_pdf(setup, story)
