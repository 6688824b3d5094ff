"""A small table of flowables: the part of platypus's Table that our documents use.

Grids of labelled values, the amount box, signature lines and the receipt's
bottom row are rows of cells with paddings, shades and rules. platypus's
Table does all that and much more, and its generality cost more than the rest
of a receipt; :class:`Rows` lays out and draws only what we use: cells that
span columns, one vertical alignment, shaded cells, a full grid or an outer
box, and lines beneath single cells. It splits between rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.colors import Color, black
from reportlab.platypus import Flowable

from printing.styles import RULE

Rules = Literal["grid", "box", "none"]


@dataclass(frozen=True)
class Place:
    """Flowables in a cell that starts at ``column`` and spans ``span`` columns."""

    content: Sequence[Flowable]
    column: int
    span: int = 1
    shade: Color | None = None
    underline: float = 0
    """A line this wide beneath the cell, 0 for none."""


@dataclass(frozen=True)
class Padding:
    top: float = 2
    bottom: float = 2
    left: float = 3
    right: float = 3


class Rows(Flowable):
    """Rows of :class:`Place` in columns ``widths`` wide."""

    def __init__(
        self,
        rows: Sequence[Sequence[Place]],
        widths: Sequence[float],
        *,
        padding: Padding = Padding(),
        valign: Literal["TOP", "MIDDLE", "BOTTOM"] = "MIDDLE",
        rules: Rules = "grid",
        rule: tuple[float, Color] = (0.4, RULE),
        min_height: float = 0,
    ) -> None:
        super().__init__()
        self.rows, self.widths = [list(r) for r in rows], list(widths)
        self.padding, self.valign, self.rules, self.rule = padding, valign, rules, rule
        self.min_height = min_height
        self.edges = [sum(self.widths[:i]) for i in range(len(self.widths) + 1)]
        self.heights: list[float] = []
        self._content: list[list[float]] = []

    def _copy(self, rows: list[list[Place]]) -> Rows:
        return Rows(
            rows,
            self.widths,
            padding=self.padding,
            valign=self.valign,
            rules=self.rules,
            rule=self.rule,
            min_height=self.min_height,
        )

    def _inner(self, place: Place) -> float:
        pad = self.padding
        right = self.edges[place.column + place.span]
        return right - self.edges[place.column] - pad.left - pad.right

    def _content_height(self, place: Place) -> float:
        height, last = 0.0, len(place.content) - 1
        for index, flowable in enumerate(place.content):
            height += flowable.wrap(self._inner(place), 1e6)[1]
            if index:
                height += flowable.getSpaceBefore()
            if index < last:
                height += flowable.getSpaceAfter()
        return height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        pad = self.padding
        self._content = [[self._content_height(p) for p in row] for row in self.rows]
        self.heights = [
            max(self.min_height, pad.top + pad.bottom + max(row, default=0))
            for row in self._content
        ]
        self.width, self.height = self.edges[-1], sum(self.heights)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if not self.heights:
            self.wrap(availWidth, availHeight)
        used, fit = 0.0, 0
        for height in self.heights:
            if used + height > availHeight:
                break
            used, fit = used + height, fit + 1
        if fit == 0 or fit == len(self.rows):
            return []
        return [self._copy(self.rows[:fit]), self._copy(self.rows[fit:])]

    def draw(self) -> None:
        canvas, pad = self.canv, self.padding
        tops = [self.height - sum(self.heights[:i]) for i in range(len(self.rows) + 1)]
        for row, top, height in zip(self.rows, tops, self.heights, strict=False):
            for place in row:
                if place.shade is not None:
                    canvas.setFillColor(place.shade)
                    x = self.edges[place.column]
                    width = self.edges[place.column + place.span] - x
                    canvas.rect(x, top - height, width, height, stroke=0, fill=1)
        for row, top, height, content in zip(
            self.rows, tops, self.heights, self._content, strict=False
        ):
            inner = height - pad.top - pad.bottom
            for place, used in zip(row, content, strict=True):
                free = inner - used
                drop = {"TOP": 0, "MIDDLE": free / 2, "BOTTOM": free}[self.valign]
                y = top - pad.top - drop
                x = self.edges[place.column] + pad.left
                for index, flowable in enumerate(place.content):
                    y -= flowable.height + (flowable.getSpaceBefore() if index else 0)
                    flowable.drawOn(canvas, x, y, _sW=self._inner(place) - flowable.width)
                    y -= flowable.getSpaceAfter()
        self._draw_rules(tops)

    def _draw_rules(self, tops: list[float]) -> None:
        canvas = self.canv
        lines: list[tuple[float, float, float, float]] = []
        right = self.edges[-1]
        if self.rules == "grid":
            lines += [(0, y, right, y) for y in tops]
            for row, top, bottom in zip(self.rows, tops, tops[1:], strict=False):
                xs = {0.0, right} | {self.edges[p.column + p.span] for p in row}
                lines += [(x, bottom, x, top) for x in sorted(xs)]
        elif self.rules == "box":
            lines += [(0, 0, right, 0), (0, self.height, right, self.height)]
            lines += [(0, 0, 0, self.height), (right, 0, right, self.height)]
        canvas.setLineWidth(self.rule[0])
        canvas.setStrokeColor(self.rule[1])
        if lines:
            canvas.lines(lines)
        canvas.setStrokeColor(black)
        for row, bottom in zip(self.rows, tops[1:], strict=False):
            for place in row:
                if place.underline:
                    canvas.setLineWidth(place.underline)
                    start, end = self.edges[place.column], self.edges[place.column + place.span]
                    canvas.line(start, bottom, end, bottom)
