"""The opinion register (意见簿登记表), A4 landscape: every opinion of a period as it stands.

One row an opinion: when, what kind by which channel, what was said, the masked
contact, the ticket, teller and counter it is about, the owner and due date, where
it stands (逾期 when overdue), and the response and callback. The figures of the
period open it: received by kind, follow-ups of poor ratings, closed, closed on
time, overdue. Texts a customer or staff wrote are escaped by the table's cells.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm

from printing.base import A4, build_pdf
from printing.columns import CODE, NUM, TEXT, Column
from printing.fonts import FontChoice, register
from printing.grid import Cell
from printing.report_parts import DASH, gap, listing, report_head, report_page, signatures
from workstation.domain.i18n import Catalog
from workstation.domain.opinion import OpinionKind
from workstation.services.opinion_views import OpinionRegister, OpinionView
from workstation.services.receipt_data import Bilingual

MARGIN = 12 * mm
PAGE = landscape(A4)
TITLE = Bilingual("意见簿登记表", "Opinion register")
OVERDUE = "逾期 OVERDUE"
COLUMNS = (
    Column("编号", "No.", NUM),
    Column("日期", "Date", CODE),
    Column("类别 · 渠道", "Kind · channel", TEXT, 0.8),
    Column("内容", "Content", TEXT, 3.0),
    Column("联系方式", "Contact", CODE),
    Column("涉及", "About", TEXT, 0.8),
    Column("负责人", "Owner", CODE),
    Column("期限", "Due", CODE),
    Column("状态", "Status", TEXT, 0.8),
    Column("答复 · 回访", "Response · callback", TEXT, 2.0),
)
ZH, EN = Catalog.load("zh"), Catalog.load("en")


def _about(item: OpinionView) -> str:
    parts = [
        item.ticket_label or "",
        f"{item.counter}号窗口" if item.counter else "",
        item.teller or "",
    ]
    return " ".join(p for p in parts if p) or DASH


def _status(item: OpinionView) -> str:
    text = f"{ZH(item.status.label)} {EN(item.status.label)}"
    return f"{text} {OVERDUE}" if item.overdue else text


def _handling(item: OpinionView) -> str:
    """``答复：…；回访：…``, or a dash."""
    parts = [f"答复：{item.response}" if item.response else ""]
    parts.append(f"回访：{item.callback_result}" if item.callback_result else "")
    return "；".join(part for part in parts if part) or DASH


def rows(data: OpinionRegister) -> list[list[str]]:
    return [
        [
            str(item.id),
            item.business_date.isoformat(),
            f"{ZH(item.kind.label)} · {ZH(item.channel.label)}",
            item.content,
            item.contact or DASH,
            _about(item),
            item.owner or DASH,
            item.due_date.isoformat() if item.due_date else DASH,
            _status(item),
            _handling(item),
        ]
        for item in data.items
    ]


def _facts(data: OpinionRegister) -> list[Cell]:
    kinds = " · ".join(f"{ZH(k.label)} {data.count(k)}" for k in OpinionKind)
    return [
        Cell("期间", "Period", f"{data.first.isoformat()} ~ {data.last.isoformat()}"),
        Cell("截至", "As of", data.as_of.isoformat()),
        Cell("收到", "Received", f"{data.count()}（{kinds}）"),
        Cell("评价跟进", "Rating follow-ups", str(data.follow_ups)),
        Cell("已办结", "Closed", str(data.closed)),
        Cell("按期办结", "Closed on time", str(data.closed_on_time)),
        Cell("逾期未办结", "Overdue", str(data.overdue)),
    ]


def render_opinion_register(data: OpinionRegister, font: FontChoice) -> bytes:
    """The register as PDF bytes: A4 landscape, the table breaking across pages."""
    name = register(font)
    width = PAGE[0] - 2 * MARGIN
    story = report_head(data, TITLE, name, width, _facts(data))
    story += listing("意见登记", "Opinions", COLUMNS, rows(data), name, width)
    story += [gap(6 * mm), signatures([("主管", "Supervisor", None)], name, width)]
    subject = f"{data.first.isoformat()}~{data.last.isoformat()} {TITLE.en}"
    return build_pdf(report_page(data.header, TITLE, name, PAGE, MARGIN, subject), story)
