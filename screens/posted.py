"""Posted: the serial number and what was posted. Enter goes back to the home screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Footer, Label, Static

from forms.state import FormState
from screens.base import WorkstationScreen
from screens.text import aligned
from screens.widgets.status_bar import StatusBar
from workstation.domain.money import format_money
from workstation.services.overrides import Approval
from workstation.services.posting import PostingResult


class PostedScreen(WorkstationScreen):
    CSS_PATH = "posted.tcss"
    BINDINGS = [Binding("enter,escape", "done", "key.done", key_display="Enter", id="done")]

    def __init__(self, result: PostingResult, state: FormState, approval: Approval | None) -> None:
        super().__init__()
        self.result, self.state, self.approval = result, state, approval

    def compose(self) -> ComposeResult:
        t, r = self.t, self.result
        template = self.state.template
        rows = [
            (t("posted.serial"), r.serial),
            (t("posted.business"), f"{template.code} {template.name.get(t.lang)}"),
            (t("posted.business_date"), r.business_date.isoformat()),
            (t("posted.time"), r.posted_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")),
        ]
        if r.policy_no:
            rows.append((t("posted.policy"), r.policy_no))
        if r.amount is not None:
            method = t(f"method.{r.method}") if r.method else ""
            direction = t(f"direction.{r.direction}")
            rows.append((t("posted.amount"), f"¥{format_money(r.amount)}  {direction} · {method}"))
        if r.approvers:
            rows.append((t("posted.approved_by"), "、".join(r.approvers)))
        yield StatusBar()
        with Center(), Vertical(id="posted-box"):
            heading = "posted.again" if r.repeated else "posted.heading"
            yield Label(t(heading), id="heading")
            yield Static(aligned(rows), id="summary")
            if r.large_cash_report:
                yield Static(t("posted.large_cash"), id="large-cash")
            yield Static(t("posted.next"), id="next")
        yield Footer()

    def action_done(self) -> None:
        self.dismiss()
