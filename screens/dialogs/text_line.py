"""One line of text under a heading: a response, a callback result, a due date.

Enter gives what was typed (blank too: the service decides what it accepts),
Esc cancels (None). The asking screen says what the line is for.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from screens.dialogs.base import Dialog


class TextLineModal(Dialog[str | None]):
    DEFAULT_CSS = """
    TextLineModal > Vertical { width: 80; }
    """
    AUTO_FOCUS = "#line"
    BINDINGS = [Binding("escape", "cancel", "key.cancel", key_display="Esc", id="cancel")]

    def __init__(self, heading: str, value: str = "", hint: str = "", max_length: int = 1000):
        super().__init__()
        self.heading, self.value, self.hint, self.max_length = heading, value, hint, max_length

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, classes="heading")
            yield Input(value=self.value, id="line", max_length=self.max_length)
            yield Static(self.hint, id="hint")

    def field_entered(self, widget: Widget) -> None:
        self.dismiss(self.query_one("#line", Input).value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
