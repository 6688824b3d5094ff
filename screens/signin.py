"""Sign-in: staff ID and password. In the demo it also lists the demo accounts."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from screens.base import WorkstationScreen

if TYPE_CHECKING:
    from textual.widgets import DataTable
from screens.widgets.status_bar import StatusBar
from workstation.domain.i18n import Msg


class SignInScreen(WorkstationScreen):
    CSS_PATH = "signin.tcss"
    AUTO_FOCUS = "#staff-id"
    PALETTE = False

    def compose(self) -> ComposeResult:
        t, app = self.t, self.app
        yield StatusBar()
        with Horizontal(id="sign-in-body", classes="-demo" if app.demo_accounts else ""):
            with Vertical(id="sign-in-box"):
                yield Label(t("signin.heading"), id="heading")
                yield Label(t("signin.staff_id"), classes="field-label")
                yield Input(
                    placeholder=t("signin.staff_id_placeholder"), id="staff-id", max_length=16
                )
                yield Label(t("signin.password"), classes="field-label")
                yield Input(password=True, id="password", max_length=128)
                yield Static(t("signin.hint"), id="hint")
                yield Static("", id="error")
                yield Static(t("app.connecting"), id="status")
            if app.demo_accounts:
                from textual.widgets import DataTable  # the demo only; keeps start-up lean

                with Vertical(id="demo"):
                    yield Label(t("signin.demo_accounts", password="demo1234"), id="demo-heading")
                    yield DataTable(id="demo-accounts", cursor_type="none", show_cursor=False)
                    if app.demo_dir is not None:
                        hint = t("signin.demo_counter", dir=shlex.quote(str(app.demo_dir)))
                        yield Static(hint, id="demo-counter", markup=False)
        if app.demo_accounts:
            yield Static(t("app.demo_banner"), id="demo-banner")

    def on_mount(self) -> None:
        if self.app.demo_accounts:
            table = cast("DataTable[str]", self.query_one("#demo-accounts"))
            table.add_columns(
                self.t("signin.col_staff_id"), self.t("signin.col_name"), self.t("signin.col_role")
            )
            for account in self.app.demo_accounts:
                table.add_row(account.staff_id, account.name, self.t(account.role.label))
        self.watch(self.app, "station", self._station_changed)

    def _station_changed(self, station) -> None:
        if station is not None:
            lang = self.t.lang
            self.query_one("#status", Static).update(
                self.t(
                    "app.ready",
                    branch=station.branch.name(lang),
                    counter=station.counter.name(lang),
                )
            )

    def on_screen_resume(self) -> None:
        self.query_one("#password", Input).value = ""
        self.query_one("#staff-id", Input).focus()

    def field_entered(self, widget) -> None:
        if widget.id == "staff-id":
            self.set_focus(self.query_one("#password", Input))
        else:
            self.submit()

    def submit(self) -> None:
        staff_id = self.query_one("#staff-id", Input).value.strip()
        password = self.query_one("#password", Input).value
        if not staff_id or not password:
            self.show_refusal(Msg("signin.empty"))
            return
        self.query_one("#error", Static).update(self.t("signin.signing_in"))
        app = self.app
        self.call_service(
            lambda: app.wait_station().auth.sign_in(staff_id, password), self._signed_in
        )

    def _signed_in(self, who) -> None:
        self.query_one("#error", Static).update("")
        self.query_one("#staff-id", Input).value = ""
        self.query_one("#password", Input).value = ""
        self.app.nav.begin_session(who)

    def show_refusal(self, message: Msg) -> None:
        self.query_one("#error", Static).update(self.t(message))
        password = self.query_one("#password", Input)
        password.value = ""
        if self.query_one("#staff-id", Input).value.strip():
            password.focus()
        else:
            self.query_one("#staff-id", Input).focus()
