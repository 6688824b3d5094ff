"""Change one's own password: current, new, new again."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from screens.base import WorkstationModal
from workstation.domain.i18n import Msg


class ChangePasswordModal(WorkstationModal[bool]):
    DEFAULT_CSS = """
    ChangePasswordModal { align: center middle; }
    ChangePasswordModal > Vertical {
        width: 56; height: auto; padding: 1 2; border: round $primary; background: $surface;
    }
    ChangePasswordModal #heading { text-style: bold; margin-bottom: 1; }
    ChangePasswordModal Label { color: $text-muted; }
    ChangePasswordModal #error { color: $error; min-height: 1; }
    """
    AUTO_FOCUS = "#old"
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="cancel")]

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical():
            yield Label(t("password.heading"), id="heading")
            for field in ("old", "new", "repeat"):
                yield Label(t(f"password.{field}"))
                yield Input(password=True, id=field, max_length=128)
            yield Static("", id="error")

    def field_entered(self, widget) -> None:
        if widget.id == "repeat":
            self._submit()
        else:
            self.focus_next()

    def _submit(self) -> None:
        old, new, repeat = (self.query_one(f"#{f}", Input).value for f in ("old", "new", "repeat"))
        if new != repeat:
            self.show_refusal(Msg("password.mismatch"))
            return
        who, station = self.app.who, self.app.station
        self.call_service(lambda: station.auth.change_password(who, old, new), self._changed)

    def _changed(self, _: None) -> None:
        self.app.notify(self.t("password.changed"))
        self.dismiss(True)

    def show_refusal(self, message: Msg) -> None:
        self.query_one("#error", Static).update(self.t(message))
        for field in ("old", "new", "repeat"):
            self.query_one(f"#{field}", Input).value = ""
        self.query_one("#old", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(False)
