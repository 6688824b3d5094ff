"""A level-2 supervisor opens the next business date early (提前开始营业日), issue 16.11.

The dialog reads the business date's state (the date closed, the one the
calendar opens next) and offers the date to open: today on a day off after the
close, else the next business date. Enter moves through the date and the reason
to the supervisor's own password; Enter there asks the service. What it refuses
(a level-1 supervisor, no reason, a date not after the closed one, a day still
open) is said on the error line and the dialog stays. Dismissed with the new
state, or None (Esc).
"""

from __future__ import annotations

from datetime import date

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from screens.base import footer_key
from screens.dialogs.base import Dialog
from screens.widgets.credentials import take_password
from workstation.domain.i18n import Msg
from workstation.services.next_day import DayState


class NextDayModal(Dialog[DayState | None]):
    DEFAULT_CSS = """
    NextDayModal > Vertical { width: 76; }
    NextDayModal #state { color: $text-muted; }
    """
    BINDINGS = [footer_key("escape", "cancel")]
    SUBMIT_FROM = "password"
    AUTO_FOCUS = "#reason"
    """The date comes filled in: today on a day off after the close, else the next date."""

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical():
            yield Label(t("next_day.dialog.heading"), classes="heading")
            yield Static("", id="state")
            yield Label(t("next_day.dialog.date"), classes="field-label")
            yield Input(id="date", max_length=10)
            yield Label(t("next_day.dialog.reason"), classes="field-label")
            yield Input(id="reason", max_length=200)
            yield Label(t("next_day.dialog.password"), classes="field-label")
            yield Input(id="password", password=True, max_length=128)
            yield Static(t("next_day.dialog.hint"), id="hint")
            yield Static("", id="error")

    def on_mount(self) -> None:
        self.call_service(self.app.require_station().next_day.state, self._state)

    def _state(self, state: DayState) -> None:
        if not self.is_attached:
            return
        self.query_one("#state", Static).update(escape(self.t(state.line())))
        field = self.query_one("#date", Input)
        if state.suggested is not None and not field.value:
            field.value = state.suggested.isoformat()

    def submit(self) -> None:
        service, who = self.app.require_station().next_day, self.app.require_who()
        text = self.query_one("#date", Input).value.strip()
        reason = self.query_one("#reason", Input).value
        password = take_password(self.query_one("#password", Input))
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self.show_refusal(Msg("next_day.error.bad_date", {"text": text}))
            return
        self.call_service(lambda: service.open_early(who, password, day, reason), self._done)

    def _done(self, state: DayState) -> None:
        self.app.notify(self.t(Msg("next_day.opened", {"date": state.current.isoformat()})))
        self.dismiss(state)

    def show_refusal(self, message: Msg) -> None:
        self.query_one("#error", Static).update(escape(self.t(message)))

    def action_cancel(self) -> None:
        self.dismiss(None)
