"""The business receipt (业务回单): A5, a customer copy and a counter copy.

Everything in :class:`ReceiptData` is already masked; this module prints what
it is given and nothing else.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, PageBreak, Spacer

from printing.base import A5, PageSetup, bilingual, build_pdf, para
from printing.cells import Padding, Place, Rows
from printing.fonts import FontChoice, register
from printing.grid import LABEL_WIDTH, Cell, grid, signature_line
from printing.once import SharedBody, Shown
from printing.styles import SHADE, styles
from workstation.domain.money import format_yuan
from workstation.services.receipt_data import Bilingual, BranchHeader, ReceiptData

COPIES = (Bilingual("客户联", "Customer copy"), Bilingual("柜台联", "Counter copy"))
TITLE = Bilingual("业务回单", "Business receipt")
REVERSAL_TITLE = Bilingual("冲正回单", "Reversal receipt")
QR_SIZE = 24 * mm
QR_COLUMN = 30 * mm
MARGIN = 10 * mm


def render_receipt(data: ReceiptData, font: FontChoice) -> bytes:
    """The receipt as PDF bytes: page 1 the customer's copy, page 2 the counter's.

    Both copies show one body, laid out and drawn once (:mod:`printing.once`);
    only their headings differ.
    """
    name = register(font)
    title = REVERSAL_TITLE if data.reversal_of else TITLE
    setup = PageSetup(
        header=BranchHeader(data.branch_code, data.branch, data.counter),
        title=title,
        font=name,
        pagesize=A5,
        margin=MARGIN,
        subject=f"{data.serial} {title.en}",
        pages=len(COPIES),  # one page per copy, unless a copy runs over
    )
    body = SharedBody("receipt", lambda: _body(data, name))
    story: list[Flowable] = []
    for index, copy in enumerate(COPIES):
        if index:
            story.append(PageBreak())
        story += [Heading(title, copy, name), Shown(body)]
    return build_pdf(setup, story)


def _body(data: ReceiptData, font: str) -> list[Flowable]:
    """What both copies say, beneath their headings."""
    st = styles(font)
    width = A5[0] - 2 * MARGIN
    flow: list[Flowable] = [Spacer(1, 2 * mm)]
    if data.reprint:
        n = data.reprint_count
        text = f"重打 REPRINT · 第 {n} 次 No. {n}"
        if data.reprint_reason:
            text += f" · 原因 Reason: {data.reprint_reason}"
        flow.append(para(text, st["mark"]))
    if data.reversal_of:
        reversal = [
            Cell("原流水号", "Original serial", data.reversal_of),
            Cell("冲正原因", "Reason", data.reversal_reason or "—"),
        ]
        flow += [grid(reversal, font, width, shade=True), _gap()]
    flow += [grid(_facts(data), font, width), _gap()]
    if data.lines:
        cells = [Cell(line.label.zh, line.label.en, line.value) for line in data.lines]
        flow += [grid(cells, font, width), _gap()]
    if data.amount is not None:
        flow += [_amount(data, font, width), _gap()]
    flow.append(_bottom(data, font, width))
    return flow


class Heading(Flowable):
    """The title in the middle; on the right, boxed, which copy this page is."""

    PADDING = 3

    def __init__(self, title: Bilingual, copy: Bilingual, font: str) -> None:
        super().__init__()
        st = styles(font)
        self.title = [para(title.zh, st["title"]), para(title.en, st["subtitle"])]
        self.copy = [para(copy.zh, st["copy"]), para(copy.en, st["copy_en"])]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = 2 * self.PADDING + max(
            _stacked(self.title, availWidth / 2), _stacked(self.copy, availWidth / 4)
        )
        return self.width, self.height

    def draw(self) -> None:
        quarter = self.width / 4
        _draw_stacked(self.canv, self.title, quarter, self.height, quarter * 2)
        _draw_stacked(self.canv, self.copy, quarter * 3, self.height, quarter)
        self.canv.setLineWidth(0.8)
        self.canv.rect(quarter * 3, 0, quarter, self.height)


def _stacked(flowables: list[Flowable], width: float) -> float:
    return sum(f.wrap(width, 1e6)[1] + f.getSpaceAfter() for f in flowables)


def _draw_stacked(canvas, flowables: list[Flowable], x: float, height: float, width: float):
    """Draw flowables one under another, centred in a cell ``height`` high."""
    y = (height + _stacked(flowables, width)) / 2
    for flowable in flowables:
        y -= flowable.height
        flowable.drawOn(canvas, x, y)
        y -= flowable.getSpaceAfter()


def _gap() -> Spacer:
    return Spacer(1, 1.5 * mm)


def _facts(data: ReceiptData) -> list[Cell]:
    cells = [
        Cell("流水号", "Serial", data.serial),
        Cell("营业日", "Business date", data.business_date),
        Cell("业务", "Business", f"{data.business.zh} {data.business.en} ({data.template_code})"),
        Cell("记账时间", "Posted at", data.posted_at),
    ]
    if data.policy_no:
        cells.append(Cell("保单号", "Policy no.", data.policy_no))
    if data.customer_name or data.customer_id_masked:
        who = "\n".join(p for p in (data.customer_name, data.customer_id_masked) if p)
        cells.append(Cell("客户", "Customer", who))
    return cells


def _staff(data: ReceiptData) -> list[Cell]:
    cells = [Cell("柜员", "Teller", f"{data.teller_name} ({data.teller_id})", wide=True)]
    for approval in data.approvals:
        text = (
            f"{approval.name} ({approval.staff_id}) · {approval.level} 级 Level {approval.level}"
            f" · {approval.mode.zh} {approval.mode.en}\n"
            f"{approval.reason.zh} {approval.reason.en}"
        )
        cells.append(Cell("授权人", "Authorized by", text, wide=True))
    return cells


def _amount(data: ReceiptData, font: str, width: float) -> Rows:
    st = styles(font)
    assert data.amount is not None
    how = "\n".join(f"{p.zh} {p.en}" for p in (data.direction, data.method) if p is not None)
    rest = width - LABEL_WIDTH
    return Rows(
        [
            [
                Place(bilingual("金额", "Amount", st["label"], st["label_en"]), 0, shade=SHADE),
                Place([para(format_yuan(data.amount), st["amount"])], 1, shade=SHADE),
                Place([para(how, st["value"])], 2, shade=SHADE),
            ],
            [
                Place(bilingual("大写", "In words", st["label"], st["label_en"]), 0, shade=SHADE),
                Place([para(data.amount_in_words or "", st["words"])], 1, 2, shade=SHADE),
            ],
        ],
        [LABEL_WIDTH, rest * 0.5, rest * 0.5],
        padding=Padding(top=3, bottom=3, left=3, right=6),
        rules="box",
        rule=(0.8, black),
    )


def _bottom(data: ReceiptData, font: str, width: float) -> Rows:
    """The QR code on the left; staff, signature and a note on the right."""
    st = styles(font)
    verify: list[Flowable] = [
        QrCode(data.qr_payload, QR_SIZE),
        para("扫码核验 / Scan to verify", st["tiny"]),
        para(data.qr_payload, st["tiny"]),
    ]
    right_width = width - QR_COLUMN
    right: list[Flowable] = [grid(_staff(data), font, right_width)]
    if data.signature:
        right.append(signature_line("客户签名", "Customer signature", font, right_width))
    right += [
        Spacer(1, 2 * mm),
        para("请核对回单内容，妥善保管。Please check this receipt and keep it.", st["note"]),
    ]
    return Rows(
        [[Place(verify, 0), Place(right, 1)]],
        [QR_COLUMN, right_width],
        padding=Padding(top=0, bottom=0, left=0, right=0),
        valign="TOP",
        rules="none",
    )


@lru_cache(maxsize=64)
def qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The dark and light modules of ``payload``'s QR code, computed once per payload."""
    qr = QrCodeWidget(payload, barBorder=0).qr
    qr.make()
    return tuple(tuple(bool(m) for m in row) for row in qr.modules)


QUIET = 2
"""Light modules around the code: scanners find it by its quiet zone."""
PIXELS = 4
"""Image pixels per module: scaled a little, never a lot, so viewers do not blur it."""


@lru_cache(maxsize=64)
def qr_image(payload: str) -> ImageReader:
    """The QR code with its quiet zone as a one-bit image."""
    modules = qr_modules(payload)
    side = len(modules) + 2 * QUIET
    image = Image.new("1", (side, side), 1)
    image.putdata(
        [
            0
            if QUIET <= r < side - QUIET
            and QUIET <= c < side - QUIET
            and modules[r - QUIET][c - QUIET]
            else 1
            for r in range(side)
            for c in range(side)
        ]
    )
    return ImageReader(image.resize((side * PIXELS, side * PIXELS), Image.Resampling.NEAREST))


class QrCode(Flowable):
    """A QR code ``size`` points square: the same code as reportlab's widget, drawn as one
    small image instead of a shape per module (which cost more than the rest of a receipt).
    """

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload, self.size = payload, size
        self.width = self.height = size
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.drawImage(qr_image(self.payload), 0, 0, self.size, self.size)
