"""The queue ticket (排队号票): 80 mm roll paper, the number large.

What the customer holds while waiting: the branch, the number, the service,
how many wait before them and about how long, when it was taken, what to have
ready, the service phone and where the opinion book is. Nothing personal.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable

from printing.base import PageSetup, bilingual, build_pdf, para
from printing.fonts import FontChoice, register
from printing.grid import Cell, grid
from printing.report_parts import gap, marks
from printing.styles import RULE, styles
from workstation.domain.i18n import Catalog
from workstation.domain.text import join_list
from workstation.services.receipt_data import Bilingual
from workstation.services.ticket_data import TicketSlip

TICKET_PAGE = (80 * mm, 160 * mm)
"""An 80 mm roll, cut at 160 mm (``printing.output.Media.ROLL_80``)."""
MARGIN = 4 * mm
WIDTH = TICKET_PAGE[0] - 2 * MARGIN
LABEL_WIDTH = 21 * mm
TITLE = Bilingual("排队号票", "Queue ticket")
ITEMS = 6
"""At most this many documents are listed one a line, in both languages (one business's);
more (every business of a service) run together in Chinese, so the ticket stays one page."""
ZH = Catalog.load("zh")
"""The ticket's Chinese half lists its documents the Chinese way."""


@cache
def _number_style(font: str) -> ParagraphStyle:
    return ParagraphStyle(
        "ticket_number", parent=styles(font)["title"], fontSize=40, leading=44, alignment=TA_CENTER
    )


@cache
def _english_item(font: str) -> ParagraphStyle:
    """A document's English name, indented under its Chinese one."""
    return ParagraphStyle("ticket_item_en", parent=styles(font)["small_en"], leftIndent=4 * mm)


def render_ticket(data: TicketSlip, font: FontChoice) -> bytes:
    """The ticket as PDF bytes: one page of an 80 mm roll."""
    name = register(font)
    st = styles(name)
    setup = PageSetup(
        data.header,
        TITLE,
        name,
        TICKET_PAGE,
        MARGIN,
        subject=f"{data.header.branch_code} {TITLE.en} {data.business_date} {data.label}",
        pages=1,
    )
    story: list[Flowable] = [
        *marks(name, data.print_no, data.reprint_reason),
        *bilingual(
            f"{data.service.zh} · {data.zone.zh}",
            f"{data.service.en} · {data.zone.en}",
            st["copy"],
            st["copy_en"],
        ),
        para(data.label, _number_style(name)),
    ]
    if data.priority is not None:
        story.append(para(f"优先 {data.priority.zh} · Priority: {data.priority.en}", st["copy"]))
    story += [
        gap(2 * mm),
        grid(_facts(data), name, WIDTH, label_width=LABEL_WIDTH),
        *_documents(data, name),
        HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=3, spaceAfter=3),
        para(f"服务电话 Service phone: {data.service_phone}", st["body"]),
        *bilingual(data.opinion_book.zh, data.opinion_book.en, st["small"], st["small_en"]),
        gap(2 * mm),
        *bilingual(
            "请留意叫号屏与广播；过号请到大堂重新取号。",
            "Watch the display and listen for your number; if it is passed, ask in the lobby.",
            st["small"],
            st["small_en"],
        ),
    ]
    return build_pdf(setup, story)


def _facts(data: TicketSlip) -> list[Cell]:
    minutes = data.estimate_minutes
    return [
        Cell("前面等候", "Ahead of you", f"{data.ahead} 人 people", wide=True),
        Cell("预计等候", "Estimated wait", f"约 {minutes} 分钟 about {minutes} min", wide=True),
        Cell("取号时间", "Issued at", data.issued_at, wide=True),
    ]


def _documents(data: TicketSlip, font: str) -> list[Flowable]:
    st = styles(font)
    flow: list[Flowable] = [
        gap(2 * mm),
        *bilingual("请准备以下材料", "Please have ready", st["heading"], st["heading_en"]),
    ]
    if not data.documents:
        flow.append(para("无需材料 Nothing to bring", st["body"]))
    elif len(data.documents) > ITEMS:  # a whole service's: too many to list one a line
        flow += [
            *bilingual(
                "按所办业务准备，可能需要：",
                "What your business needs; it may be among these (the counter will say):",
                st["body"],
                st["small_en"],
            ),
            para(join_list(ZH, (document.zh for document in data.documents)), st["small"]),
        ]
    else:
        for n, document in enumerate(data.documents, 1):
            flow.append(para(f"{n}. {document.zh}", st["body"]))
            flow.append(para(document.en, _english_item(font)))
    return flow
