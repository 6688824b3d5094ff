"""A supervisor approves or rejects a remote request: what is asked, then password, reason, note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from screens.base import WorkstationModal
from screens.widgets.choice import ChoiceField
from screens.widgets.evidence import DIALOG_CSS, SCROLL, EvidenceScrolls, EvidenceView
from workstation.domain.i18n import Msg
from workstation.services.overrides import REASONS, REJECTIONS, RequestView


class DecisionModal(EvidenceScrolls, WorkstationModal[bool]):
    DEFAULT_CSS = DIALOG_CSS.format(name="DecisionModal")
    AUTO_FOCUS = "#password"
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", key_display="Esc", id="cancel"),
        *SCROLL,
    ]

    def __init__(self, request: RequestView, approve: bool) -> None:
        super().__init__()
        self.request, self.approve = request, approve

    def compose(self) -> ComposeResult:
        t = self.t
        codes, section = (REASONS, "reason") if self.approve else (REJECTIONS, "rejection")
        heading = "decision.approve" if self.approve else "decision.reject"
        with Vertical(id="dialog"):
            yield Label(t(heading, id=self.request.id, level=self.request.level), classes="heading")
            yield EvidenceView(t, self.request.evidence, id="evidence")
            with Vertical(id="fields"):
                yield Static(t("override.scroll_hint"), id="hint")
                with Horizontal(classes="row"):
                    yield Label(t("decision.password"))
                    yield Input(id="password", password=True, max_length=128, compact=True)
                yield Label(t("override.reason_label"), classes="field-label")
                yield ChoiceField([(t(f"override.{section}.{c}"), c) for c in codes], id="reason")
                with Horizontal(classes="row"):
                    yield Label(t("override.note"))
                    yield Input(id="note", max_length=200, compact=True)
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
