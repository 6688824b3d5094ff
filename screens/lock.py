"""The lock screen: only the same person's password unlocks it.

Someone else may sign in here instead (F2); the locked person is then signed
out, and the journal records who did it. When the locked person still holds
this counter's till, F2 first says so: they hand it over or close it, or the
new person cannot open a till here (said before anyone counts, not after).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.reactive import reactive
from textual.widgets import Footer, Input, Label, Static

from screens.base import WorkstationScreen
from screens.widgets.credentials import take_password
from screens.widgets.status_bar import StatusBar
from workstation.domain.clock import time_of_day
from workstation.domain.i18n import Msg

if TYPE_CHECKING:
    from workstation.services.auth import SignedIn
    from workstation.services.till_state import ShiftView

LOCKED_OUT = ("auth.now_locked", "auth.locked")


class LockScreen(WorkstationScreen):
    CSS_PATH = "lock.tcss"
    AUTO_FOCUS = "#unlock-password"
    PALETTE = False
    BINDINGS = [
        Binding(
            "f2",
            "take_over",
            "key.take_over",
            key_display="F2",
            tooltip="key.tip.take_over",
            id="take_over",
        ),
        Binding("escape", "back", "key.back", key_display="Esc", tooltip="key.tip.back", id="back"),
    ]

    taking_over: reactive[bool] = reactive(False, bindings=True, toggle_class="taking-over")
    """Someone else is signing in here (F2): their fields show, Esc goes back to unlocking."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
        self.who = self.app.require_who()
        self.locked_at = self.app.clock.now()

    def compose(self) -> ComposeResult:
        t, staff = self.t, self.who.staff
        yield StatusBar()
        with Center(), Vertical(id="lock-box"):
            yield Label(t("lock.heading"), id="heading")
            yield Static(
                t(
                    "lock.who",
                    name=staff.name,
                    staff_id=staff.staff_id,
                    time=time_of_day(self.locked_at, self.app.clock.zone),
                )
            )
            reason = (
                t("lock.idle", minutes=f"{self.app.idle_minutes:g}")
                if self.reason == "idle"
                else t("lock.manual")
            )
            yield Static(reason, id="reason")
            yield Label(t("lock.password", name=staff.name), classes="field-label")
            yield Input(password=True, id="unlock-password", max_length=128)
            with Vertical(id="take-over"):
                yield Label(t("lock.take_over_heading"), id="take-over-heading")
                yield Static("", id="till-open")
                yield Label(t("signin.staff_id"), classes="field-label")
                yield Input(id="other-id", max_length=16)
                yield Label(t("signin.password"), classes="field-label")
                yield Input(password=True, id="other-password", max_length=128)
            yield Static("", id="error")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take_over":
            return not self.taking_over
        if action == "back":
            return self.taking_over
        return super().check_action(action, parameters)

    def action_take_over(self) -> None:
        self.taking_over = True
        self.query_one("#other-id", Input).focus()
        who, till = self.who, self.app.require_station().till
        self.call_service(lambda: till.current(who), self._till_open)

    def _till_open(self, shift: ShiftView | None) -> None:
        """The locked person's open till: what must happen to it, before anyone signs in."""
        if shift is None:
            return
        opened = time_of_day(shift.opened_at, self.app.clock.zone)
        line = self.query_one("#till-open", Static)
        line.update(self.t("lock.till_open", name=self.who.staff.name, time=opened))

    def action_back(self) -> None:
        self.taking_over = False
        self.query_one("#unlock-password", Input).focus()

    def field_entered(self, widget) -> None:
        if widget.id == "unlock-password":
            self._unlock(widget)
        elif widget.id == "other-id":
            self.set_focus(self.query_one("#other-password", Input))
        else:
            self._take_over(widget)

    def _unlock(self, field: Input) -> None:
        if not field.value:  # a key pressed to wake the screen is not a wrong password
            self.query_one("#error", Static).update(self.t("lock.empty"))
            return
        password, who, station = take_password(field), self.who, self.app.require_station()
        self.call_service(lambda: station.auth.unlock(who, password), self._unlocked)

    def _unlocked(self, _: None) -> None:
        self.app.touch()
        self.dismiss()

    def _take_over(self, field: Input) -> None:
        staff_id = self.query_one("#other-id", Input).value
        if not staff_id.strip() or not field.value:
            self.query_one("#error", Static).update(self.t("signin.empty"))
            return
        password, who, station = take_password(field), self.who, self.app.require_station()
        self.call_service(lambda: station.auth.take_over(who, staff_id, password), self._taken_over)

    def _taken_over(self, new_who: SignedIn) -> None:
        old = self.who.staff
        notice = self.t("lock.forced_out", old=old.name, new=new_who.staff.name)
        self.app.nav.take_over(new_who, notice)

    def show_refusal(self, message: Msg) -> None:
        if message.key in LOCKED_OUT and not self.taking_over:
            self.app.nav.end_session(f"{self.t(message)} · {self.t('lock.locked_out')}")
            return
        self.query_one("#error", Static).update(self.t(message))
