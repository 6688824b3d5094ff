"""The lobby (大堂): the zone board, the queue rule, and issuing a ticket by keyboard.

Type a business code, a name or pinyin initials (``tb`` finds 退保 under the
service that covers it), Enter; a digit marks the priority (an ID of someone
65 or older suggests elderly), Enter; the optional ID, Enter (or F10 anywhere):
the service issues the ticket and the pipeline prints it. The board follows
the shared database (:mod:`screens.follow`); the service decides everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.actions import ACTION, BY_NAME, HOME_ACTIONS, allowed, bindings
from screens.base import WorkstationScreen
from screens.follow import Follower
from screens.lobby_choices import ServiceChoice, find
from screens.printouts import run_print
from screens.text import Prose
from screens.widgets.advisor_panel import AdvisorPanel, Reading, with_advice
from screens.widgets.choice import ChoiceField
from screens.widgets.status_bar import StatusBar
from screens.widgets.suggestions import suggestion_text
from screens.widgets.zone_board import ZoneBoard
from workstation.domain.clock import local_date
from workstation.domain.i18n import Msg
from workstation.domain.prints import DocumentKind
from workstation.domain.queue import Priority, suggest_priority
from workstation.domain.staff import Role
from workstation.domain.text import join_list

if TYPE_CHECKING:
    from printing.pipeline import PrintOutcome
    from workstation.services.queue_views import Estimate, IssuedTicket, QueueBoard

BOARD_SECONDS = 30
"""The board is read again this often even when nothing changed: the longest waits grow."""
LOBBY_ACTIONS = tuple(a for a in HOME_ACTIONS if Role.LOBBY in a.roles)
"""What lobby staff may do besides issuing: the registry's actions for their role."""


class LobbyScreen(WorkstationScreen):
    """The lobby staff's home: issue tickets on the left, the board and the rule on the right."""

    CSS_PATH = "lobby.tcss"
    AUTO_FOCUS = "#search"
    ACTIONS = LOBBY_ACTIONS
    SUBMIT_FROM = "id-number"
    BINDINGS = [
        Binding(
            "f10",
            "issue",
            "lobby.key.issue",
            key_display="F10",
            id="issue",
            tooltip="lobby.tip.issue",
        ),
        Binding(
            "escape",
            "clear",
            "lobby.key.clear",
            key_display="Esc",
            id="clear",
            tooltip="lobby.tip.clear",
        ),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        *bindings(a for a in LOBBY_ACTIONS if not a.everywhere),
    ]

    busy: reactive[bool] = reactive(False, bindings=True)
    """A ticket is with the service (or the printer): F10 waits for the answer."""

    def __init__(self) -> None:
        super().__init__()
        self.choices: dict[str, ServiceChoice] = {}
        self.choice: ServiceChoice | None = None
        """The service (and business) the customer queues for: the highlighted option."""
        self.follower: Follower[Reading] | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        yield StatusBar()
        with Horizontal(id="lobby-body"):
            with VerticalScroll(id="issue"):
                yield Label(t("lobby.heading"), classes="section-title")
                yield Input(placeholder=t("lobby.placeholder"), id="search")
                yield OptionList(id="services")
                yield Prose(t("lobby.priority"), classes="field-label")
                options = [(t(p.label), p.value) for p in Priority]
                yield ChoiceField(options, id="priority")
                yield Prose(t("lobby.id_number"), classes="field-label")
                yield Input(placeholder=t("lobby.id_placeholder"), id="id-number", max_length=18)
                yield Prose("", id="suggestion")
                yield Prose("", id="documents")
                yield Prose("", id="estimate")
                yield Prose(t("lobby.hint"), id="result")
            with VerticalScroll(id="board-side"):
                yield Label(t("lobby.board"), classes="section-title")
                yield ZoneBoard(t, id="zones")
                yield Prose("", id="notices")
                yield AdvisorPanel(id="advisor")
                yield Label(t("lobby.rule"), classes="section-title")
                yield Prose("", id="rule")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#services", OptionList).can_focus = False
        self.query_one("#priority", ChoiceField).value = Priority.NONE.value
        station = self.app.require_station()
        queue = station.queue
        self.call_service(queue.rule_lines, self._show_rule)
        self._search("")
        self.refresh_board()
        self.set_interval(BOARD_SECONDS, self.refresh_board)  # waits grow with nothing written
        self.follower = Follower(self, station.db, with_advice(station), self._show_reading)
        self.follower.start()

    def on_unmount(self) -> None:
        if self.follower is not None:
            self.follower.stop()

    # -- the board and the rule -------------------------------------------------------

    def _show_rule(self, lines: list[Msg]) -> None:
        """One rule a line. A Chinese line is one long "word" to the terminal's wrapping, which
        would put it under its ① alone: the space after the number goes."""
        zh = self.t.lang == "zh"
        text = "\n".join(self.t(line).replace(" ", "", 1 if zh else 0) for line in lines)
        self.query_one("#rule", Static).update(escape(text))

    def _show_board(self, board: QueueBoard) -> None:
        if not self.is_attached:
            return
        self.query_one("#zones", ZoneBoard).show(board)
        names = {s.key: s.name(self.t.lang) for s in self.app.require_station().queue.services()}
        full = [names.get(key, key) for key in board.quota_full]
        notice = self.t("lobby.quota_full", services=join_list(self.t, full)) if full else ""
        if not board.opened:  # 营业前准备未完成: the service refuses to issue until it is
            notice = "\n".join(filter(None, (self.t("checklist.not_open"), notice)))
        self.query_one("#notices", Static).update(notice)
        self._suggest(board, notice)

    def _show_reading(self, reading: Reading) -> None:
        """The board, and the staffing advisor (实时排班建议) read with it."""
        self._show_board(reading[0])
        if self.is_attached:
            self.query_one(AdvisorPanel).show(self.t, reading[1])

    def refresh_board(self) -> None:
        self.call_service(with_advice(self.app.require_station()), self._show_reading)

    # -- choosing the service -------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, text: str) -> None:
        """In memory (the templates and the pack, no database), so on the UI thread: Enter
        typed right after ``tb`` acts on the list for ``tb``, never on the one before."""
        station = self.app.require_station()
        queue, templates = station.queue, station.templates
        self._listed(text, find(text, templates, queue.services(), queue.search(text)))

    def _listed(self, text: str, found: list[ServiceChoice]) -> None:
        if not self.is_attached or self.query_one("#search", Input).value != text:
            return  # typed on meanwhile: a newer search is on its way
        results = self.query_one("#services", OptionList)
        results.clear_options()
        self.choices = {choice.id: choice for choice in found}
        lang = self.t.lang
        results.add_options([Option(choice.prompt(lang), id=choice.id) for choice in found])
        results.highlighted = 0 if found else None
        if not found:
            self._chose(None)
            self.query_one("#documents", Static).update(self.t("lobby.nothing", query=text))

    def action_move(self, step: int) -> None:
        results = self.query_one("#services", OptionList)
        (results.action_cursor_down if step > 0 else results.action_cursor_up)()

    @on(OptionList.OptionHighlighted, "#services")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._chose(self.choices.get(event.option.id or ""))

    @on(ChoiceField.Changed, "#priority")
    def _priority_changed(self, _event: ChoiceField.Changed) -> None:
        self._estimate()

    def _chose(self, choice: ServiceChoice | None) -> None:
        self.choice = choice
        lines = [] if choice is None else choice.documents(self.t.lang)
        text = ""
        if choice is not None:
            body = "\n".join(f"· {escape(line)}" for line in lines) or self.t("lobby.no_documents")
            text = f"[b]{self.t('lobby.documents')}[/b]\n{body}"
        self.query_one("#documents", Static).update(text)
        self._estimate()

    @property
    def priority(self) -> Priority:
        value = self.query_one("#priority", ChoiceField).value
        return Priority(value) if value else Priority.NONE

    def _estimate(self) -> None:
        choice, shown = self.choice, self.query_one("#estimate", Static)
        if choice is None:
            shown.update("")
            return
        queue, priority = self.app.require_station().queue, self.priority
        self.call_service(lambda: queue.estimate(choice.service.key, priority), self._estimated)

    def _estimated(self, estimate: Estimate) -> None:
        if self.is_attached:
            text = self.t("lobby.estimate", ahead=estimate.ahead, minutes=estimate.minutes)
            self.query_one("#estimate", Static).update(text)

    @on(Input.Changed, "#id-number")
    def _id_typed(self, event: Input.Changed) -> None:
        suggested = suggest_priority(event.value.strip(), local_date(self.app.clock))
        note = self.query_one("#suggestion", Static)
        if suggested is None:
            note.update("")
            return
        note.update(self.t("lobby.suggested", priority=self.t(suggested.label)))
        if self.priority is Priority.NONE:
            self.query_one("#priority", ChoiceField).value = suggested.value

    # -- issuing --------------------------------------------------------------------------

    def field_entered(self, widget) -> None:
        if widget.id == "search":
            if self.choice is None:
                self.show_refusal(Msg("lobby.choose_service"))
            else:
                self.query_one("#priority", ChoiceField).focus()
            return
        super().field_entered(widget)

    def submit(self) -> None:
        self.action_issue()

    def action_issue(self) -> None:
        choice = self.choice
        if choice is None:
            self.show_refusal(Msg("lobby.choose_service"))
            return
        station, who, priority = self.app.require_station(), self.app.require_who(), self.priority
        business = choice.business.code if choice.business else None
        self.busy = True
        self.call_service(
            lambda: station.queue.issue(who, choice.service.key, priority, business=business),
            self._issued,
        )

    def _issued(self, issued: IssuedTicket) -> None:
        ticket, t = issued.ticket, self.t
        service = ticket.service_name_zh if t.lang == "zh" else ticket.service_name_en
        line = t(
            "lobby.issued",
            label=ticket.label,
            service=service,
            ahead=issued.ahead,
            minutes=issued.estimate_minutes,
            priority=t(ticket.priority.label),
        )
        self._say(line)
        self.action_clear(keep_result=True)
        self.refresh_board()
        station, who = self.app.require_station(), self.app.require_who()
        from printing.pipeline import print_document  # loaded once the first ticket prints

        run_print(
            self,
            lambda: print_document(station, who, DocumentKind.TICKET, str(ticket.id)),
            lambda outcome: self._printed(line, outcome),
            refused=lambda message: self._printed(line, None, message),
        )

    def _printed(self, line: str, outcome: PrintOutcome | None, error: Msg | None = None) -> None:
        self.busy = False
        if outcome is None:
            self._say(self.t("lobby.not_printed", issued=line, reason=self.t(error or "")), True)
        else:
            self._say(self.t("lobby.printed", issued=line, path=outcome.path.name))

    def show_refusal(self, message: Msg) -> None:
        """A refusal (a quota reached, an unknown service) is said where the result goes;
        what was typed stays, to change and issue again."""
        self.busy = False
        self._say(self.t(message), error=True)

    def _say(self, text: str, error: bool = False) -> None:
        result = self.query_one("#result", Static)
        result.update(escape(text))
        result.set_class(error, "-error")

    def action_clear(self, keep_result: bool = False) -> None:
        """Esc: a fresh ticket for the next customer."""
        self.query_one("#search", Input).value = ""
        self.query_one("#id-number", Input).value = ""
        self.query_one("#priority", ChoiceField).value = Priority.NONE.value
        if not keep_result:
            self._say(self.t("lobby.hint"))
        self.query_one("#search", Input).focus()

    # -- registry actions (sign out, password, journal) -------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == ACTION:
            who = self.app.who
            return who is not None and allowed(str(parameters[0]), who.staff.role)
        if action == "issue":
            return not self.busy
        return super().check_action(action, parameters)

    def action_home_action(self, name: str) -> None:
        BY_NAME[name].opener(self.app.nav)

    # -- service incidents (服务应急): a crowded zone suggests the flexible window --------

    def _suggest(self, board: QueueBoard, notice: str) -> None:
        lines = "\n".join(
            line
            for line in (notice, suggestion_text(self.t, self.app.require_station(), board))
            if line
        )
        self.query_one("#notices", Static).update(escape(lines))
