"""Flowables laid out and drawn once, shown on several pages.

A receipt prints the same body on its customer copy and its counter copy. The
body is laid out once and drawn once into a PDF form XObject; each copy then
shows the form, which is one operator in its page. A viewer or a printer sees
the same marks as if it had been drawn twice; the PDF and the time to make it
are about half.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

BLEED = 4
"""Points the form's box reaches past the flowables, so rules on their edges are not cut."""


class SharedBody:
    """The flowables that ``make`` returns, stacked as a frame would stack them."""

    def __init__(self, name: str, make: Callable[[], list[Flowable]]) -> None:
        self.name, self.make = name, make
        self.flowables = make()
        self.width = self.height = -1.0
        self._placed: list[tuple[Flowable, float, float]] = []
        self._drawn_on: weakref.ref[Canvas] | None = None

    def wrap(self, canvas: Canvas, width: float) -> float:
        """Lay the flowables out ``width`` wide (once per width); their total height."""
        if width != self.width:
            self.width, self._placed = width, []
            y = 0.0
            for index, flowable in enumerate(self.flowables):
                before = flowable.getSpaceBefore() if index else 0
                w, h = flowable.wrapOn(canvas, width, 1e6)
                y -= before + h
                self._placed.append((flowable, y, w))
                y -= flowable.getSpaceAfter()
            self.height = -y
            self._placed = [(f, fy + self.height, w) for f, fy, w in self._placed]
        return self.height

    def show(self, canvas: Canvas) -> None:
        """Draw the body at the canvas's origin: into a form the first time, then reuse it."""
        if self._drawn_on is None or self._drawn_on() is not canvas:
            canvas.beginForm(self.name, -BLEED, -BLEED, self.width + BLEED, self.height + BLEED)
            for flowable, y, w in self._placed:
                flowable.drawOn(canvas, 0, y, _sW=self.width - w)
            canvas.endForm()
            self._drawn_on = weakref.ref(canvas)
        canvas.doForm(self.name)


class Shown(Flowable):
    """One showing of a :class:`SharedBody`. When the body does not fit what is left
    of the frame, this showing becomes its own fresh flowables, which may split
    across pages like any others."""

    def __init__(self, body: SharedBody) -> None:
        super().__init__()
        self.body = body

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, self.body.wrap(self.canv, availWidth)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return self.body.make()

    def draw(self) -> None:
        self.body.show(self.canv)
