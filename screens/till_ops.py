"""Vault transfers (请领 / 上缴) and the teller's close (日终), each with its printout.

Both count by denomination. A vault transfer is confirmed by a supervisor
acting as vault officer; a close beyond the tolerance needs a reason and a
supervisor's sign-off. After either, the slip or the reconciliation prints
by itself (the PDF is saved even when no printer is configured).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from printing.pipeline import print_document
from screens.base import BACK, WorkstationScreen, footer_key
from screens.printouts import run_print
from screens.till import CashScreen, Direction, supervisor_fields
from screens.widgets.count_form import CountForm
from screens.widgets.supervisor_fields import SupervisorFields
from workstation.domain.cash import Count
from workstation.domain.errors import InvalidValue
from workstation.domain.money import format_yuan
from workstation.domain.prints import DocumentKind
from workstation.services.documents import teller_day_ref
from workstation.services.tills import TillSummary

FAILED = "printout.failed_document"


def print_after(screen: WorkstationScreen, kind: DocumentKind, ref: str, then) -> None:
    """Print a till document in a worker; ``then`` runs whatever came of it.

    What was done stays done when the PDF cannot be saved: the failure is
    said, and the document waits in Reprint (F8) to be printed again.
    """
    station, who = screen.app.require_station(), screen.app.require_who()

    def not_saved(message) -> None:
        screen.notify(screen.t(message), severity="error", timeout=20)
        then()

    run_print(
        screen,
        lambda: print_document(station, who, kind, ref),
        lambda _outcome: then(),
        FAILED,
        not_saved,
    )


class CountingScreen(CashScreen):
    """A count on the left; figures, supervisor and errors on the right; F10 confirms."""

    BINDINGS = [
        footer_key("f10", "confirm"),
        BACK,
    ]

    busy: reactive[bool] = reactive(False, bindings=True)
    """The confirmation is with the service: F10 and Esc wait for its answer."""

    def __init__(self, summary: TillSummary) -> None:
        super().__init__()
        self.summary = summary

    def on_mount(self) -> None:
        self.query_one(CountForm).focus_first()

    def expected_line(self) -> Static:
        """What the box should hold now, at the top of the side column."""
        amount = format_yuan(self.summary.open_shift.expected)
        return Static(self.t("till.expected_now", amount=amount), id="figures-line")

    def field_entered(self, widget: Widget) -> None:
        if widget.id == "supervisor-password":
            self.action_confirm()
        else:
            self.focus_next()

    def action_confirm(self) -> None:
        """F10: each counting screen confirms its own count with the service."""
        raise NotImplementedError

    def counted(self) -> Count | None:
        try:
            return self.query_one(CountForm).count()
        except InvalidValue as bad:
            self.show_refusal(bad.msg)
            return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm":
            return not self.busy
        return super().check_action(action, parameters)

    def start(self, count: Count, job, done) -> None:
        """Send ``count`` with ``job`` (asked first if it jumped tenfold: ``send_count``)."""

        def send() -> None:
            self.busy = True
            self.query_one("#error", Static).update("")
            self.call_service(job, done)

        self.send_count(count, Count(), send)

    def show_refusal(self, message) -> None:
        self.busy = False
        self.query_one("#error", Static).update(self.t(message))
        self.focus_on(message)

    def action_back(self) -> None:
        if not self.busy:
            super().action_back()


class VaultScreen(CountingScreen):
    """请领 from the vault or 上缴 to it, confirmed by a vault officer's password."""

    def __init__(self, direction: Direction, summary: TillSummary) -> None:
        super().__init__(summary)
        self.direction = direction

    def compose(self) -> ComposeResult:
        t = self.t
        name = t(f"till.direction.{self.direction}")
        yield from self.counting(
            t("till.vault_heading", direction=name),
            t("till.transfer_count", direction=name),
            self.expected_line(),
            supervisor_fields(t, "till.officer_hint", id="supervisor"),
        )

    def action_confirm(self) -> None:
        count = self.counted()
        if count is None:
            return
        officer = self.query_one(SupervisorFields).take()
        till, who, direction = (
            self.app.require_station().till,
            self.app.require_who(),
            self.direction,
        )
        self.start(
            count,
            lambda: till.vault_transfer(
                who, direction, count, officer.staff_id or "", officer.password or ""
            ),
            self._done,
        )

    def _done(self, result) -> None:
        view, transfer_id = result
        self.notify(self.t("till.transferred", expected=format_yuan(view.expected)))
        print_after(self, DocumentKind.VAULT_SLIP, str(transfer_id), self.dismiss)


class CloseScreen(CountingScreen):
    """日终: count, see over or short, sign off beyond the tolerance, print the reconciliation."""

    def compose(self) -> ComposeResult:
        t = self.t
        yield from self.counting(
            t("till.close_heading", date=self.summary.business_date),
            t("till.closing_count"),
            self.expected_line(),
            Static("", id="variance"),
            Label(t("till.variance_reason"), classes="field-label"),
            Input(id="reason", max_length=200, compact=True),
            supervisor_fields(t, "till.close_supervisor_hint"),
        )

    @on(CountForm.Changed)
    def _variance(self, event: CountForm.Changed) -> None:
        self.judge("#variance", event.count, self._against_expected)

    def _against_expected(self, count: Count) -> tuple[bool, str]:
        variance = count.total - self.summary.open_shift.expected
        key = "till.balanced" if not variance else ("till.over" if variance > 0 else "till.short")
        return bool(variance), self.t(
            key, counted=format_yuan(count.total), amount=format_yuan(abs(variance))
        )

    def action_confirm(self) -> None:
        count = self.counted()
        if count is None:
            return
        supervisor = self.query_one(SupervisorFields).take()
        reason = self.query_one("#reason", Input).value
        closing, who = self.app.require_station().closing, self.app.require_who()
        self.start(
            count,
            lambda: closing.close(who, count, supervisor.staff_id, supervisor.password, reason),
            self._when_closed,
        )

    def _when_closed(self, view) -> None:
        t = self.t
        if view.variance:
            key = "till.closed_over" if view.variance > 0 else "till.closed_short"
            self.notify(t(key, amount=format_yuan(abs(view.variance))), timeout=10)
        else:
            self.notify(t("till.closed_balanced"))
        ref = teller_day_ref(view.teller_id, view.business_date)
        print_after(self, DocumentKind.TELLER_DAY, ref, self._home)

    def _home(self) -> None:
        self.app.nav.go_home()
