"""Home: who is signed in where, and what they can do now."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.actions import (
    ACTION,
    BY_NAME,
    COUNTER_STAFF,
    HOME_ACTIONS,
    HomeAction,
    allowed,
    bindings,
    for_role,
)
from screens.base import WorkstationScreen
from screens.follow import Follower
from screens.widgets.advisor_panel import AdvisorPanel
from screens.widgets.board_panel import BoardPanel, Numbered, Readings
from screens.widgets.queue_panel import QueuePanel
from screens.widgets.status_bar import StatusBar
from screens.widgets.suggestions import Suggestions
from workstation.domain.clock import stamp, time_of_day
from workstation.domain.i18n import Catalog
from workstation.domain.money import format_yuan
from workstation.domain.staff import Role

if TYPE_CHECKING:
    from workstation.services.next_day import DayState
    from workstation.services.tills import TillSummary


SUGGEST_SECONDS = 5
"""A supervisor's home reads again this often, changed or not (waits grow with nothing written;
a posting on PostgreSQL wakes no follower)."""


ASIDE = re.compile(r"\s*[（(][^（()）]*[）)]$")
"""A label's closing aside: "尾箱（开班、交接班、日终）", "Till (open, handover, close)"."""


def fitted(action: HomeAction, t: Catalog, width: int) -> str:
    """The menu line of ``action`` in ``width`` cells, never broken over two lines: its
    label; else the label without its aside (``尾箱``); else the footer's short label."""
    full = t(action.label)
    for label in (full, ASIDE.sub("", full), t(action.footer)):
        line = action.menu_text(t).removesuffix(full) + label
        if cell_len(line) <= width:
            break
    return line


class ActionMenu(OptionList):
    """The home menu: a line per action, each shortened to fit the width it has (80×24)."""

    def __init__(self, t: Catalog, actions: Iterable[HomeAction], **kwargs: Any) -> None:
        self.t, self.actions = t, tuple(actions)
        super().__init__(*(Option(a.menu_text(t), id=a.name) for a in self.actions), **kwargs)

    def on_resize(self) -> None:
        """Fit the lines to the width left, less a scrollbar's when the menu scrolls (80×24)."""
        padding = self.get_component_styles("option-list--option").padding.width
        scrolls = self.option_count > self.content_region.height
        bar = self.styles.scrollbar_size_vertical if scrolls else 0
        width = self.content_region.width - bar - padding
        for action in self.actions:
            self.replace_option_prompt(action.name, fitted(action, self.t, width))


class HomeScreen(WorkstationScreen):
    """Keys, menu, role checks and palette lines all come from the registry (screens/actions.py)."""

    follower: Follower[Numbered] | None = None
    readings: Readings | None = None

    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#actions"
    ACTIONS = HOME_ACTIONS
    BINDINGS = bindings(a for a in HOME_ACTIONS if not a.everywhere)

    def facts(self) -> list[tuple[str, str]]:
        """Label keys and values for the 'who and where' card."""
        t, who, station = self.t, self.app.require_who(), self.app.require_station()
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

    def compose(self) -> ComposeResult:
        t, who = self.t, self.app.require_who()
        staff = who.staff
        yield StatusBar()
        with Horizontal(id="home-body"):
            with Vertical(id="can-do"):
                yield Label(t("home.can_do"), classes="section-title")
                yield ActionMenu(t, for_role(self.ACTIONS, staff.role), id="actions")
            with Vertical(id="side"):
                if staff.role is Role.SUPERVISOR:
                    yield BoardPanel(id="board")
                with Vertical(id="me"):
                    yield Label(t("home.about"), classes="section-title")
                    with Grid(id="me-grid"):
                        for label, value in self.facts():
                            yield Label(t(label), classes="fact-label")
                            yield Label(value, classes="fact-value")
                    if staff.role in COUNTER_STAFF:  # the business date, or when the next opens
                        yield Static("", id="business-day")
                        yield Label(t("home.till_title"), classes="section-title till-title")
                        yield Grid(id="till-grid")
                        yield Static("", id="till-note")
                    if staff.role is Role.ADMIN:
                        yield Static(t("home.admin_hint"), id="admin-hint")
                    if staff.role is Role.SUPERVISOR:
                        yield Static("", id="opinions-overdue")
                if staff.role in COUNTER_STAFF:
                    yield QueuePanel()
                if staff.role is Role.SUPERVISOR:
                    yield Suggestions(id="suggestions")
                    yield AdvisorPanel(id="advisor")
        yield Footer()

    def on_mount(self) -> None:
        """A supervisor sees the board (主管看板), the crowd-surge suggestions (服务应急) and
        the staffing advisor, read as the database changes, every :data:`SUGGEST_SECONDS`
        (:meth:`reread`) and whenever home shows."""
        if not self._supervisor():
            return
        station = self.app.require_station()
        self.readings = Readings(station)
        self.follower = Follower(self, station.db, self.readings, self._show_reading)
        self.follower.start()
        self.set_interval(SUGGEST_SECONDS, self.reread)

    def _supervisor(self) -> bool:
        who = self.app.who  # None: signing out
        return who is not None and who.staff.role is Role.SUPERVISOR

    def reread(self) -> None:
        """Read the board, the suggestions and the advice now (the timer's and resume's job)."""
        if self.readings is not None and self._supervisor() and self.is_attached:
            board = self.query_one(BoardPanel)
            self.call_service(self.readings, self._show_reading, lambda _: board.unreadable(self.t))

    def _show_reading(self, numbered: Numbered) -> None:
        reading = None if self.readings is None else self.readings.fresh(numbered)
        if reading is None or not self.is_attached:  # a later reading shown, or signed out
            return
        (queue_board, advice), board = reading
        self.query_one(BoardPanel).show(self.t, board)
        self.query_one(Suggestions).show(self.t, self.app.require_station(), queue_board)
        self.query_one(AdvisorPanel).show(self.t, advice)

    def on_unmount(self) -> None:
        if self.follower is not None:
            self.follower.stop()

    def on_screen_resume(self) -> None:
        """Shown first or again: Textual resumes a screen on its first show too."""
        self.refresh_till()
        if self.app.who is not None and self.app.who.staff.role in COUNTER_STAFF:
            self.query_one(QueuePanel).reload()
            next_day = self.app.require_station().next_day
            self.call_service(next_day.state, self._show_business_day)
        if self._supervisor():
            self.reread()
            opinions = self.app.require_station().opinions
            self.call_service(opinions.overdue_count, self._show_overdue)

    def _show_business_day(self, state: DayState) -> None:
        if self.is_attached:  # else signed out meanwhile
            line = self.query_one("#business-day", Static)
            line.update(escape(self.t(state.line())))
            line.set_class(state.closed is not None, "-warning")

    def _show_overdue(self, count: int) -> None:
        """The supervisor's line for the opinion book: shown only while something is overdue."""
        if not self.is_attached:  # signed out meanwhile
            return
        line = self.query_one("#opinions-overdue", Static)
        line.update(self.t("opinion_book.home_overdue", count=count))
        line.display = count > 0

    def refresh_till(self) -> None:
        """The box now: shift, expected cash, limit, what stands before close."""
        who = self.app.who
        if who is None or who.staff.role not in COUNTER_STAFF:  # None: signing out
            return
        till = self.app.require_station().till
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
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        BY_NAME[str(event.option.id)].opener(self.app.nav)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == ACTION:
            who = self.app.who  # asked while the screen closes too, after sign-out
            return who is not None and allowed(str(parameters[0]), who.staff.role)
        return super().check_action(action, parameters)

    def action_home_action(self, name: str) -> None:
        BY_NAME[name].opener(self.app.nav)
