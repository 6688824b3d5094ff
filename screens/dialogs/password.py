"""Change one's own password: current, new, new again."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from screens.dialogs.base import Dialog
from workstation.domain.i18n import Msg

FIELDS = ("old", "new", "repeat")


class ChangePasswordModal(Dialog[bool]):
    DEFAULT_CSS = """
    ChangePasswordModal > Vertical { width: 56; border: round $primary; }
    ChangePasswordModal #heading { text-style: bold; margin-bottom: 1; }
    ChangePasswordModal Label { color: $text-muted; }
    ChangePasswordModal #error { margin-top: 0; }
    """
    AUTO_FOCUS = "#old"
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="cancel")]
    SUBMIT_FROM = "repeat"

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical():
            yield Label(t("password.heading"), id="heading")
            for field in FIELDS:
                yield Label(t(f"password.{field}"))
                yield Input(password=True, id=field, max_length=128)
            yield Static("", id="error")

    def submit(self) -> None:
        old, new, repeat = (self.query_one(f"#{f}", Input).value for f in FIELDS)
        if new != repeat:
            self.show_refusal(Msg("password.mismatch"))
            return
        who, station = self.app.require_who(), self.app.require_station()
        self.call_service(lambda: station.auth.change_password(who, old, new), self._changed)

    def _changed(self, _: None) -> None:
        self.app.notify(self.t("password.changed"))
        self.dismiss(True)

    def show_refusal(self, message: Msg) -> None:
        self.query_one("#error", Static).update(self.t(message))
        for field in FIELDS:
            self.query_one(f"#{field}", Input).value = ""
        self.query_one("#old", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(False)
