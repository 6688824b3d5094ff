"""Plain-text widgets that show where the keyboard is while they have focus."""

from __future__ import annotations

from textual.binding import Binding
from textual.widget import Widget


class FocusDrawn(Widget, can_focus=True):
    """Drawn differently while it has focus: repainted as focus comes and goes."""

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


class CursorLines(FocusDrawn):
    """A line per item and a cursor on one: ↑↓ call ``action_move``; the cursor's line is
    reversed while the widget has focus."""

    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    cursor = 0
    """The index of the item the cursor is on."""

    def at_cursor(self, index: int, line: str) -> str:
        """``line`` (the item at ``index``), marked when the cursor is on it and in focus."""
        return f"[reverse]{line}[/]" if self.has_focus and index == self.cursor else line
