"""The opinion book (意见簿): the list, a form to record one, and the steps of handling.

Lobby staff, tellers and supervisors record what a customer said; the selected
item is assigned (F3: an owner, then its due date), answered (F4), called back
(F5) and closed (F6). A supervisor prints this month's register (F7). Every rule
(no content, a due date past, closing a complaint with no response, a step out of
order) is the service's: the screen says what it decided.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.cells import set_cell_size
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, Label, Static

from screens.base import BACK, WorkstationScreen, headed
from screens.dialogs.pick import PickModal
from screens.dialogs.text_line import TextLineModal
from screens.printouts import run_print
from screens.text import Prose
from screens.widgets.choice import ChoiceField
from workstation.domain.clock import local_date, short_stamp
from workstation.domain.dates import parse_date
from workstation.domain.errors import InvalidValue
from workstation.domain.opinion import Channel, OpinionKind
from workstation.domain.prints import DocumentKind
from workstation.domain.staff import Role
from workstation.services.opinion_views import OpinionView, period_ref

COLUMNS = ("no", "kind", "status", "due", "owner", "date", "content")
"""Where it stands first, so a narrow screen still shows it; the channel, the contact and
what it is about show below the list for the selected item."""
FIELDS = {"content": 1000, "contact": 60, "ticket": 8, "teller": 16, "counter": 2}
"""The form's text fields and their longest values, in order; Enter in the last records."""
CONTENT_CELLS = 24
"""How many cells of an opinion's text its row shows; the selected one shows whole below."""


def about(item: OpinionView, system: str) -> str:
    """The ticket, counter and teller it is about, and who recorded it (the pad: ``system``)."""
    by = item.recorded_by or system
    parts = (item.ticket_label, f"#{item.counter}" if item.counter else None, item.teller, by)
    return " · ".join(x for x in parts if x)


def _key(name: str, key: str) -> Binding:
    return Binding(
        key,
        name,
        f"opinion_book.key_{name}",
        key_display=key.upper(),
        id=f"opinion_{name}",
        tooltip=f"opinion_book.tip_{name}",
    )


class OpinionsScreen(WorkstationScreen):
    CSS_PATH = "opinions.tcss"
    AUTO_FOCUS = "#book"
    SUBMIT_FROM = "counter"
    BINDINGS = [
        _key("record", "f2"),
        _key("assign", "f3"),
        _key("respond", "f4"),
        _key("callback", "f5"),
        _key("close", "f6"),
        _key("print", "f7"),
        BACK,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[int, OpinionView] = {}
        """The listed items by id, as last read."""

    def compose(self) -> ComposeResult:
        t = self.t
        yield from headed(t("opinion_book.heading"))
        with Horizontal(id="body"):
            with Vertical(id="list"):
                yield DataTable(id="book", cursor_type="row", zebra_stripes=True)
                yield Label("", id="count")
                yield Prose("", id="detail")
            with Vertical(id="record"):
                yield Label(t("opinion_book.form_title"), classes="section-title")
                yield Label(t("opinion_book.kind"), classes="field-label")
                yield ChoiceField([(t(k.label), k.value) for k in OpinionKind], id="kind")
                yield Label(t("opinion_book.channel"), classes="field-label")
                yield ChoiceField([(t(c.label), c.value) for c in Channel], id="channel")
                for name, length in FIELDS.items():
                    yield Label(t(f"opinion_book.{name}"), classes="field-label")
                    field = Input(id=name, max_length=length)
                    field.compact = True
                    yield field
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#book", DataTable)
        for key in COLUMNS:
            table.add_column(self.t(f"opinion_book.col.{key}"), key=key)
        self.query_one("#kind", ChoiceField).value = OpinionKind.COMPLAINT
        self.query_one("#channel", ChoiceField).value = Channel.BOOK

    def on_screen_resume(self) -> None:
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "print":
            who = self.app.who
            return who is not None and who.staff.role is Role.SUPERVISOR
        return super().check_action(action, parameters)

    # -- the list --------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        opinions = self.app.require_station().opinions
        self.call_service(opinions.book, lambda items: self._show(items, select))

    def _show(self, items: list[OpinionView], select: int | None) -> None:
        t, zone = self.t, self.app.clock.zone
        table = self.query_one("#book", DataTable)
        table.clear()
        self.items = {item.id: item for item in items}
        for item in items:
            status = t(item.status.label)
            if item.overdue:
                status = f"{status} · {t('opinion_book.overdue')}"
            table.add_row(
                str(item.id),
                t(item.kind.label),
                Text(status, style="bold red") if item.overdue else status,
                item.due_date.isoformat() if item.due_date else "",
                item.owner or "",
                short_stamp(item.recorded_at, zone),
                set_cell_size(item.content.replace("\n", " "), CONTENT_CELLS),
                key=str(item.id),
            )
        overdue = sum(item.overdue for item in items)
        self.query_one("#count", Label).update(
            t("opinion_book.count", count=len(items), overdue=overdue)
        )
        if select is not None and select in self.items:
            table.move_cursor(row=table.get_row_index(str(select)))
        self._detail()

    def selected(self) -> OpinionView | None:
        table = self.query_one("#book", DataTable)
        if not self.items or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.items.get(int(key or 0))

    @on(DataTable.RowHighlighted, "#book")
    def _detail(self) -> None:
        item, t = self.selected(), self.t
        if item is None:
            self.query_one("#detail", Static).update("")
            return
        lines = [
            t("opinion_book.detail", opinion=item.id, kind=t(item.kind.label),
              channel=t(item.channel.label), status=t(item.status.label)),
            item.content,
            "  ".join(x for x in (item.contact, about(item, t("opinion_book.system"))) if x),
            t("opinion_book.detail_owner", owner=item.owner) if item.owner else "",
            t("opinion_book.detail_due", due=item.due_date) if item.due_date else "",
            t("opinion_book.detail_response", text=item.response) if item.response else "",
            t("opinion_book.detail_callback", text=item.callback_result)
            if item.callback_result else "",
        ]  # fmt: skip
        self.query_one("#detail", Static).update(Text("\n".join(x for x in lines if x)))

    # -- recording -------------------------------------------------------------------

    def submit(self) -> None:
        self.action_record()

    def action_record(self) -> None:
        value = {name: self.query_one(f"#{name}", Input).value.strip() for name in FIELDS}
        kind = self.query_one("#kind", ChoiceField).value
        channel = self.query_one("#channel", ChoiceField).value
        opinions, who = self.app.require_station().opinions, self.app.require_who()

        def record() -> OpinionView:
            return opinions.record(
                who, channel, kind, value["content"], contact=value["contact"],
                ticket=value["ticket"] or None, teller=value["teller"] or None,
                counter=value["counter"] or None,
            )  # fmt: skip

        self.call_service(record, self._recorded)

    def _recorded(self, item: OpinionView) -> None:
        t = self.t
        due = t("opinion_book.due_line", due=item.due_date) if item.due_date else ""
        self.notify(t("opinion_book.recorded", opinion=item.id, kind=t(item.kind.label), due=due))
        for name in FIELDS:
            self.query_one(f"#{name}", Input).value = ""
        self.query_one("#book", DataTable).focus()
        self.reload(select=item.id)

    # -- the steps -------------------------------------------------------------------

    def _act(self, job: Callable[[], OpinionView]) -> None:
        def done(item: OpinionView) -> None:
            status = self.t(item.status.label)
            self.notify(self.t("opinion_book.done", opinion=item.id, status=status))
            self.reload(select=item.id)

        self.call_service(job, done)

    def action_assign(self) -> None:
        item = self.selected()
        if item is None:
            return
        opinions = self.app.require_station().opinions
        self.call_service(opinions.owners, lambda staff: self._pick_owner(item, staff))

    def _pick_owner(self, item: OpinionView, staff: list[tuple[str, str]]) -> None:
        heading = self.t("opinion_book.pick_owner", opinion=item.id)
        options = [(f"{name}（{staff_id}）", staff_id) for staff_id, name in staff]
        self.app.push_screen(PickModal(heading, options), lambda owner: self._ask_due(item, owner))

    def _ask_due(self, item: OpinionView, owner: str | None) -> None:
        if owner is None:
            return
        current = item.due_date.isoformat() if item.due_date else ""
        heading = self.t("opinion_book.due_heading")
        dialog = TextLineModal(heading, current, self.t("opinion_book.text_hint"), max_length=10)
        self.app.push_screen(dialog, lambda typed: self._assign(item, owner, typed))

    def _assign(self, item: OpinionView, owner: str, typed: str | None) -> None:
        if typed is None:
            return
        due: date | None = None
        if typed:
            try:
                due = parse_date(typed)
            except InvalidValue:
                self.notify(self.t("opinion_book.bad_date", text=typed), severity="error")
                return
        opinions, who = self.app.require_station().opinions, self.app.require_who()
        self._act(lambda: opinions.assign(who, item.id, owner, due))

    def _ask_text(self, heading_key: str, then: Callable[[OpinionView, str], OpinionView]) -> None:
        item = self.selected()
        if item is None:
            return
        heading = self.t(heading_key, opinion=item.id)

        def answered(text: str | None) -> None:
            if text is not None:
                self._act(lambda: then(item, text))

        self.app.push_screen(
            TextLineModal(heading, hint=self.t("opinion_book.text_hint")), answered
        )

    def action_respond(self) -> None:
        opinions, who = self.app.require_station().opinions, self.app.require_who()
        self._ask_text("opinion_book.respond_heading", lambda i, x: opinions.respond(who, i.id, x))

    def action_callback(self) -> None:
        opinions, who = self.app.require_station().opinions, self.app.require_who()
        self._ask_text(
            "opinion_book.callback_heading", lambda i, x: opinions.call_back(who, i.id, x)
        )

    def action_close(self) -> None:
        item = self.selected()
        if item is not None:
            opinions, who = self.app.require_station().opinions, self.app.require_who()
            self._act(lambda: opinions.close(who, item.id))

    def action_print(self) -> None:
        station, who = self.app.require_station(), self.app.require_who()
        today = local_date(self.app.clock)
        ref = period_ref(today.replace(day=1), today)
        from printing.pipeline import print_document  # loaded when the first register prints

        run_print(
            self, lambda: print_document(station, who, DocumentKind.OPINIONS, ref), lambda _: None
        )
