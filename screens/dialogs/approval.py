"""What both approval dialogs share: the evidence above, the supervisor's fields docked below.

The local approval (a supervisor at the teller's counter) and the remote
decision (at the supervisor's own workstation) show the same evidence and ask
the same things: a password (and, locally, the supervisor's staff ID), a reason
and a note. Enter on the note submits; the password field is emptied as it is
read; the service decides, and a refusal is said under the fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal, TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from screens.base import footer_key
from screens.dialogs.base import Dialog
from screens.widgets.choice import ChoiceField
from screens.widgets.credentials import take_password
from screens.widgets.evidence import SCROLL, EvidenceScrolls, EvidenceView
from workstation.domain.i18n import Msg
from workstation.services.evidence import Evidence
from workstation.services.overrides import REASONS

T = TypeVar("T")
R = TypeVar("R")

Mode = Literal["local", "remote"]
"""How a supervisor approves: at the teller's counter (local) or from their own workstation."""


@dataclass(frozen=True)
class Answer:
    """What the supervisor typed: the password is already gone from the screen."""

    approver: str
    """The staff ID typed (empty where the dialog does not ask for one)."""
    password: str
    reason: str
    note: str | None


class ApprovalDialog(EvidenceScrolls, Dialog[T]):
    """The evidence scrolls (PgUp/PgDn); the fields stay docked at the bottom, in view at
    80×24 as at 120×36. Each dialog's own CSS sets the width of ``#dialog``."""

    DEFAULT_CSS = """
    ApprovalDialog > #dialog { max-width: 100%; max-height: 100%; padding: 0 1; }
    ApprovalDialog .heading { margin-bottom: 0; }
    ApprovalDialog #fields { dock: bottom; height: auto; border-top: solid $accent; }
    ApprovalDialog .row { height: auto; }
    ApprovalDialog .row > Label { width: auto; color: $text-muted; padding: 0 1 0 0; }
    ApprovalDialog .row > Input { width: 1fr; background: $boost; margin: 0 2 0 0; }
    ApprovalDialog .row > Input:focus { background: $accent 25%; }
    ApprovalDialog .field-label { margin-top: 0; }
    ApprovalDialog #error { margin-top: 0; }
    """
    BINDINGS = [
        footer_key("escape", "cancel"),
        *SCROLL,
    ]
    SUBMIT_FROM = "note"
    ASKS_STAFF_ID: ClassVar[bool] = False
    """Whether the supervisor types their staff ID here (locally: they are not signed in)."""
    PASSWORD_LABEL: ClassVar[str] = "signin.password"

    # -- what each dialog says and does ---------------------------------------------

    def heading(self) -> str:
        raise NotImplementedError

    def evidence(self) -> Evidence | None:
        raise NotImplementedError

    def hint(self) -> str:
        return self.t("override.scroll_hint")

    def reasons(self) -> list[tuple[str, str]]:
        """The reasons to choose from: (label, code)."""
        raise NotImplementedError

    def send(self, answer: Answer) -> None:
        """Hand the answer to the service (and dismiss with its result)."""
        raise NotImplementedError

    def cancelled(self) -> T:
        """The result when the supervisor presses Esc."""
        raise NotImplementedError

    # -- shared ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog"):
            yield Label(self.heading(), classes="heading")
            yield EvidenceView(t, self.evidence(), id="evidence")
            with Vertical(id="fields"):
                yield Static(self.hint(), id="hint")
                with Horizontal(classes="row"):
                    if self.ASKS_STAFF_ID:
                        yield Label(t("override.approver"))
                        yield Input(id="approver", max_length=16, compact=True)
                    yield Label(t(self.PASSWORD_LABEL))
                    yield Input(id="password", password=True, max_length=128, compact=True)
                yield Label(t("override.reason_label"), classes="field-label")
                yield ChoiceField(self.reasons(), id="reason")
                with Horizontal(classes="row"):
                    yield Label(t("override.note"))
                    yield Input(id="note", max_length=200, compact=True)
                yield Static("", id="error")

    def submit(self) -> None:
        reason = self.query_one("#reason", ChoiceField).value
        if not reason:
            self.show_refusal(Msg("override.choose_reason"))
            return
        approver = self.query_one("#approver", Input).value if self.ASKS_STAFF_ID else ""
        note = self.query_one("#note", Input).value.strip() or None
        password = take_password(self.query_one("#password", Input))
        self.send(Answer(approver, password, reason, note))

    def show_refusal(self, message: Msg) -> None:
        self.query_one("#error", Static).update(self.t(message))
        staff_id = self.ASKS_STAFF_ID and message.key.startswith("override")
        self.set_focus(self.query_one("#approver" if staff_id else "#password"))

    def action_cancel(self) -> None:
        self.dismiss(self.cancelled())


class LocalApproval(ApprovalDialog[R | None]):
    """A supervisor standing at this workstation types their staff ID and password and picks
    one of the override reasons; Esc gives ``None``."""

    AUTO_FOCUS = "#approver"
    ASKS_STAFF_ID = True

    def reasons(self) -> list[tuple[str, str]]:
        return [(self.t(f"override.reason.{code}"), code) for code in REASONS]

    def cancelled(self) -> R | None:
        return None
