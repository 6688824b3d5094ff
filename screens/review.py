"""Review before posting: what will be posted, the risk findings, approvals, confirm.

Blocks only allow going back; each warning is acknowledged; an authorization
needs a supervisor (F7 here at the counter, F8 from another workstation); F10
posts once. The service checks everything again when posting.
"""

from __future__ import annotations

from datetime import tzinfo
from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Footer, Input, Label, Static

from forms.state import FormState
from screens.base import WorkstationScreen, footer_key, headed
from screens.dialogs.approval import Mode
from screens.dialogs.confirm import leave_asking
from screens.dialogs.override import override_dialog
from screens.text import Prose, aligned
from screens.widgets.findings import FindingsList
from workstation.domain.cash import change_due
from workstation.domain.clock import time_of_day
from workstation.domain.errors import InvalidValue
from workstation.domain.i18n import Catalog
from workstation.domain.money import format_yuan, parse_money
from workstation.services.overrides import Approval
from workstation.services.posting import PostingResult
from workstation.services.risk.engine import Assessment
from workstation.services.risk.model import RiskContext
from workstation.services.submission import Submission


class ReviewScreen(WorkstationScreen):
    CSS_PATH = "review.tcss"
    AUTO_FOCUS = "#findings"
    BINDINGS = [
        footer_key("f7", "local", "local_override"),
        footer_key("f8", "remote", "remote_override"),
        footer_key("f10", "confirm", "post"),
        footer_key("escape", "back", "edit"),
    ]

    assessment: reactive[Assessment | None] = reactive(None, bindings=True)
    """The service's findings for this submission; None until it has answered."""
    acknowledged: reactive[frozenset[str]] = reactive(frozenset(), bindings=True)
    """The codes of the warnings the teller has ticked in the findings list."""
    approval: reactive[Approval | None] = reactive(None, bindings=True)
    """The supervisor's approval, once given (F7 here, F8 from afar)."""
    posting: reactive[bool] = reactive(False, bindings=True)
    """F10 was pressed and the service is posting: F10 waits for its answer."""

    def __init__(self, state: FormState, idempotency_key: str) -> None:
        super().__init__()
        self.state = state
        self.submission = Submission.from_state(state, idempotency_key)
        self.context: RiskContext | None = None

    def compose(self) -> ComposeResult:
        t, template = self.t, self.state.template
        yield from headed(t("review.heading", code=template.code, name=template.name.get(t.lang)))
        with Horizontal(id="review-body"):
            with VerticalScroll(id="values-box"):
                yield Static(aligned(self.state.summary(t, masked=True)), id="values")
            with Vertical(id="risk-box"):
                yield Label(t("review.findings"), classes="section")
                yield FindingsList(t, id="findings")
                with Vertical(id="tender"):
                    yield Prose(t("review.tendered"), classes="section")
                    yield Input(
                        id="tendered", restrict=r"[0-9０-９,，.．]*", max_length=14, compact=True
                    )
                    yield Static("", id="change")
                yield Prose(t("review.checking"), id="needs")
        yield Footer()

    def on_mount(self) -> None:
        postings, who, submission = (
            self.app.require_station().postings,
            self.app.require_who(),
            self.submission,
        )
        self.call_service(lambda: postings.review(submission, who), self._assessed)

    def _assessed(self, result: tuple[RiskContext, Assessment]) -> None:
        self.context, self.assessment = result
        findings = self.query_one(FindingsList)
        findings.show(self.assessment.findings)
        self.acknowledged = frozenset(findings.acknowledged)
        self.query_one("#tender").display = self.takes_cash
        self._refresh_needs()

    # -- cash received and change -----------------------------------------------------

    def cash_due(self) -> Decimal | None:
        """The amount due when cash comes in (the teller types what the customer handed over)."""
        c = self.context
        if c is not None and c.method == "cash" and c.direction == "in" and c.amount:
            return c.amount
        return None

    @property
    def takes_cash(self) -> bool:
        """Cash comes in: the teller types what the customer handed over."""
        return self.cash_due() is not None

    def tendered(self) -> Decimal | None:
        """What the customer handed over (blank: exactly the amount); raises if unreadable."""
        text = self.query_one("#tendered", Input).value.strip()
        if not self.takes_cash or not text:
            return None
        return parse_money(text)

    @on(Input.Changed, "#tendered")
    def _show_change(self, _event: Input.Changed) -> None:
        line = self.query_one("#change", Static)
        try:
            tendered, due = self.tendered(), self.cash_due()
            change = None if tendered is None or due is None else change_due(tendered, due)
        except InvalidValue as bad:
            line.update(self.t(bad.msg))
            line.add_class("-error")
            return
        line.remove_class("-error")
        line.update("" if change is None else self.t("review.change", change=format_yuan(change)))

    def field_entered(self, widget) -> None:
        if widget.id == "tendered":
            self.set_focus(self.query_one("#findings"))
        else:
            super().field_entered(widget)

    # -- what stands between the teller and posting --------------------------------

    def _unacknowledged(self) -> list[str]:
        a = self.assessment
        return [f.code for f in a.warnings if f.code not in self.acknowledged] if a else []

    def ready(self) -> bool:
        a = self.assessment
        return (
            a is not None
            and not a.blocked
            and not self._unacknowledged()
            and (a.level_needed == 0 or self.approval is not None)
        )

    def _refresh_needs(self) -> None:
        t, a = self.t, self.assessment
        if a is None:  # not assessed yet
            return
        if a.blocked:
            text = t("review.blocked")
        else:
            parts = []
            if a.level_needed and self.approval is None:
                parts.append(t("review.needs_approval", level=a.level_needed))
            elif self.approval is not None:
                parts.append(approval_line(self.approval, t, self.app.clock.zone))
            if missing := self._unacknowledged():
                parts.append(t("review.needs_acknowledgement", count=len(missing)))
            if self.ready():
                parts.append(t("review.ready"))
            text = "\n".join(parts)
        self.query_one("#needs", Static).update(text)
        self.query_one("#needs").set_class(a.blocked, "-blocked")

    def on_findings_list_acknowledged(self, _event: FindingsList.Acknowledged) -> None:
        self.acknowledged = frozenset(self.query_one(FindingsList).acknowledged)
        self._refresh_needs()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        a = self.assessment
        if action in ("local", "remote"):
            return bool(a and not a.blocked and a.level_needed and self.approval is None)
        if action == "confirm":
            return self.ready() and not self.posting
        return super().check_action(action, parameters)

    # -- approvals ----------------------------------------------------------------

    def action_local(self) -> None:
        self._ask("local")

    def action_remote(self) -> None:
        self._ask("remote")

    def _ask(self, mode: Mode) -> None:
        """The service builds what the supervisor sees; the dialog shows it."""
        postings, who, submission = (
            self.app.require_station().postings,
            self.app.require_who(),
            self.submission,
        )
        self.call_service(
            lambda: postings.ask(submission, who),
            lambda ask: self.app.push_screen(override_dialog(mode, ask), self._approved),
        )

    def action_back(self) -> None:
        """Esc: back to the form; a supervisor's approval given here is asked about first
        (it is not kept: the form may change)."""
        leave_asking(self, self.approval is not None, self.t("review.leave_approved"))

    def _approved(self, approval: Approval | None) -> None:
        if approval is not None:
            self.approval = approval
            self._refresh_needs()

    # -- posting ------------------------------------------------------------------

    def action_confirm(self) -> None:
        try:
            tendered, due = self.tendered(), self.cash_due()
            if tendered is not None and due is not None:
                change_due(tendered, due)
        except InvalidValue as bad:
            self.notify(self.t(bad.msg), severity="error")
            self.set_focus(self.query_one("#tendered"))
            return
        self.posting = True
        acknowledged = self.acknowledged
        postings, who, submission = (
            self.app.require_station().postings,
            self.app.require_who(),
            self.submission,
        )
        self.call_service(
            lambda: postings.post(submission, who, acknowledged, tendered), self._posted
        )

    def _posted(self, result: PostingResult) -> None:
        self.app.nav.show_posted(result, self.state)

    def show_refusal(self, message) -> None:
        """Posting refused: say why, and look again (the day's activity may have changed)."""
        self.posting = False
        self.notify(self.t(message), severity="error", timeout=10)
        self.on_mount()


def approval_line(approval: Approval, t: Catalog, zone: tzinfo) -> str:
    mode = t(f"override.mode.{approval.mode}")
    return t(
        "review.approved",
        name=approval.approver_name,
        staff_id=approval.approver_id,
        level=approval.level,
        mode=mode,
        time=time_of_day(approval.decided_at, zone),
    )
