"""A supervisor's staff ID and password typed at the counter, with why they are asked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from screens.widgets.credentials import Credentials, take_password


class SupervisorFields(Vertical, can_focus=False):
    """Two fields and a hint; the service decides whether a supervisor is needed."""

    DEFAULT_CSS = """
    SupervisorFields { height: auto; margin-top: 1; }
    SupervisorFields > .title { text-style: bold; color: $secondary; }
    SupervisorFields > .hint { color: $text-muted; }
    SupervisorFields Input { background: $boost; width: 24; }
    SupervisorFields Input:focus { background: $accent 25%; }
    SupervisorFields .field-label { color: $text-muted; }
    """

    def __init__(self, title: str, hint: str, id_label: str, password_label: str, *, id: str):
        super().__init__(id=id)
        self.title, self.hint = title, hint
        self.labels = (id_label, password_label)

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="title")
        yield Static(self.hint, classes="hint")
        yield Label(self.labels[0], classes="field-label")
        yield Input(id=f"{self.id}-id", max_length=16, compact=True)
        yield Label(self.labels[1], classes="field-label")
        yield Input(id=f"{self.id}-password", password=True, max_length=128, compact=True)

    def take(self) -> Credentials:
        """The staff ID (upper case) and password typed, None where blank; the password
        field is emptied."""
        staff_id = self.query_one(f"#{self.id}-id", Input).value.strip().upper() or None
        password = take_password(self.query_one(f"#{self.id}-password", Input))
        return Credentials(staff_id, password or None)
