"""A supervisor approves or rejects a remote request: password, reason, note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from screens.base import WorkstationModal
from screens.override import MODAL_CSS
from screens.widgets.choice import ChoiceField
from workstation.domain.i18n import Msg
from workstation.services.overrides import REASONS, REJECTIONS, RequestView


class DecisionModal(WorkstationModal[bool]):
    DEFAULT_CSS = MODAL_CSS.format(name="DecisionModal")
    AUTO_FOCUS = "#password"
    BINDINGS = [Binding("escape", "cancel", "key.cancel", key_display="Esc", id="cancel")]

    def __init__(self, request: RequestView, approve: bool) -> None:
        super().__init__()
        self.request, self.approve = request, approve

    def compose(self) -> ComposeResult:
        t = self.t
        codes, section = (REASONS, "reason") if self.approve else (REJECTIONS, "rejection")
        heading = "decision.approve" if self.approve else "decision.reject"
        with Vertical():
            yield Label(t(heading, id=self.request.id, level=self.request.level), classes="heading")
            yield Label(t("decision.password"), classes="field-label")
            yield Input(id="password", password=True, max_length=128)
            yield Label(t("override.reason_label"), classes="field-label")
            yield ChoiceField([(t(f"override.{section}.{c}"), c) for c in codes], id="reason")
            yield Label(t("override.note"), classes="field-label")
            yield Input(id="note", max_length=200)
            yield Static("", id="error")

    def field_entered(self, widget) -> None:
        if widget.id == "note":
            self._submit()
        else:
            self.focus_next()

    def _submit(self) -> None:
        password = self.query_one("#password", Input).value
        reason = self.query_one("#reason", ChoiceField).value
        note = self.query_one("#note", Input).value.strip() or None
        if not reason:
            self.show_refusal(Msg("override.choose_reason"))
            return
        self.query_one("#password", Input).value = ""
        overrides, who, request, approve = (
            self.app.station.overrides,
            self.app.who,
            self.request,
            self.approve,
        )
        self.call_service(
            lambda: overrides.decide(who, request.id, approve, password, reason, note),
            lambda _: self.dismiss(True),
        )

    def show_refusal(self, message: Msg) -> None:
        self.query_one("#error", Static).update(self.t(message))
        self.set_focus(self.query_one("#password"))

    def action_cancel(self) -> None:
        self.dismiss(False)
