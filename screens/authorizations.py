"""Authorizations (授权): a supervisor's list of pending requests from every counter.

It refreshes itself every second; the highlighted request shows everything
the teller sent: the business, customer, amount in figures and capitals,
findings, documents, teller, ID check. Personal numbers are masked; F5 asks
the service for them in full (supervisors only, journaled). F2 approves and
F3 rejects, each with the supervisor's password and a reason.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from screens.base import BACK, WorkstationScreen, footer_key, headed
from screens.dialogs.decision import DecisionModal
from screens.widgets.evidence import EvidenceView
from workstation.domain.clock import time_of_day
from workstation.services.overrides import RequestView

REFRESH_SECONDS = 1.0


class AuthorizationsScreen(WorkstationScreen):
    CSS_PATH = "authorizations.tcss"
    AUTO_FOCUS = "#requests"
    BINDINGS = [
        footer_key("f2", "decide(True)", id="approve"),
        footer_key("f3", "decide(False)", id="reject"),
        footer_key("f5", "reveal"),
        BACK,
    ]

    shown: reactive[RequestView | None] = reactive(None, bindings=True)
    """The request whose evidence is on show (revealed in full after F5)."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: dict[int, RequestView] = {}
        self._loading = False

    def compose(self) -> ComposeResult:
        yield from headed(self.t("authorizations.heading"))
        with Horizontal(id="auth-body"):
            yield OptionList(id="requests")
            yield EvidenceView(self.t, id="detail-box")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.set_interval(REFRESH_SECONDS, self.reload)

    def reload(self) -> None:
        if self._loading:
            return
        self._loading = True
        overrides = self.app.require_station().overrides
        self.call_service(overrides.pending, self._loaded)

    def _loaded(self, pending: list[RequestView]) -> None:
        self._loading = False
        fresh = {r.id: r for r in pending}
        if fresh.keys() == self.requests.keys():
            return
        options = self.query_one("#requests", OptionList)
        keep = self.current()
        self.requests = fresh
        options.clear_options()
        options.add_options([Option(self._summary(r), id=str(r.id)) for r in pending])
        ids = [r.id for r in pending]
        if ids:
            options.highlighted = ids.index(keep.id) if keep and keep.id in ids else 0
        self._show(self.current())

    def current(self) -> RequestView | None:
        options = self.query_one("#requests", OptionList)
        if options.highlighted is None or not self.requests:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return None if option_id is None else self.requests.get(int(option_id))

    def _summary(self, r: RequestView) -> str:
        t, e = self.t, r.evidence
        title = e.business.get(t.lang)
        if r.purpose == "reversal":
            title = t("authorizations.reversal", serial=e.serial or "")
        return t(
            "authorizations.line",
            id=r.id,
            counter=r.counter,
            teller=t("evidence.person", name=e.teller_name, staff_id=r.teller_id),
            title=title or e.template,
            level=r.level,
            time=time_of_day(r.created_at, self.app.clock.zone),
        )

    def _show(self, r: RequestView | None) -> None:
        self.shown = r
        detail = self.query_one("#detail-box", EvidenceView)
        detail.border_title = self._summary(r) if r else ""
        detail.show(r.evidence if r else None, self.t("authorizations.none"))

    @on(OptionList.OptionHighlighted, "#requests")
    def _highlighted(self) -> None:
        self._show(self.current())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide":
            return self.current() is not None
        if action == "reveal":
            shown = self.shown
            return self.current() is not None and not (shown and shown.evidence.revealed)
        return super().check_action(action, parameters)

    def action_decide(self, approve: bool) -> None:
        request = self.current()
        if request is not None:
            self.app.push_screen(DecisionModal(request, approve), lambda _: self.reload())

    def action_reveal(self) -> None:
        """Full numbers for the highlighted request: the service checks who asks and journals it."""
        request = self.current()
        if request is None:
            return
        overrides, who = self.app.require_station().overrides, self.app.require_who()
        self.call_service(lambda: overrides.reveal(who, request.id), self._revealed)

    def _revealed(self, view: RequestView) -> None:
        current = self.current()
        if current is not None and current.id == view.id:
            self.shown = view
            self.query_one("#detail-box", EvidenceView).show(view.evidence)
