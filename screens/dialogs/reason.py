"""Why a document is printed again: the reason goes on the reprint and in the journal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from screens.base import footer_key
from screens.dialogs.base import Dialog


class ReasonModal(Dialog[str | None]):
    """One line of reason; Enter gives it (blank too: the service decides), Esc cancels."""

    DEFAULT_CSS = """
    ReasonModal > Vertical { width: 72; }
    """
    AUTO_FOCUS = "#reason"
    BINDINGS = [footer_key("escape", "cancel")]

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading = heading

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, classes="heading")
            yield Label(self.t("printout.reason"), classes="field-label")
            yield Input(id="reason", max_length=200)
            yield Static(self.t("printout.reason_hint"), id="hint")

    def field_entered(self, widget: Widget) -> None:
        self.dismiss(self.query_one("#reason", Input).value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
