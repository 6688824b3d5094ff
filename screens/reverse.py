"""Why a posting is reversed, and how the supervisor will approve it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from screens.base import WorkstationModal
from screens.override import MODAL_CSS


class ReverseModal(WorkstationModal[tuple[str, str] | None]):
    DEFAULT_CSS = MODAL_CSS.format(name="ReverseModal")
    AUTO_FOCUS = "#reason"
    BINDINGS = [
        Binding("f7", "choose('local')", "key.local_override", key_display="F7", id="local"),
        Binding("f8", "choose('remote')", "key.remote_override", key_display="F8", id="remote"),
        Binding("escape", "cancel", "key.cancel", key_display="Esc", id="cancel"),
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

    def field_entered(self, widget) -> None:
        self.action_choose("local")

    def action_choose(self, mode: str) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#error", Static).update(self.t("reversal.reason_needed"))
            return
        self.dismiss((reason, mode))

    def action_cancel(self) -> None:
        self.dismiss(None)
