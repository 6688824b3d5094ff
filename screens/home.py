"""Home: who is signed in where, and what they can do now."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import WorkstationScreen
from screens.dialogs.password import ChangePasswordModal
from screens.widgets.status_bar import StatusBar
from workstation.domain.clock import stamp, time_of_day
from workstation.domain.money import format_yuan
from workstation.domain.staff import Role

if TYPE_CHECKING:
    from workstation.services.tills import TillSummary

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
    HomeAction("screen.till", "action.till", "F6", COUNTER_STAFF),
    HomeAction("screen.branch_close", "action.branch_close", "F7", frozenset({Role.SUPERVISOR})),
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
        Binding("f6", "till", "key.till", key_display="F6", tooltip="key.tip.till", id="till"),
        Binding(
            "f7",
            "branch_close",
            "key.branch_close",
            key_display="F7",
            tooltip="key.tip.branch_close",
            id="branch_close",
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
        rows.append(("home.since_label", stamp(who.started_at, self.app.clock.zone)))
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
                if staff.role in COUNTER_STAFF:
                    yield Label(t("home.till_title"), classes="section-title till-title")
                    yield Grid(id="till-grid")
                    yield Static("", id="till-note")
                if staff.role is Role.ADMIN:
                    yield Static(t("home.admin_hint"), id="admin-hint")
        yield Footer()

    def on_screen_resume(self) -> None:
        """Shown first or again: Textual resumes a screen on its first show too."""
        self.refresh_till()

    def refresh_till(self) -> None:
        """The box now: shift, expected cash, limit, what stands before close."""
        who = self.app.who
        if who is None or who.staff.role not in COUNTER_STAFF:  # None: signing out
            return
        till = self.app.station.till
        self.call_service(lambda: till.summary(who), self._show_till)

    def _show_till(self, summary: TillSummary) -> None:
        if not self.is_attached:  # signed out meanwhile
            return
        t, shift = self.t, summary.shift
        if shift is None:
            state = "home.closed_today" if summary.closed_today else "home.no_shift"
            rows = [("home.till_shift", t(state))]
        else:
            since = time_of_day(shift.opened_at, self.app.clock.zone, seconds=False)
            rows = [
                ("home.till_shift", t("home.shift_open", since=since)),
                ("home.till_expected", format_yuan(shift.expected)),
                ("home.till_limit", format_yuan(summary.limit)),
            ]
        grid = self.query_one("#till-grid", Grid)
        grid.remove_children()
        grid.mount_all(
            [
                widget
                for label, value in rows
                for widget in (Label(t(label), classes="fact-label"), Label(value))
            ]
        )
        note = self.query_one("#till-note", Static)
        if summary.over_limit:
            note.update(t("till.over_limit", limit=format_yuan(summary.limit)))
        elif shift is None:
            note.update("" if summary.closed_today else t("home.open_hint"))
        elif summary.blockers:
            note.update("\n".join(f"· {t(b)}" for b in summary.blockers))
        else:
            note.update(t("till.ready"))
        note.set_class(summary.over_limit, "-warning")

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
        if action in ("authorizations", "branch_close"):
            return role is Role.SUPERVISOR
        if action == "till":
            return role in COUNTER_STAFF
        return super().check_action(action, parameters)

    def action_authorizations(self) -> None:
        from screens.authorizations import AuthorizationsScreen

        self.app.push_screen(AuthorizationsScreen())

    def action_till(self) -> None:
        till, who = self.app.station.till, self.app.who
        self.call_service(lambda: till.summary(who), self._to_till)

    def _to_till(self, summary: TillSummary) -> None:
        from screens.till import OpenShiftScreen, TillScreen

        self.app.push_screen(TillScreen() if summary.shift else OpenShiftScreen(summary))

    def action_branch_close(self) -> None:
        from screens.branch_close import BranchCloseScreen

        self.app.push_screen(BranchCloseScreen())

    def action_journal(self) -> None:
        from screens.journal import JournalScreen

        self.app.push_screen(JournalScreen())

    def action_new_business(self) -> None:
        from screens.picker import PickerScreen

        self.app.push_screen(PickerScreen())

    def action_change_password(self) -> None:
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
        if self.check_action("till", ()):
            yield SystemCommand(t("action.till"), t("key.tip.till"), self.action_till)
        if self.check_action("branch_close", ()):
            yield SystemCommand(
                t("action.branch_close"), t("key.tip.branch_close"), self.action_branch_close
            )
        yield SystemCommand(
            t("action.change_password"), t("key.tip.change_password"), self.action_change_password
        )
        yield SystemCommand(t("action.sign_out"), t("key.tip.sign_out"), self.action_sign_out)
