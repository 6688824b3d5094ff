"""Text layout helpers for screens: Chinese measured in terminal cells, not characters, and
broken into lines where a reader expects (禁则), which Textual's own wrapping does not do."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.visual import Visual, VisualType, visualize
from textual.widget import Widget
from textual.widgets import Static

from workstation.domain.text import line_breaks


def aligned(rows: list[tuple[str, str]]) -> str:
    """Label-value lines with the values lined up."""
    width = max((cell_len(label) for label, _ in rows), default=0)
    return "\n".join(f"{label}{' ' * (width - cell_len(label))}  {value}" for label, value in rows)


def wrapped(content: Content, width: int) -> list[Content]:
    """``content`` in lines ``width`` wide, no line starting with a Chinese full stop or
    comma and no English word cut (``workstation.domain.text.line_breaks``): Textual
    would cut anywhere."""
    lines: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        plain = line.plain
        cuts = [0, *line_breaks(plain, width), len(plain)]
        for start, end in itertools.pairwise(cuts):
            while start < end and plain[start] == " ":
                start += 1
            lines.append(line[start:end].rstrip())
    return lines


if TYPE_CHECKING:
    _Mixin = Widget
else:
    _Mixin = object  # not a Widget: Textual takes a widget's CSS from its first Widget base


class Reflows(_Mixin):
    """Mixed in before a widget whose text (``render_text``, else the next class's
    ``render``) Textual would wrap anywhere: the text is broken by :func:`wrapped` at the
    widget's width, again whenever that width changes, and ``height: auto`` counts those
    lines."""

    def render_text(self) -> VisualType:
        return super().render()

    def _lines(self, width: int) -> Visual | list[Content]:
        visual = visualize(self, self.render_text(), markup=self._render_markup)
        if not isinstance(visual, Content) or width < 1:
            return visual
        return wrapped(visual, width)

    def render(self) -> Visual:
        lines = self._lines(self.content_size.width)
        return Content("\n").join(lines) if isinstance(lines, list) else lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        lines = self._lines(width)
        if isinstance(lines, list):
            return len(lines)
        return super().get_content_height(container, viewport, width)


class Prose(Reflows, Static):
    """A :class:`~textual.widgets.Static` for running text, Chinese or English, that breaks
    its lines like :func:`wrapped`."""
