"""Service incidents (服务应急): start one from a playbook, tick its steps, log actions, close.

Supervisors and lobby staff open it from their home. Enter on a playbook starts
an incident of it (or shows the one already open); Space ticks the highlighted
step, Enter (or F6) in the note field logs an action, F10 closes the incident and
prints its report. Every time and name comes back from the service, which decides
everything; the open incidents follow the shared database (:mod:`screens.follow`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import BACK, WorkstationScreen
from screens.follow import Follower
from screens.printouts import run_print
from screens.widgets.status_bar import StatusBar
from workstation.domain.clock import time_of_day
from workstation.domain.i18n import Msg, msg
from workstation.domain.prints import DocumentKind
from workstation.services.incidents import IncidentService

if TYPE_CHECKING:
    from printing.pipeline import PrintOutcome
    from workstation.services.incident_views import IncidentView, StepView


class IncidentsScreen(WorkstationScreen):
    CSS_PATH = "incidents.tcss"
    AUTO_FOCUS = "#playbooks"
    SUBMIT_FROM = "note"
    BINDINGS = [
        Binding("space", "tick", "incident.key.tick", key_display="Space", id="tick",
                tooltip="incident.tip.tick"),
        Binding("f6", "note", "incident.key.note", key_display="F6", id="note",
                tooltip="incident.tip.note"),
        Binding("f10", "close_incident", "incident.key.close", key_display="F10",
                id="close_incident", tooltip="incident.tip.close"),
        BACK,
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.service: IncidentService = self.app.require_station().incidents
        self.current: IncidentView | None = None
        """The incident shown on the right."""
        self.open_now: tuple[IncidentView, ...] = ()
        self.printed: PrintOutcome | None = None
        """The last report printed (tests read it)."""
        self.follower: Follower[tuple[IncidentView, ...]] | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        yield StatusBar()
        with Horizontal(id="incident-body"):
            with Vertical(id="books"):
                yield Label(t("incident.playbooks"), classes="section-title")
                yield OptionList(id="playbooks")
                yield Label(t("incident.open_list"), classes="section-title")
                yield Static(t("incident.none_open"), id="open")
            with VerticalScroll(id="incident"):
                yield Static(t("incident.choose"), id="title")
                yield Static("", id="notice")
                yield Label(t("incident.steps"), classes="section-title")
                yield OptionList(id="steps")
                yield Label(t("incident.actions"), classes="section-title")
                yield Static(t("incident.no_actions"), id="actions")
                yield Input(placeholder=t("incident.note"), id="note", max_length=200)
        yield Footer()

    def on_mount(self) -> None:
        self._list_playbooks()
        self.follower = Follower(self, self.app.require_station().db, self.service.open_incidents,
                                 self._followed)  # fmt: skip
        self.follower.start()

    def on_unmount(self) -> None:
        if self.follower is not None:
            self.follower.stop()

    # -- what shows ------------------------------------------------------------------

    def _list_playbooks(self) -> None:
        lang, open_keys = self.t.lang, {i.playbook.key for i in self.open_now}
        books = self.query_one("#playbooks", OptionList)
        highlighted = books.highlighted
        books.clear_options()
        for book in self.service.playbooks():
            mark = f" · {self.t('incident.status.open')}" if book.key in open_keys else ""
            books.add_option(Option(escape(book.name.get(lang) + mark), id=book.key))
        books.highlighted = highlighted if highlighted is not None else 0

    def _followed(self, found: tuple[IncidentView, ...]) -> None:
        if not self.is_attached:
            return
        self.open_now = found
        zone, lang = self.app.clock.zone, self.t.lang
        lines = [
            self.t("incident.open_line", playbook=i.playbook.name.get(lang),
                   time=time_of_day(i.started.at, zone, seconds=False))
            for i in found
        ]  # fmt: skip
        self.query_one("#open", Static).update(
            escape("\n".join(lines) or self.t("incident.none_open"))
        )
        self._list_playbooks()
        fresh = next((i for i in found if self.current and i.id == self.current.id), None)
        if fresh is not None and _progress(fresh) >= _progress(self.current):
            self._show(fresh)  # a reading taken before this screen's last answer is older

    def _show(self, incident: IncidentView) -> None:
        self.current = incident
        t, lang, zone = self.t, self.t.lang, self.app.clock.zone
        title = t(
            "incident.title",
            playbook=incident.playbook.name.get(lang),
            status=t(incident.status.label),
            time=time_of_day(incident.started.at, zone),
            who=incident.started.by.name,
        )
        self.query_one("#title", Static).update(f"[b]{escape(title)}[/b]")
        notice = incident.playbook.notice
        said = t("incident.notice", notice=notice.get(lang)) if notice else t("incident.no_notice")
        self.query_one("#notice", Static).update(escape(said))
        steps = self.query_one("#steps", OptionList)
        highlighted = steps.highlighted
        steps.clear_options()
        steps.add_options(
            [Option(escape(self._step_line(s)), id=str(s.index)) for s in incident.steps]
        )
        steps.highlighted = highlighted if highlighted is not None else 0
        actions = [
            t("incident.action_line", time=time_of_day(a.at, zone), who=a.by.name, note=a.note)
            for a in incident.actions
        ]
        self.query_one("#actions", Static).update(
            escape("\n".join(actions) or t("incident.no_actions"))
        )

    def _step_line(self, step: StepView) -> str:
        lang, n = self.t.lang, step.index + 1
        if step.ticked is None:
            return self.t("incident.step_open", n=n, text=step.text.get(lang))
        time = time_of_day(step.ticked.at, self.app.clock.zone)
        return self.t("incident.step_done", n=n, text=step.text.get(lang), time=time,
                      who=step.ticked.by.name)  # fmt: skip

    # -- what the keys do ------------------------------------------------------------

    @on(OptionList.OptionSelected, "#playbooks")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        key = str(event.option.id)
        already = next((i for i in self.open_now if i.playbook.key == key), None)
        if already is not None:
            self._show(already)
            self.query_one("#steps", OptionList).focus()
            return
        who, service = self.app.require_who(), self.service
        self.call_service(lambda: service.start(who, key), self._started)

    def _started(self, incident: IncidentView) -> None:
        self._show(incident)
        self.notify(self.t("incident.started", playbook=incident.playbook.name.get(self.t.lang)))
        self.query_one("#steps", OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "tick":
            return not isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    def _incident(self) -> IncidentView | None:
        if self.current is None:
            self.show_refusal(msg("incident.nothing"))
        return self.current

    def action_tick(self) -> None:
        incident, step = self._incident(), self.query_one("#steps", OptionList).highlighted
        if incident is None or step is None:
            return
        who, service = self.app.require_who(), self.service
        self.call_service(lambda: service.tick(who, incident.id, step), self._ticked(step))

    def _ticked(self, step: int) -> Callable[[IncidentView], None]:
        def done(incident: IncidentView) -> None:
            self._show(incident)
            self.notify(self.t("incident.ticked", n=step + 1))

        return done

    def submit(self) -> None:
        self.action_note()

    def action_note(self) -> None:
        field = self.query_one("#note", Input)
        incident, text = self._incident(), field.value
        if incident is None:
            return
        if not text.strip() and not field.has_focus:
            field.focus()  # F6 from the steps: type, then Enter or F6 again
            return
        who, service = self.app.require_who(), self.service
        self.call_service(lambda: service.log(who, incident.id, text), self._logged)

    def _logged(self, incident: IncidentView) -> None:
        self.query_one("#note", Input).value = ""
        self._show(incident)
        self.notify(self.t("incident.logged"))

    def action_close_incident(self) -> None:
        incident = self._incident()
        if incident is None:
            return
        who, service = self.app.require_who(), self.service
        self.call_service(lambda: service.close(who, incident.id), self._ended)

    def _ended(self, incident: IncidentView) -> None:
        self._show(incident)
        station, who = self.app.require_station(), self.app.require_who()
        name = incident.playbook.name.get(self.t.lang)
        from printing.pipeline import print_document  # loaded when the first report prints

        run_print(
            self,
            lambda: print_document(station, who, DocumentKind.INCIDENT, str(incident.id)),
            lambda outcome: self._printed(name, outcome),
            refused=lambda reason: self._not_printed(name, reason),
        )

    def _printed(self, name: str, outcome: PrintOutcome) -> None:
        self.printed = outcome
        self.notify(self.t("incident.closed", playbook=name, path=outcome.path.name), timeout=10)

    def _not_printed(self, name: str, reason: Msg) -> None:
        said = self.t("incident.not_printed", playbook=name, reason=self.t(reason))
        self.notify(said, severity="error", timeout=15)


def _progress(incident: IncidentView | None) -> int:
    """How far an open incident has gone: steps ticked and actions logged only grow."""
    if incident is None:
        return -1
    return sum(step.done for step in incident.steps) + len(incident.actions)
