"""The request goes to every supervisor's Authorizations screen; this waits, or is cancelled."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from screens.base import footer_key
from screens.dialogs.base import Dialog
from workstation.services.overrides import Approval, Ask, RequestView


class RemoteWaitModal(Dialog[Approval | None]):
    """Dismissed with the approval as recorded, or None when the teller withdraws the request."""

    DEFAULT_CSS = """
    RemoteWaitModal > Vertical { width: 72; }
    """
    BINDINGS = [footer_key("escape", "cancel", "cancel_request")]
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
        overrides, who, ask = self.app.require_station().overrides, self.app.require_who(), self.ask
        counter = self.app.require_station().counter.code
        self.call_service(lambda: overrides.request(who, ask, counter), self._sent)

    def _sent(self, request_id: int) -> None:
        self.request_id = request_id
        self.query_one("#state", Static).update(self.t("override.waiting", id=request_id))
        self.set_interval(self.POLL_SECONDS, self.poll)

    def poll(self) -> None:
        """Ask the service whether a supervisor has decided (every POLL_SECONDS, or at once)."""
        if self._checking or self.request_id is None:
            return
        self._checking = True
        overrides, request_id = self.app.require_station().overrides, self.request_id
        self.call_service(lambda: overrides.status(request_id), self._checked)

    def _checked(self, view: RequestView) -> None:
        self._checking = False
        if view.status == "approved" and view.approval is not None:
            self.dismiss(view.approval)  # as recorded: the approver's name, level and time
        elif view.status == "rejected":
            reason = self.t(f"override.rejection.{view.reason_code}")
            note = f"：{view.reason_text}" if view.reason_text else ""
            who = view.decided_by
            by = self.t("evidence.person", name=who.name, staff_id=who.staff_id) if who else ""
            self.query_one("#state", Static).update(
                self.t("override.rejected", by=by, reason=reason + note)
            )
            self.request_id = None

    def action_cancel(self) -> None:
        if self.request_id is None:
            self.dismiss(None)
            return
        overrides, who, request_id = (
            self.app.require_station().overrides,
            self.app.require_who(),
            self.request_id,
        )
        self.request_id = None
        self.call_service(lambda: overrides.cancel(who, request_id), self._after_cancel)

    def _after_cancel(self, view: RequestView) -> None:
        # a supervisor may have approved in the meantime: a decision made stands
        if view.status == "approved":
            self._checked(view)
        else:
            self.dismiss(None)
