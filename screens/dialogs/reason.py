"""Why a document is printed again: the reason goes on the reprint and in the journal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from screens.base import footer_key
from screens.dialogs.base import Dialog


class ReasonModal(Dialog[str | None]):
    """One line of reason; Enter gives it, Esc cancels. A blank reason keeps the dialog
    open and says so: closing on it made the teller start the reprint again."""

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
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#hint", Static).update(self.t("printout.reason_blank"))
            self.query_one("#hint", Static).add_class("error")
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
