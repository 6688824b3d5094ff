"""Handover (交接班): the box passes to another teller without closing the day.

The outgoing teller counts and lists what passes with the box (unfinished
business, receipt stock, seals and keys); the incoming teller types their own
staff ID and password here and recounts. Any difference — between the two
counts, or between the count and what the box should hold — needs a
supervisor on the same screen. The recount is blind: once the incoming teller
starts it, the outgoing count and the expected cash are hidden until the
recount is entered (Enter on its last row, or F10); then the comparison shows.
The outgoing teller's own reconciliation prints first, then the handover record,
signed by the incoming teller, who is then signed in at this counter.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, Static, TextArea

from screens.base import headed
from screens.text import Prose
from screens.till import supervisor_fields
from screens.till_ops import CountingScreen, print_after
from screens.widgets.count_form import CountForm
from screens.widgets.credentials import take_password
from screens.widgets.supervisor_fields import SupervisorFields
from workstation.domain.cash import DENOMINATIONS
from workstation.domain.errors import InvalidValue
from workstation.domain.money import format_yuan
from workstation.domain.prints import DocumentKind
from workstation.services.documents import teller_day_ref

LAST_RECOUNT_ROW = f"recount-form-{DENOMINATIONS[-1]}"


class HandoverScreen(CountingScreen):
    revealed = False
    """The incoming recount is entered: the two counts may be shown side by side."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns the three columns fold into two (till.tcss)."""

    def compose(self) -> ComposeResult:
        t = self.t
        yield from headed(t("handover.heading"))
        with Horizontal(id="till-body"):
            yield CountForm(t, t("handover.outgoing_count"), id="count")
            with Vertical(id="side"):
                yield self.expected_line()
                yield Label(t("handover.items"), classes="field-label")
                yield TextArea(id="items", soft_wrap=True, compact=True)
                yield Label(t("handover.incoming_title"), classes="section")
                yield Label(t("handover.incoming_id"), classes="field-label")
                yield Input(id="incoming-id", max_length=16, compact=True)
                yield Label(t("signin.password"), classes="field-label")
                yield Input(id="incoming-password", password=True, max_length=128, compact=True)
            with Vertical(id="recount"):
                yield CountForm(t, t("handover.incoming_count"), id="recount-form")
                yield Prose("", id="difference")
                yield supervisor_fields(t, "handover.supervisor_hint")
                yield Prose("", id="error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#count", CountForm).focus_first()

    def on_descendant_focus(self) -> None:
        self._blind()

    def _blind(self) -> None:
        """Hide the outgoing figures while the incoming teller recounts, until it is entered."""
        recount = self.query_one("#recount-form", CountForm)
        started = recount.has_focus_within or any(recount.texts().values())
        blind = started and not self.revealed
        self.query_one("#count").visible = not blind  # its place kept: nothing moves
        self.query_one("#figures-line").display = not blind
        if not self.revealed:
            self.query_one("#difference", Static).update(self.t("handover.blind") if blind else "")

    def _reveal(self) -> None:
        self.revealed = True
        self._blind()
        self._compare()

    def field_entered(self, widget) -> None:
        if widget.id == LAST_RECOUNT_ROW:
            self._reveal()
        super().field_entered(widget)

    @on(CountForm.Changed)
    def _compare(self, _event: CountForm.Changed | None = None) -> None:
        line = self.query_one("#difference", Static)
        self._blind()
        if not self.revealed:
            return
        try:
            outgoing = self.query_one("#count", CountForm).count()
            incoming = self.query_one("#recount-form", CountForm).count()
        except InvalidValue:
            line.update("")
            return
        expected = self.summary.open_shift.expected
        problems = []
        if outgoing.total != expected:
            problems.append(
                self.t("handover.outgoing_differs", amount=format_yuan(outgoing.total - expected))
            )
        if incoming != outgoing:
            problems.append(
                self.t(
                    "handover.counts_differ", amount=format_yuan(incoming.total - outgoing.total)
                )
            )
        line.set_class(bool(problems), "-warning")
        line.update("\n".join(problems) or self.t("handover.counts_agree"))

    def action_confirm(self) -> None:
        self._reveal()
        try:
            outgoing = self.query_one("#count", CountForm).count()
            incoming = self.query_one("#recount-form", CountForm).count()
        except InvalidValue as bad:
            self.show_refusal(bad.msg)
            return
        items = self.query_one("#items", TextArea).text.splitlines()
        incoming_id = self.query_one("#incoming-id", Input).value
        incoming_password = take_password(self.query_one("#incoming-password", Input))
        supervisor = self.query_one(SupervisorFields).take()
        closing, who = self.app.require_station().closing, self.app.require_who()

        def hand_over():
            return closing.handover(
                who,
                outgoing,
                items,
                incoming_id,
                incoming_password,
                incoming,
                supervisor.staff_id,
                supervisor.password,
            )

        self.start(outgoing, hand_over, self._handed_over)

    def focus_on(self, message) -> None:
        if message.key == "till.incoming_refused":
            self.query_one("#incoming-password").focus()
        else:
            super().focus_on(message)

    def _handed_over(self, result) -> None:
        incoming, view = result
        self.notify(
            self.t(
                "handover.done",
                name=incoming.staff.name,
                staff_id=incoming.staff.staff_id,
                amount=format_yuan(view.incoming.opening.total),
            ),
            timeout=10,
        )
        outgoing = view.outgoing
        ref = teller_day_ref(outgoing.teller_id, outgoing.business_date)

        def record() -> None:
            self.app.who = incoming  # the incoming teller prints the record, signed in here
            print_after(
                self,
                DocumentKind.HANDOVER,
                str(view.id),
                lambda: self.app.nav.switch_teller(incoming),
            )

        # the outgoing teller's own reconciliation, printed as theirs, as a close prints it
        print_after(self, DocumentKind.TELLER_DAY, ref, record)
