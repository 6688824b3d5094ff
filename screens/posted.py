"""Posted: the serial number and what was posted. Enter goes back to the home screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.reactive import reactive
from textual.widgets import Footer, Label, Static

from forms.state import FormState
from screens.base import WorkstationScreen, footer_key
from screens.printouts import run_print
from screens.text import Prose, aligned
from screens.widgets.status_bar import StatusBar
from screens.widgets.unprinted import unprinted_lines
from workstation.domain.clock import stamp
from workstation.domain.money import format_money
from workstation.domain.prints import DocumentKind
from workstation.domain.text import join_list
from workstation.services.posting import PostingResult
from workstation.services.receipts import Unprinted

if TYPE_CHECKING:  # printing loads when a print is asked for
    from printing.pipeline import PrintOutcome


class PostedScreen(WorkstationScreen):
    printing: reactive[bool] = reactive(False, bindings=True)
    """A print is under way: F6 and F7 wait for it."""
    unprinted: reactive[tuple[Unprinted, ...]] = reactive((), bindings=True)
    """This shift's other receipts not printed yet: F7 prints the oldest (a first print)."""

    CSS_PATH = "posted.tcss"
    BINDINGS = [
        footer_key("f6", "print", "print_receipt"),
        footer_key("f7", "print_unprinted"),
        footer_key("enter,escape", "done"),
    ]

    def __init__(self, result: PostingResult, state: FormState) -> None:
        super().__init__()
        self.result, self.state = result, state
        self.outcome: PrintOutcome | None = None
        """The last print: its PDF, and whether the printer took it."""

    def compose(self) -> ComposeResult:
        t, r = self.t, self.result
        template = self.state.template
        rows = [
            (t("posted.serial"), r.serial),
            (t("posted.business"), f"{template.code} {template.name.get(t.lang)}"),
            (t("posted.business_date"), r.business_date.isoformat()),
            (t("posted.time"), stamp(r.posted_at, self.app.clock.zone)),
        ]
        if r.policy_no:
            rows.append((t("posted.policy"), r.policy_no))
        if r.amount is not None:
            method = t(f"method.{r.method}") if r.method else ""
            direction = t(f"direction.{r.direction}")
            rows.append((t("posted.amount"), f"¥{format_money(r.amount)}  {direction} · {method}"))
        if r.change is not None and r.tendered is not None:  # cash: both or neither
            received = t(
                "posted.change",
                tendered=f"¥{format_money(r.tendered)}",
                change=f"¥{format_money(r.change)}",
            )
            rows.append((t("posted.tendered"), received))
        if r.approvals:  # as recorded, each approver once
            names = [
                t("evidence.person", name=a.approver_name, staff_id=a.approver_id)
                for a in r.approvals
            ]
            rows.append((t("posted.approved_by"), join_list(t, names)))
        yield StatusBar()
        with Center(), Vertical(id="posted-box"):
            heading = "posted.again" if r.repeated else "posted.heading"
            yield Label(t(heading), id="heading")
            yield Static(aligned(rows), id="summary")
            if r.large_cash_report:
                yield Prose(t("posted.large_cash"), id="large-cash")
            yield Prose(t("posted.print_hint"), id="print-state")
            yield Prose("", id="unprinted")
            yield Prose(t("posted.next"), id="next")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#unprinted").display = False
        self.load_unprinted()

    def load_unprinted(self) -> None:
        """This shift's receipts never printed (or whose print failed), but this one."""
        receipts, who = self.app.require_station().receipts, self.app.require_who()
        self.call_service(lambda: receipts.unprinted(who, this_shift=True), self._listed)

    def _listed(self, found: list[Unprinted]) -> None:
        self.unprinted = tuple(r for r in found if r.serial != self.result.serial)
        box = self.query_one("#unprinted", Static)
        box.display = bool(self.unprinted)
        lines = unprinted_lines(self.t, list(self.unprinted), self.app.clock.zone)
        box.update("\n".join([self.t("posted.unprinted"), *lines]))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "print":
            return not self.printing
        if action == "print_unprinted":  # shown only when there is one
            return (not self.printing) if self.unprinted else False
        return super().check_action(action, parameters)

    def action_print(self) -> None:
        """The first print; after a printer failure, the same PDF again."""
        from printing.pipeline import print_document, send_again

        station, who, serial = (
            self.app.require_station(),
            self.app.require_who(),
            self.result.serial,
        )
        previous = self.outcome
        if previous is not None and previous.error is not None:
            job = lambda: send_again(station, previous)  # noqa: E731
        elif previous is None:
            job = lambda: print_document(station, who, DocumentKind.RECEIPT, serial)  # noqa: E731
        else:
            self.notify(self.t("posted.reprint_from_journal"))
            return
        self.printing = True
        run_print(self, job, self._printed)

    def action_print_unprinted(self) -> None:
        """The oldest receipt of this shift not printed: a first print, no reason asked."""
        from printing.pipeline import print_document

        if not self.unprinted:
            return
        station, who, serial = (
            self.app.require_station(),
            self.app.require_who(),
            self.unprinted[0].serial,
        )

        def done(_result: object) -> None:
            self.printing = False
            self.load_unprinted()

        def refused(message) -> None:
            done(None)
            self.app.notify(self.t(message), severity="error", timeout=8)

        self.printing = True
        job = lambda: print_document(station, who, DocumentKind.RECEIPT, serial)  # noqa: E731
        run_print(self, job, done, refused=refused)

    def _printed(self, outcome: PrintOutcome) -> None:
        self.printing = False
        self.outcome = outcome
        t = self.t
        if outcome.error is not None:
            text = t("printout.failed", reason=t(outcome.error), path=str(outcome.path))
        elif outcome.printer:
            text = t("printout.printed", printer=outcome.printer, path=str(outcome.path))
        else:
            text = t("printout.saved", path=str(outcome.path))
        self.query_one("#print-state", Static).update(text)

    def show_refusal(self, message) -> None:
        """Not printed (e.g. the output folder is missing): said here; F6 tries it again."""
        self.printing = False
        self.query_one("#print-state", Static).update(self.t(message))
        super().show_refusal(message)

    def action_done(self) -> None:
        self.dismiss()
