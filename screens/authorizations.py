"""Authorizations (授权): a supervisor's list of pending requests from every counter.

It refreshes itself every second; the highlighted request shows everything
the teller sent: the business, amounts, policy, findings, documents, ID check.
F2 approves and F3 rejects, each with the supervisor's password and a reason.
"""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import WorkstationScreen
from screens.text import aligned
from screens.widgets.status_bar import StatusBar
from workstation.domain.clock import time_of_day
from workstation.services.overrides import RequestView

REFRESH_SECONDS = 1.0


class AuthorizationsScreen(WorkstationScreen):
    CSS_PATH = "authorizations.tcss"
    AUTO_FOCUS = "#requests"
    BINDINGS = [
        Binding("f2", "decide(True)", "key.approve", key_display="F2", id="approve"),
        Binding("f3", "decide(False)", "key.reject", key_display="F3", id="reject"),
        Binding("escape", "back", "key.back", key_display="Esc", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.requests: dict[int, RequestView] = {}
        self._loading = False

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label(self.t("authorizations.heading"), id="heading")
        with Horizontal(id="auth-body"):
            yield OptionList(id="requests")
            with VerticalScroll(id="detail-box"):
                yield Static(self.t("authorizations.none"), id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.set_interval(REFRESH_SECONDS, self.reload)

    def reload(self) -> None:
        if self._loading:
            return
        self._loading = True
        overrides = self.app.station.overrides
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
        self.refresh_bindings()

    def current(self) -> RequestView | None:
        options = self.query_one("#requests", OptionList)
        if options.highlighted is None or not self.requests:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self.requests.get(int(option.id))

    def _summary(self, r: RequestView) -> str:
        t, c = self.t, r.context
        title = c.get(f"title_{t.lang}") or c.get("template", "")
        if r.purpose == "reversal":
            title = t("authorizations.reversal", serial=c.get("serial", ""))
        return t(
            "authorizations.line",
            id=r.id,
            counter=r.counter,
            teller=r.teller_id,
            title=title,
            level=r.level,
            time=time_of_day(r.created_at, self.app.clock.zone),
        )

    def _show(self, r: RequestView | None) -> None:
        detail = self.query_one("#detail", Static)
        if r is None:
            detail.update(self.t("authorizations.none"))
            return
        t, c, lang = self.t, r.context, self.t.lang
        parts = [f"[b]{escape(self._summary(r))}[/b]"]
        if r.purpose == "reversal":
            rows = [
                (t("authorizations.original"), c.get("serial", "")),
                (t("posted.amount"), f"¥{c['amount']}" if c.get("amount") else "—"),
                (t("authorizations.reason"), c.get("reason", "")),
            ]
        else:
            rows = [(line[f"label_{lang}"], line[lang]) for line in c.get("lines", [])]
        parts.append(escape(aligned(rows)))
        if c.get("by_agent"):
            parts.append(t("authorizations.by_agent"))
        findings = c.get("findings", [])
        if findings:
            parts.append(f"[b]{escape(t('review.findings'))}[/b]")
            parts += [f"• {escape(f[lang])}" for f in findings]
        documents = c.get("documents", [])
        if documents:
            parts.append(f"[b]{escape(t('review.documents'))}[/b]")
            parts += [f"✓ {escape(d[lang])}" for d in documents]
        if c.get("id_check"):
            checked = "、".join(c["id_check"].values())
            parts.append(escape(t("authorizations.id_check", ids=checked)))
        detail.update("\n".join(parts))

    @on(OptionList.OptionHighlighted, "#requests")
    def _highlighted(self) -> None:
        self._show(self.current())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide":
            return self.current() is not None
        return super().check_action(action, parameters)

    def action_decide(self, approve: bool) -> None:
        from screens.decision import DecisionModal

        request = self.current()
        if request is not None:
            self.app.push_screen(DecisionModal(request, approve), lambda _: self.reload())

    def action_back(self) -> None:
        self.dismiss()
