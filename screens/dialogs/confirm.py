"""A yes/no question in a dialog: Enter or Y confirms, Escape or N cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from screens.dialogs.base import Dialog


class ConfirmModal(Dialog[bool]):
    DEFAULT_CSS = """
    ConfirmModal > Vertical { width: 60; border: round $warning; }
    ConfirmModal #question { text-style: bold; margin-bottom: 1; }
    ConfirmModal #keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter,y", "answer(True)", "key.yes", id="yes"),
        Binding("escape,n", "answer(False)", "key.no", id="no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, id="question")
            yield Static(self.t("confirm.keys"), id="keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def leave_asking(screen: Screen, unsaved: bool, question: str) -> None:
    """Close ``screen``; with unsaved work on it (an approval, a count), ask first."""
    if not unsaved:
        screen.dismiss()
        return

    def answered(leave: bool | None) -> None:
        if leave:
            screen.dismiss()

    screen.app.push_screen(ConfirmModal(question), answered)
