"""A checkbox that reads plainly on any terminal: ✓ when ticked, blank when not."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """Textual's Checkbox shows an X either way and relies on colour; a counter PC may not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button
