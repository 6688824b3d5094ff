"""Home: who is signed in where, and what they can do now."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import WorkstationScreen
from screens.widgets.status_bar import StatusBar
from workstation.domain.staff import Role

ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class HomeAction:
    """One line of 'what you can do now': a key, a label, who may, which action."""

    action: str
    label: str
    key: str
    roles: frozenset[Role] = ALL_ROLES


COUNTER_STAFF = frozenset({Role.TELLER, Role.SUPERVISOR})

HOME_ACTIONS = (
    HomeAction("screen.new_business", "action.new_business", "F2", COUNTER_STAFF),
    HomeAction(
        "screen.authorizations", "action.authorizations", "F3", frozenset({Role.SUPERVISOR})
    ),
    HomeAction("screen.journal", "action.journal", "F5"),
    HomeAction("app.lock", "action.lock", "F12"),
    HomeAction("screen.change_password", "action.change_password", "F8"),
    HomeAction("screen.sign_out", "action.sign_out", "F4"),
)


class HomeScreen(WorkstationScreen):
    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#actions"
    BINDINGS = [
        Binding(
            "f2",
            "new_business",
            "key.new_business",
            key_display="F2",
            tooltip="key.tip.new_business",
            id="new_business",
        ),
        Binding(
            "f3",
            "authorizations",
            "key.authorizations",
            key_display="F3",
            tooltip="key.tip.authorizations",
            id="authorizations",
        ),
        Binding(
            "f5",
            "journal",
            "key.journal",
            key_display="F5",
            tooltip="key.tip.journal",
            id="journal",
        ),
        Binding(
            "f4",
            "sign_out",
            "key.sign_out",
            key_display="F4",
            tooltip="key.tip.sign_out",
            id="sign_out",
        ),
        Binding(
            "f8",
            "change_password",
            "key.change_password",
            key_display="F8",
            tooltip="key.tip.change_password",
            id="change_password",
        ),
    ]

    def facts(self) -> list[tuple[str, str]]:
        """Label keys and values for the 'who and where' card."""
        t, who, station = self.t, self.app.who, self.app.station
        staff, lang = who.staff, t.lang
        rows = [
            (
                "home.branch",
                t("home.name_code", name=station.branch.name(lang), code=station.branch.code),
            ),
            ("home.counter", station.counter.name(lang)),
            ("home.staff", t("home.name_code", name=staff.name, code=staff.staff_id)),
            ("home.role", t(staff.role.label)),
        ]
        if staff.role is Role.SUPERVISOR:
            rows.append(("home.level_label", t("home.level", level=staff.level)))
        rows.append(("home.since_label", who.started_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")))
        return rows

    def actions_for(self, role: Role) -> list[HomeAction]:
        return [action for action in HOME_ACTIONS if role in action.roles]

    def compose(self) -> ComposeResult:
        t, who = self.t, self.app.who
        staff = who.staff
        yield StatusBar()
        with Horizontal(id="home-body"):
            with Vertical(id="can-do"):
                yield Label(t("home.can_do"), classes="section-title")
                yield OptionList(
                    *(
                        Option(f"{action.key:>4}  {t(action.label)}", id=action.action)
                        for action in self.actions_for(staff.role)
                    ),
                    id="actions",
                )
            with Vertical(id="me"):
                yield Label(t("home.about"), classes="section-title")
                with Grid(id="me-grid"):
                    for label, value in self.facts():
                        yield Label(t(label), classes="fact-label")
                        yield Label(value, classes="fact-value")
                if staff.role is Role.ADMIN:
                    yield Static(t("home.admin_hint"), id="admin-hint")
        yield Footer()

    @on(OptionList.OptionSelected, "#actions")
    async def _run(self, event: OptionList.OptionSelected) -> None:
        await self.run_action(event.option.id)

    def action_sign_out(self) -> None:
        who, station = self.app.who, self.app.station
        self.call_service(
            lambda: station.auth.sign_out(who),
            lambda _: self.app.end_session(self.t("home.signed_out")),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        role = self.app.who.staff.role
        if action == "new_business":
            return role in COUNTER_STAFF
        if action == "authorizations":
            return role is Role.SUPERVISOR
        return super().check_action(action, parameters)

    def action_authorizations(self) -> None:
        from screens.authorizations import AuthorizationsScreen

        self.app.push_screen(AuthorizationsScreen())

    def action_journal(self) -> None:
        from screens.journal import JournalScreen

        self.app.push_screen(JournalScreen())

    def action_new_business(self) -> None:
        from screens.picker import PickerScreen

        self.app.push_screen(PickerScreen())

    def action_change_password(self) -> None:
        from screens.password import ChangePasswordModal

        self.app.push_screen(ChangePasswordModal())

    def home_commands(self) -> Iterable[SystemCommand]:
        t = self.t
        if self.check_action("new_business", ()):
            yield SystemCommand(
                t("action.new_business"), t("key.tip.new_business"), self.action_new_business
            )
        if self.check_action("authorizations", ()):
            yield SystemCommand(
                t("action.authorizations"), t("key.tip.authorizations"), self.action_authorizations
            )
        yield SystemCommand(t("action.journal"), t("key.tip.journal"), self.action_journal)
        yield SystemCommand(
            t("action.change_password"), t("key.tip.change_password"), self.action_change_password
        )
        yield SystemCommand(t("action.sign_out"), t("key.tip.sign_out"), self.action_sign_out)
