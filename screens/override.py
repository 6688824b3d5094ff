"""Supervisor approval at the teller's counter (local) or from another workstation (remote)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from screens.base import WorkstationModal
from screens.widgets.choice import ChoiceField
from screens.widgets.evidence import DIALOG_CSS, SCROLL, EvidenceScrolls, EvidenceView
from workstation.domain.i18n import Msg
from workstation.services.overrides import REASONS, Approval, Ask

MODAL_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 72; height: auto; padding: 1 2; border: thick $accent; background: $surface;
}}
{name} .heading {{ text-style: bold; margin-bottom: 1; }}
{name} .field-label {{ color: $text-muted; margin-top: 1; }}
{name} #error {{ color: $error; min-height: 1; margin-top: 1; }}
{name} #hint {{ color: $text-muted; }}
"""


class LocalOverrideModal(EvidenceScrolls, WorkstationModal[Approval | None]):
    """What is asked (masked), then the supervisor's ID, password and reason; the service
    decides."""

    DEFAULT_CSS = DIALOG_CSS.format(name="LocalOverrideModal")
    AUTO_FOCUS = "#approver"
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", key_display="Esc", id="cancel"),
        *SCROLL,
    ]

    def __init__(self, ask: Ask) -> None:
        super().__init__()
        self.ask = ask

    def compose(self) -> ComposeResult:
        t = self.t
        reasons = [(t(f"override.reason.{code}"), code) for code in REASONS]
        with Vertical(id="dialog"):
            yield Label(t("override.local_heading", level=self.ask.level), classes="heading")
            yield EvidenceView(t, self.ask.evidence, id="evidence")
            with Vertical(id="fields"):
                yield Static(f"{t('override.scroll_hint')}\n{t('override.local_hint')}", id="hint")
                with Horizontal(classes="row"):
                    yield Label(t("override.approver"))
                    yield Input(id="approver", max_length=16, compact=True)
                    yield Label(t("signin.password"))
                    yield Input(id="password", password=True, max_length=128, compact=True)
                yield Label(t("override.reason_label"), classes="field-label")
                yield ChoiceField(reasons, id="reason")
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
        approver = self.query_one("#approver", Input).value
        password = self.query_one("#password", Input).value
        reason = self.query_one("#reason", ChoiceField).value
        note = self.query_one("#note", Input).value.strip() or None
        if not reason:
            self.show_refusal(Msg("override.choose_reason"))
            return
        overrides, who, ask = self.app.station.overrides, self.app.who, self.ask
        self.query_one("#password", Input).value = ""
        self.call_service(
            lambda: overrides.approve_local(who, ask, approver, password, reason, note),
            self.dismiss,
        )

    def show_refusal(self, message: Msg) -> None:
        self.query_one("#error", Static).update(self.t(message))
        self.set_focus(
            self.query_one("#approver" if message.key.startswith("override") else "#password")
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class RemoteWaitModal(WorkstationModal[Approval | None]):
    """The request goes to every supervisor's Authorizations screen; this waits, or is cancelled."""

    DEFAULT_CSS = MODAL_CSS.format(name="RemoteWaitModal")
    BINDINGS = [Binding("escape", "cancel", "key.cancel_request", key_display="Esc", id="cancel")]
    POLL_SECONDS = 0.5

    def __init__(self, ask: Ask) -> None:
        super().__init__()
        self.ask = ask
        self.request_id: int | None = None
        self._checking = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.t("override.remote_heading", level=self.ask.level), classes="heading")
            yield Static(self.t("override.sending"), id="state")
            yield Static(self.t("override.remote_hint"), id="hint")

    def on_mount(self) -> None:
        overrides, who, ask = self.app.station.overrides, self.app.who, self.ask
        counter = self.app.station.counter.code
        self.call_service(lambda: overrides.request(who, ask, counter), self._sent)

    def _sent(self, request_id: int) -> None:
        self.request_id = request_id
        self.query_one("#state", Static).update(self.t("override.waiting", id=request_id))
        self.set_interval(self.POLL_SECONDS, self._poll)

    def _poll(self) -> None:
        if self._checking or self.request_id is None:
            return
        self._checking = True
        overrides, request_id = self.app.station.overrides, self.request_id
        self.call_service(lambda: overrides.status(request_id), self._checked)

    def _checked(self, view) -> None:
        self._checking = False
        if view.status == "approved" and view.approval is not None:
            self.dismiss(view.approval)  # as recorded: the approver's name, level and time
        elif view.status == "rejected":
            reason = self.t(f"override.rejection.{view.reason_code}")
            note = f"：{view.reason_text}" if view.reason_text else ""
            name = view.decided_by_name or view.decided_by
            by = self.t("evidence.person", name=name, staff_id=view.decided_by)
            self.query_one("#state", Static).update(
                self.t("override.rejected", by=by, reason=reason + note)
            )
            self.request_id = None

    def action_cancel(self) -> None:
        if self.request_id is None:
            self.dismiss(None)
            return
        overrides, who, request_id = self.app.station.overrides, self.app.who, self.request_id
        self.request_id = None
        self.call_service(lambda: overrides.cancel(who, request_id), self._after_cancel)

    def _after_cancel(self, view) -> None:
        # a supervisor may have approved in the meantime: a decision made stands
        if view.status == "approved":
            self._checked(view)
        else:
            self.dismiss(None)
