"""Branch close (营业日轧账): a supervisor closes the business date when every till is closed.

The screen first shows the day's figures (postings, customers' cash, each
counter's till, the vault's movements), then lists the tills still open (who,
which counter, since when); while any is, the close is refused and says which.
Then the supervisor confirms with their password and the branch summary prints.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Footer, Input, Label, Static

from screens.base import BACK, footer_key, headed
from screens.till import CashScreen
from screens.till_ops import print_after
from screens.widgets.credentials import take_password
from workstation.domain.clock import time_of_day
from workstation.domain.money import format_yuan, from_fen
from workstation.domain.prints import DocumentKind
from workstation.services.branch_preview import DayPreview
from workstation.services.closing import OpenTill


class BranchCloseScreen(CashScreen):
    AUTO_FOCUS = "#password"
    BINDINGS = [
        footer_key("f5", "refresh"),
        footer_key("f8", "documents"),
        footer_key("f10", "close_branch"),
        BACK,
    ]

    busy: reactive[bool] = reactive(False, bindings=True)
    """The close is with the service (or printing): F10 waits."""

    def __init__(self) -> None:
        super().__init__()
        self.open_tills: list[OpenTill] | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        yield from headed(t("branch_close.heading"))
        with Vertical(id="branch-body"):
            yield Static(t("till.loading"), id="preview")
            yield Label(t("branch_close.open_tills"), classes="section")
            yield Static(t("till.loading"), id="tills")
            yield Label(t("branch_close.password"), classes="field-label")
            yield Input(id="password", password=True, max_length=128, compact=True)
            yield Static(t("branch_close.hint"), id="keys-hint")
            yield Static("", id="error")
        yield Footer()

    def on_screen_resume(self) -> None:
        """Shown first or again: Textual resumes a screen on its first show too."""
        self.action_refresh()

    def action_refresh(self) -> None:
        closing = self.app.require_station().closing
        self.call_service(lambda: (closing.open_tills(), closing.preview()), self._show)

    def _show(self, found: tuple[list[OpenTill], DayPreview]) -> None:
        t = self.t
        tills, preview = found
        self.query_one("#preview", Static).update(self._figures(preview))
        self.open_tills = tills
        lines = [
            t(
                "branch_close.till_line",
                counter=till.counter,
                name=till.teller_name,
                staff_id=till.teller_id,
                since=time_of_day(till.opened_at, self.app.clock.zone, seconds=False),
            )
            for till in tills
        ]
        box = self.query_one("#tills", Static)
        box.set_class(bool(tills), "-warning")
        box.update("\n".join(lines) or t("branch_close.all_closed"))

    def _figures(self, day: DayPreview) -> str:
        """The day's figures, read before the password is typed."""
        t = self.t

        def money(fen: int) -> str:
            return format_yuan(from_fen(fen))

        lines = [
            t("branch_close.preview_heading", date=day.business_date.isoformat()),
            t(
                "branch_close.preview_postings",
                count=day.postings,
                cash_in=money(day.cash_in_fen),
                cash_out=money(day.cash_out_fen),
            ),
        ]
        lines += [
            t(
                "branch_close.preview_counter",
                counter=c.counter,
                name=c.teller_name,
                staff_id=c.teller_id,
                status=t(f"branch_close.status.{c.status}"),
                amount=money(c.cash_fen),
            )
            for c in day.counters
        ]
        vault = t(
            "branch_close.preview_vault",
            drawn=money(day.from_vault_fen),
            handed_in=money(day.to_vault_fen),
            net=money(day.vault_net_fen),
        )
        return "\n".join([*lines, vault])

    def field_entered(self, widget) -> None:
        self.action_close_branch()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_branch":
            return not self.busy
        return super().check_action(action, parameters)

    def action_close_branch(self) -> None:
        password = take_password(self.query_one("#password", Input))
        closing, who = self.app.require_station().closing, self.app.require_who()
        self.busy = True
        self.call_service(lambda: closing.close_branch(who, password), self._when_closed)

    def _when_closed(self, day: str) -> None:
        self.query_one("#error", Static).update("")  # an earlier refusal no longer holds
        self.notify(self.t("branch_close.closed", date=day), timeout=10)
        print_after(self, DocumentKind.BRANCH_DAY, day, self._printed)

    def _printed(self) -> None:
        self.busy = False
        self.action_refresh()

    def show_refusal(self, message) -> None:
        self.busy = False
        self.query_one("#error", Static).update(self.t(message))
        self.action_refresh()

    def action_documents(self) -> None:
        self.app.nav.open_documents()
