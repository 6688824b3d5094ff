"""Why a posting is reversed, and how the supervisor will approve it (here, or remotely)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from screens.base import footer_key
from screens.dialogs.approval import Mode
from screens.dialogs.base import Dialog


@dataclass(frozen=True)
class ReversalAnswer:
    reason: str
    mode: Mode


class ReverseModal(Dialog[ReversalAnswer | None]):
    DEFAULT_CSS = """
    ReverseModal > Vertical { width: 72; }
    """
    AUTO_FOCUS = "#reason"
    BINDINGS = [
        footer_key("f7", "choose('local')", "local_override", id="local"),
        footer_key("f8", "choose('remote')", "remote_override", id="remote"),
        footer_key("escape", "cancel"),
    ]

    def __init__(self, serial: str) -> None:
        super().__init__()
        self.serial = serial

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.t("reverse.heading", serial=self.serial), classes="heading")
            yield Label(self.t("reverse.reason"), classes="field-label")
            yield Input(id="reason", max_length=200)
            yield Static(self.t("reverse.hint"), id="hint")
            yield Static("", id="error")

    def field_entered(self, widget: Widget) -> None:
        self.action_choose("local")

    def action_choose(self, mode: Mode) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#error", Static).update(self.t("reversal.reason_needed"))
            return
        self.dismiss(ReversalAnswer(reason, mode))

    def action_cancel(self) -> None:
        self.dismiss(None)
