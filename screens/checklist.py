"""营业前准备 / 营业终了: today's opening and closing checklists, and opening the branch.

Each item shows whether it is done, by whom and when; Space ticks or unticks
the highlighted one, C switches between the opening and the closing list. F10
opens the branch once every opening item is done; F9 lets a supervisor open it
with items outstanding: the reason first, then the supervisor's credentials. P
prints the day's record. The service decides everything and keeps who and when.
"""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Label, Static

from screens.base import BACK, WorkstationScreen, footer_key, headed
from screens.dialogs.open_anyway import OpenAnywayModal
from screens.dialogs.reason import ReasonModal
from screens.printouts import run_print
from workstation.domain.checklist import ChecklistKind
from workstation.domain.clock import time_of_day
from workstation.domain.i18n import Msg
from workstation.domain.prints import DocumentKind
from workstation.services.checklist_views import ChecklistView

COLUMNS = ("done", "item", "who", "at")


class ChecklistScreen(WorkstationScreen):
    CSS_PATH = "checklist.tcss"
    AUTO_FOCUS = "#items"
    BINDINGS = [
        footer_key("space", "tick", id="toggle"),
        footer_key("c", "switch", "switch_list"),
        footer_key("f10", "open_branch"),
        footer_key("f9", "open_anyway"),
        footer_key("p", "print", "print_checklist"),
        BACK,
    ]

    kind: reactive[ChecklistKind] = reactive(ChecklistKind.OPENING)
    """Which of the day's checklists is shown."""
    busy: reactive[bool] = reactive(False, bindings=True)
    """A change is with the service: the keys wait for its answer."""

    def __init__(self) -> None:
        super().__init__()
        self.view: ChecklistView | None = None

    def compose(self) -> ComposeResult:
        yield from headed("")
        yield Static("", id="state")
        yield DataTable(id="items", cursor_type="row", zebra_stripes=True)
        yield Static(self.t("checklist.hint"), id="keys-hint")
        yield Static("", id="error")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#items", DataTable)
        for key in COLUMNS:
            table.add_column(self.t(f"checklist.col_{key}"), key=key)

    def on_screen_resume(self) -> None:
        self.load()

    def load(self) -> None:
        checklists, kind = self.app.require_station().checklists, self.kind
        self.call_service(lambda: checklists.today(kind), self._show)

    def watch_kind(self) -> None:
        if self.is_mounted:
            self.load()

    def _show(self, view: ChecklistView) -> None:
        if not self.is_attached:
            return
        self.busy, self.view = False, view
        t, zone = self.t, self.app.clock.zone
        title = t("checklist.heading", date=view.business_date.isoformat())
        self.query_one("#heading", Label).update(f"{title}  · {t(view.kind.label)}")
        done = sum(item.done for item in view.items)
        progress = t("checklist.progress", done=done, total=len(view.items))
        if view.opening is None:
            state = f"{t('checklist.not_open')}  {progress}"
        else:
            o = view.opening
            opened = t(
                "checklist.opened",
                time=time_of_day(o.opened_at, zone, seconds=False),
                name=o.opened_by_name,
                how=t(f"checklist.mode.{o.mode}"),
            )
            state = f"{opened}  {progress}"
        box = self.query_one("#state", Static)
        box.update(escape(state))
        box.set_class(view.opening is None, "-warning")
        table = self.query_one("#items", DataTable)
        row = table.cursor_row
        table.clear()
        for item in view.items:
            table.add_row(
                t("checklist.done_mark") if item.done else "",
                item.name(t.lang),
                f"{item.staff_name} {item.staff_id}" if item.staff_id else "",
                time_of_day(item.at, zone, seconds=False) if item.at else "",
                key=item.key,
            )
        if view.items:
            table.move_cursor(row=min(row, len(view.items) - 1))
        self.query_one("#error", Static).update("")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("tick", "open_branch", "open_anyway", "switch"):
            return not self.busy
        return super().check_action(action, parameters)

    def action_switch(self) -> None:
        opening = self.kind is ChecklistKind.OPENING
        self.kind = ChecklistKind.CLOSING if opening else ChecklistKind.OPENING

    def action_tick(self) -> None:
        """Space: the highlighted item done, or not done again."""
        view = self.view
        table = self.query_one("#items", DataTable)
        if view is None or not view.items:
            return
        item = view.items[min(table.cursor_row, len(view.items) - 1)]
        checklists, who, kind = (
            self.app.require_station().checklists,
            self.app.require_who(),
            view.kind,
        )
        self.busy = True
        self.call_service(
            lambda: checklists.tick(who, kind, item.key, done=not item.done), self._show
        )

    def action_open_branch(self) -> None:
        checklists, who = self.app.require_station().checklists, self.app.require_who()
        self.busy = True
        self.call_service(lambda: checklists.open_branch(who), self._opened)

    def _opened(self, view: ChecklistView | None) -> None:
        if view is None:  # the supervisor's dialog was cancelled
            return
        self.kind = ChecklistKind.OPENING
        self._show(view)
        self.notify(self.t("checklist.branch_opened"), timeout=8)

    def action_open_anyway(self) -> None:
        view = self.view
        if view is None:
            return
        heading = self.t("checklist.override_heading", count=len(view.outstanding))

        def reason_given(reason: str | None) -> None:
            if reason is not None:
                self.app.push_screen(OpenAnywayModal(view, reason), self._opened)

        self.app.push_screen(ReasonModal(heading), reason_given)

    def action_print(self) -> None:
        if self.view is None:
            return
        from printing.pipeline import print_document  # loaded when the first record prints

        station, who = self.app.require_station(), self.app.require_who()
        day = self.view.business_date.isoformat()
        run_print(
            self,
            lambda: print_document(station, who, DocumentKind.CHECKLIST, day),
            lambda _outcome: None,
        )

    def show_refusal(self, message: Msg) -> None:
        self.busy = False
        self.query_one("#error", Static).update(escape(self.t(message)))
