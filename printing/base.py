"""The page every document shares: header, footer, page numbers, fixed metadata.

Canvas drawing happens only in the page callbacks here; documents are built
from flowables. ``invariant=1`` and fixed metadata make the same input give the
same bytes. Page ``x`` of ``y`` comes from :meth:`BaseDocTemplate.multiBuild`:
a zero-size indexing flowable records the page count of one pass for the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import BaseDocTemplate, IndexingFlowable

from printing.fonts import CID_FALLBACK
from printing.styles import GREY, RULE
from workstation.services.receipt_data import Bilingual, BranchHeader

__all__ = [
    "A4",
    "A5",
    "PageSetup",
    "bilingual",
    "build_pdf",
    "escape",
    "para",
    "printable",
]

AUTHOR = "Counter Workstation 柜面工作站"
# STSong-Light has no U+00B7 (middle dot) nor U+2022 (bullet): it prints a blank box.
_CID_SUBSTITUTES = str.maketrans({"·": "・", "•": "・"})
_FUZZ = 1e-6
HEADER_HEIGHT = 13 * mm
FOOTER_HEIGHT = 9 * mm


@dataclass(frozen=True)
class PageSetup:
    """What the page callbacks draw around a document's flowables."""

    header: BranchHeader
    title: Bilingual
    """The document's title, drawn at the top right of every page."""
    font: str
    pagesize: tuple[float, float] = A5
    margin: float = 10 * mm
    subject: str = ""
    pages: int | None = None
    """How many pages the document is expected to have, if known: when the first pass
    makes that many, it is the only pass (footers say "of N" without laying out twice)."""


def printable(text: str, font: str) -> str:
    """The text with what the CID fallback font cannot show replaced (· → ・)."""
    return text.translate(_CID_SUBSTITUTES) if font == CID_FALLBACK else text


def para(text: str, style: ParagraphStyle) -> Flowable:
    """A paragraph of plain (user) text: escaped, so ``<`` or ``&`` print as
    themselves; a newline starts a new line.

    Most texts on a receipt or a count sheet are a line or two, each short: those
    are drawn as strings, which look the same as a Paragraph's lines at a fraction
    of the cost; a text with a line that does not fit becomes a wrapping Paragraph.
    """
    return TextLine(printable(text, style.fontName), style)


class TextLine(Flowable):
    """Short lines of text in a paragraph style, or a real Paragraph when one must wrap."""

    _ALIGN = {TA_LEFT: "drawString", TA_CENTER: "drawCentredString", TA_RIGHT: "drawRightString"}

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.lines = text.split("\n")
        self._paragraph: Paragraph | None = None
        indented = style.leftIndent or style.rightIndent or style.firstLineIndent
        if style.alignment not in self._ALIGN or indented or style.borderWidth:
            self._paragraph = self._wrapping()

    def _wrapping(self) -> Paragraph:
        return Paragraph(escape(self.text).replace("\n", "<br/>"), self.style)

    def _widest(self) -> float:
        style = self.style
        return max(stringWidth(line, style.fontName, style.fontSize) for line in self.lines)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._paragraph is None:
            if self._widest() <= availWidth - _FUZZ:
                self.width, self.height = availWidth, self.style.leading * len(self.lines)
                return self.width, self.height
            self._paragraph = self._wrapping()
        self.width, self.height = self._paragraph.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self._paragraph is None:
            return []
        return self._paragraph.split(availWidth, availHeight)

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

    def minWidth(self) -> float:
        if self._paragraph is not None:
            return self._paragraph.minWidth()
        return self._widest()

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """Draw at (x, y) without a saved and translated graphics state, which cost
        as much as the strings. It sets its own colour and font and leaves them set:
        whatever draws after it sets what it needs, as everything in printing/ does."""
        if self._paragraph is not None:
            self._paragraph.drawOn(canvas, x, y, _sW)
            return
        style = self.style
        canvas.setFillColor(style.textColor)
        canvas.setFont(style.fontName, style.fontSize)
        x += {TA_LEFT: 0, TA_CENTER: self.width / 2, TA_RIGHT: self.width}[style.alignment]
        show = getattr(canvas, self._ALIGN[style.alignment])
        baseline = y + self.height - style.fontSize  # where a Paragraph puts its first line
        for line in self.lines:
            show(x, baseline, line)
            baseline -= style.leading


def bilingual(zh: str, en: str, style: ParagraphStyle, en_style: ParagraphStyle) -> list[Flowable]:
    """Chinese, and the English beneath it in its own (smaller, grey) style; both escaped."""
    return [para(zh, style), para(en, en_style)]


class _PageCount(IndexingFlowable):
    """Zero-size; remembers how many pages a pass made, for the next pass's footers."""

    def __init__(self, doc: _Document) -> None:
        super().__init__()
        self.doc = doc
        self._previous: int | None = doc.page_total

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass

    def afterBuild(self) -> None:
        self._previous, self.doc.page_total = self.doc.page_total, self.doc.page

    def isSatisfied(self) -> bool:
        return self._previous is not None and self._previous == self.doc.page_total


class _Document(BaseDocTemplate):
    def __init__(self, buffer: BytesIO, setup: PageSetup) -> None:
        self.setup = setup
        self.page_total: int | None = setup.pages
        width, height = setup.pagesize
        super().__init__(
            buffer,
            pagesize=setup.pagesize,
            leftMargin=setup.margin,
            rightMargin=setup.margin,
            topMargin=setup.margin + HEADER_HEIGHT,
            bottomMargin=setup.margin + FOOTER_HEIGHT,
            invariant=1,
            title=f"{setup.title.zh} {setup.title.en}",
            author=AUTHOR,
            creator=AUTHOR,
            subject=setup.subject or f"{setup.header.branch_code} {setup.title.en}",
            pageCompression=1,
            initialFontName=setup.font,
        )
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            width - self.leftMargin - self.rightMargin,
            height - self.topMargin - self.bottomMargin,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate("plain", [frame], onPage=self._decorate)])

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        setup = self.setup
        width, height = setup.pagesize
        left, right = setup.margin, width - setup.margin
        top = height - setup.margin
        branch = setup.header.branch
        counter = setup.header.counter
        canvas.saveState()
        canvas.setFillColor(GREY)
        canvas.setFont(setup.font, 9)
        dot = printable(" · ", setup.font)
        zh_line = branch.zh + (f"{dot}{counter.zh}" if counter else "")
        en_line = branch.en + (f"{dot}{counter.en}" if counter else "")
        canvas.drawString(left, top - 9, zh_line)
        canvas.drawRightString(right, top - 9, setup.title.zh)
        canvas.setFont(setup.font, 7)
        canvas.drawString(left, top - 18, en_line)
        canvas.drawRightString(right, top - 18, setup.title.en)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, top - HEADER_HEIGHT + 8, right, top - HEADER_HEIGHT + 8)
        bottom = setup.margin
        canvas.line(left, bottom + FOOTER_HEIGHT - 4, right, bottom + FOOTER_HEIGHT - 4)
        page = canvas.getPageNumber()
        total = self.page_total if self.page_total else "?"
        canvas.drawString(left, bottom + 6, setup.header.branch_code)
        canvas.drawRightString(
            right, bottom + 6, f"第 {page} 页 / 共 {total} 页{dot}Page {page} of {total}"
        )
        canvas.restoreState()


def build_pdf(setup: PageSetup, story: Sequence[Flowable]) -> bytes:
    """Lay the flowables out on the shared page and return the PDF's bytes."""
    buffer = BytesIO()
    doc = _Document(buffer, setup)
    doc.multiBuild([_PageCount(doc), *story])
    return buffer.getvalue()
