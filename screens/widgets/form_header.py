"""The form's heading: transaction code and name, then what the business is for.

One widget, not a row holding a title and a description: the description
still wraps under itself, clear of the title, as it did beside it.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

MIN_TEXT = 16
"""Below this many cells beside the title, the description wraps under it instead."""


class HangingIndent(Visual):
    """A title, then text that wraps in the column to the title's right."""

    def __init__(self, title: Content, text: Content) -> None:
        self.title, self.text = title, text

    def __str__(self) -> str:
        return self.title.plain + self.text.plain

    def _lines(self, width: int) -> Content:
        indent = self.title.cell_length
        if width - indent < MIN_TEXT:
            return self.title + self.text
        first, *rest = self.text.wrap(width - indent) or [Content("")]
        pad = Content(" " * indent)
        return Content("\n").join([self.title + first, *(pad + line for line in rest)])

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._lines(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.title.cell_length + self.text.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._lines(width).get_height(rules, width)


class FormHeader(Widget):
    DEFAULT_CSS = """
    FormHeader { height: auto; padding: 0 1; }
    """

    def __init__(self, title: str, description: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.heading = HangingIndent(
            Content.styled(title, "bold $accent") + "  ", Content.styled(description, "$text-muted")
        )

    def render(self) -> Visual:
        return self.heading

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Measured at the width of the grid it spans, not of one column.

        The form screen is a grid, and Textual sizes an auto row at the width of
        the row's first column even for a widget that spans them all: a title
        that fits on one line would be given two.
        """
        styles = self.styles
        width = container.width - styles.margin.width - styles.gutter.width
        # as Textual's Widget does: its styles serve as the rules map
        return self.heading.get_height(styles, width)  # type: ignore[arg-type]
