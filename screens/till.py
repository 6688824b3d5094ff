"""The cash box (尾箱): open a shift with a count; then the box now, and what to do with it.

F6 on the home screen comes here. Without an open shift the teller counts the
box by denomination and opens; a count unlike the last close needs a
supervisor, who types their ID and password on the same screen. With a shift
open the screen shows what the box should hold, the till limit, what stands
between the teller and close, and the keys for vault transfers, handover,
close and reprints.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Static

from screens.base import BACK, WorkstationScreen, footer_key, headed
from screens.dialogs.confirm import ConfirmModal, leave_asking
from screens.widgets.count_form import CountForm
from screens.widgets.supervisor_fields import SupervisorFields
from screens.widgets.unprinted import unprinted_lines
from workstation.domain.cash import DENOMINATIONS, LABELS, Count
from workstation.domain.clock import time_of_day
from workstation.domain.errors import InvalidValue
from workstation.domain.money import format_yuan, from_fen

if TYPE_CHECKING:
    from workstation.services.receipts import Unprinted
    from workstation.services.tills import TillSummary


Direction = Literal["from_vault", "to_vault"]
"""A vault transfer: 请领 from the vault, or 上缴 to it."""
Verdict = Callable[[Count], tuple[bool, str]]
"""What a screen says of a count beside it: whether it is a warning, and the text."""


def supervisor_fields(t, hint_key: str, id: str = "supervisor") -> SupervisorFields:
    return SupervisorFields(
        t("till.supervisor_title"),
        t(hint_key),
        t("till.supervisor_id"),
        t("signin.password"),
        id=id,
    )


class CashScreen(WorkstationScreen):
    """The till screens share one style sheet, scoped by this type."""

    CSS_PATH = "till.tcss"

    def counting(self, heading: str, count_title: str, *side: Widget) -> ComposeResult:
        """The layout of a count: the heading; the count on the left; ``side`` on the right,
        then the error line."""
        yield from headed(heading)
        with Horizontal(id="till-body"):
            yield CountForm(self.t, count_title, id="count")
            with Vertical(id="side"):
                yield from side
                yield Static("", id="error")
        yield Footer()

    sent: Count | None = None
    """The count last sent to the service (refused, or this screen would be gone)."""

    def send_count(self, count: Count, reference: Count, send: Callable[[], None]) -> None:
        """Send ``count``; first ask when a denomination moved more than tenfold from the
        count last sent (before the first: from ``reference``): a supervisor's ID typed
        into the count field turned 5 notes into 5001 without a word."""
        before = self.sent or reference
        jumped = before.jumps(count)

        def answered(yes: bool | None) -> None:
            if yes:
                self.sent = count
                send()
            else:
                self.query_one(f"#count-{jumped[0]}").focus()

        if not jumped:
            answered(True)
            return
        lines = [
            self.t("till.jump_line", label=LABELS[v], before=before.get(v), after=count.get(v))
            for v in jumped
        ]
        question = self.t("till.jump_question", lines="\n".join(lines))
        self.app.push_screen(ConfirmModal(question), answered)

    def action_back(self) -> None:
        """Esc: back; a count typed here is asked about first."""
        forms = self.query(CountForm)  # none on the till's own screen
        typed = any(text.strip() for form in forms for text in form.texts().values())
        leave_asking(self, typed, self.t("till.leave_count"))

    def focus_on(self, message) -> None:
        """Put the cursor where the refusal asks for something."""
        key = message.key
        if key in ("till.reason_needed", "till.opening_reason_needed") and self.query("#reason"):
            self.query_one("#reason").focus()
        elif key == "till.needs_supervisor" or key.startswith("auth."):
            self.query_one("#supervisor-id").focus()
        elif key.startswith("invalid.cash"):
            self.query_one(CountForm).focus_first()

    def judge(self, line_id: str, count: Count | None, verdict: Verdict) -> None:
        """The line ``line_id`` beside the count: blank without a whole count, else what
        ``verdict`` says of it, marked when that is a warning."""
        line = self.query_one(line_id, Static)
        if count is None:
            line.update("")
            return
        warning, text = verdict(count)
        line.set_class(warning, "-warning")
        line.update(text)


class OpenShiftScreen(CashScreen):
    """开班: count the box; compared with what it held at the last close."""

    BINDINGS = [
        footer_key("f10", "open_shift"),
        BACK,
    ]

    def __init__(self, summary: TillSummary) -> None:
        super().__init__()
        self.summary = summary
        self.last = summary.last_close or Count()

    def compose(self) -> ComposeResult:
        t = self.t
        yield from self.counting(
            t("till.open_heading", date=self.summary.business_date),
            t("till.opening_count"),
            Label(t("till.last_close"), classes="section"),
            Static(count_lines(self.last), id="last"),
            Static("", id="difference"),
            Label(t("till.opening_reason"), classes="field-label"),
            Input(id="reason", max_length=200, compact=True),
            supervisor_fields(t, "till.open_supervisor_hint"),
        )

    def on_mount(self) -> None:
        self.query_one(CountForm).focus_first()

    @on(CountForm.Changed)
    def _compare(self, event: CountForm.Changed) -> None:
        self.judge("#difference", event.count, self._against_last)

    def _against_last(self, count: Count) -> tuple[bool, str]:
        if count == self.last:
            return False, self.t("till.same_as_last")
        difference = format_yuan(count.total - self.last.total)
        return True, self.t("till.differs_from_last", difference=difference)

    def field_entered(self, widget) -> None:
        if widget.id == "supervisor-password":
            self.action_open_shift()
        else:
            self.focus_next()

    def action_open_shift(self) -> None:
        try:
            count = self.query_one(CountForm).count()
        except InvalidValue as bad:
            self.show_refusal(bad.msg)
            return
        supervisor = self.query_one(SupervisorFields).take()
        till, who = self.app.require_station().till, self.app.require_who()
        reason = self.query_one("#reason", Input).value

        def send() -> None:
            job = lambda: till.open(who, count, supervisor.staff_id, supervisor.password, reason)  # noqa: E731
            self.call_service(job, self._opened)

        self.send_count(count, self.last, send)

    def _opened(self, view) -> None:
        self.notify(self.t("till.opened", amount=format_yuan(view.opening.total)))
        self.app.nav.shift_opened()

    def show_refusal(self, message) -> None:
        self.query_one("#error", Static).update(self.t(message))
        self.focus_on(message)


class TillScreen(CashScreen):
    """The open box: what it should hold, the limit, what stands before close."""

    BINDINGS = [
        footer_key("f2", "vault('from_vault')", id="vault_in"),
        footer_key("f3", "vault('to_vault')", id="vault_out"),
        footer_key("f4", "handover"),
        footer_key("f8", "documents"),
        footer_key("f9", "close_till"),
        BACK,
    ]

    summary: reactive[TillSummary | None] = reactive(None, bindings=True)
    """The box as last loaded; transfers, handover and close need an open shift in it."""

    def compose(self) -> ComposeResult:
        t = self.t
        yield from headed(t("till.heading"))
        with Horizontal(id="till-body"):
            with Vertical(id="box"):
                yield Label(t("till.box_now"), classes="section")
                yield Grid(id="figures")
                yield Static("", id="limit")
            with Vertical(id="side"):
                yield Label(t("till.before_close"), classes="section")
                yield Static(t("till.loading"), id="blockers")
                yield Static(t("till.keys_hint"), id="keys-hint")
        yield Footer()

    def on_screen_resume(self) -> None:
        """Shown first or again: Textual resumes a screen on its first show too."""
        self.refresh_summary()

    def refresh_summary(self) -> None:
        who = self.app.who
        if who is None:  # signing out: the screen is closing
            return
        station = self.app.require_station()
        till, receipts = station.till, station.receipts
        self.call_service(lambda: (till.summary(who), receipts.unprinted(who)), self._show)

    def _show(self, loaded: tuple[TillSummary, list[Unprinted]]) -> None:
        summary, unprinted = loaded
        self.summary = summary
        t, shift = self.t, summary.shift
        if shift is None:  # closed or handed over meanwhile
            if self.is_current:
                self.dismiss()
            return
        self.query_one("#heading", Label).update(
            t(
                "till.open_since",
                date=shift.business_date,
                time=time_of_day(shift.opened_at, self.app.clock.zone, seconds=False),
            )
        )
        figures = self.query_one("#figures", Grid)
        figures.remove_children()
        figures.mount_all(figure_labels(t, summary))
        limit = self.query_one("#limit", Static)
        limit.set_class(summary.over_limit, "-warning")
        key = "till.over_limit" if summary.over_limit else "till.limit_line"
        limit.update(t(key, limit=format_yuan(summary.limit)))
        lines = [f"· {t(b)}" for b in summary.blockers]
        if unprinted:  # named, not blocking: the teller prints them from the posted screen
            lines.append(f"· {t('till.unprinted', count=len(unprinted))}")
            zone = self.app.clock.zone
            lines.extend(f"  {line}" for line in unprinted_lines(t, unprinted, zone))
        blockers = self.query_one("#blockers", Static)
        blockers.set_class(bool(lines), "-warning")
        blockers.update("\n".join(lines) if lines else t("till.ready"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("vault", "handover", "close_till"):
            return self.summary is not None and self.summary.shift is not None
        return super().check_action(action, parameters)

    def action_vault(self, direction: Direction) -> None:
        if self.summary is not None:
            self.app.nav.open_vault(direction, self.summary)

    def action_handover(self) -> None:
        if self.summary is not None:
            self.app.nav.open_handover(self.summary)

    def action_close_till(self) -> None:
        if self.summary is not None:
            self.app.nav.open_close_till(self.summary)

    def action_documents(self) -> None:
        self.app.nav.open_documents()


ZERO = Decimal("0.00")


def figure_labels(t, summary: TillSummary) -> list[Label]:
    """The box's figures as label/value pairs for a two-column grid."""
    shift, moved = summary.open_shift, summary.moved
    rows = [
        ("till.opening", shift.opening.total),
        ("till.cash_in", moved.get("cash_in")),
        ("till.cash_out", moved.get("cash_out")),
        ("till.vault_in", moved.get("vault_in")),
        ("till.vault_out", moved.get("vault_out")),
        ("till.expected", shift.expected),
    ]
    labels = []
    for key, amount in rows:
        labels.append(Label(t(key), classes="fact-label"))
        value = Label(format_yuan(amount or ZERO), classes="fact-value")
        value.set_class(key == "till.expected", "-total")
        labels.append(value)
    return labels


def count_lines(count: Count) -> str:
    """A count as short lines: ``¥100 × 30 = ¥3,000.00``; the total last."""
    lines = [
        f"¥{LABELS[v]:>4} × {count.get(v):>5} = {format_yuan(from_fen(v * count.get(v)))}"
        for v in DENOMINATIONS
        if count.get(v)
    ]
    lines.append(f"{'':>16}{format_yuan(count.total)}")
    return "\n".join(lines)
