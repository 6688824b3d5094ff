"""The supervisor opens the flexible window (弹性窗口) for a zone, with a reason, or closes it.

A digit picks the zone (or 关闭, the last), Enter moves to the reason, Enter
there asks the service; what it refuses (not a supervisor, opening twice,
closing when closed, no reason) is said on the dialog's error line and the
dialog stays. Dismissed with the window as it now stands, or None (Esc).
"""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from forms.branch_pack import ZoneSpec
from screens.base import footer_key
from screens.dialogs.base import Dialog
from screens.widgets.choice import ChoiceField
from workstation.domain.i18n import Msg
from workstation.services.advisor_views import flexible_line
from workstation.services.flexible import FlexibleView

CLOSE = "-close"
"""The choice that closes the window (no zone key has a dash)."""


class FlexibleModal(Dialog[FlexibleView | None]):
    DEFAULT_CSS = """
    FlexibleModal > Vertical { width: 76; }
    FlexibleModal #state { color: $text-muted; }
    """
    AUTO_FOCUS = "#zone"
    SUBMIT_FROM = "reason"
    BINDINGS = [footer_key("escape", "cancel")]

    @property
    def counter(self) -> str:
        """The branch's first flexible window (the navigator opens this only if there is one)."""
        return self.app.require_station().advisor.flexible_counters()[0]

    def compose(self) -> ComposeResult:
        t = self.t
        zones = [(zone.name(t.lang), zone.key) for zone in self._zones()]
        with Vertical():
            yield Label(t("advisor.dialog.heading", counter=self.counter), classes="heading")
            yield Static("", id="state")
            yield Label(t("advisor.dialog.zone"), classes="field-label")
            yield ChoiceField([*zones, (t("advisor.dialog.close"), CLOSE)], id="zone")
            yield Label(t("advisor.dialog.reason"), classes="field-label")
            yield Input(id="reason", max_length=200)
            yield Static(t("advisor.dialog.hint"), id="hint")
            yield Static("", id="error")

    def _zones(self) -> tuple[ZoneSpec, ...]:
        return self.app.require_station().advisor.pack.zones

    def on_mount(self) -> None:
        advisor = self.app.require_station().advisor
        self.call_service(advisor.flexible, self._state)

    def _state(self, views: tuple[FlexibleView, ...]) -> None:
        mine = next((v for v in views if v.counter == self.counter), None)
        if mine is not None and self.is_attached:
            self.query_one("#state", Static).update(escape(self.t(flexible_line(mine))))

    def submit(self) -> None:
        advisor, who = self.app.require_station().advisor, self.app.require_who()
        counter, zone = self.counter, self.query_one("#zone", ChoiceField).value
        reason = self.query_one("#reason", Input).value
        if zone == CLOSE:
            self.call_service(lambda: advisor.close_flexible(who, counter, reason), self._done)
        else:
            self.call_service(lambda: advisor.open_flexible(who, counter, zone, reason), self._done)

    def _done(self, view: FlexibleView) -> None:
        said = (
            Msg("advisor.dialog.closed", {"counter": view.counter})
            if view.zone_name is None
            else Msg("advisor.dialog.opened", {"counter": view.counter, "zone": view.zone_name})
        )
        self.app.notify(self.t(said))
        self.dismiss(view)

    def show_refusal(self, message: Msg) -> None:
        self.query_one("#error", Static).update(escape(self.t(message)))

    def action_cancel(self) -> None:
        self.dismiss(None)
