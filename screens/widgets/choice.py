"""A choice of a few options, all in view: arrows or a digit pick; Enter (the screen) moves on.

On the form a digit leaves the cursor here (``FormScreen.action_pick_choice``): a stray
digit must not carry the keys after it to the next field (issue 16.3).

Lighter and quicker at the keyboard than a drop-down: the teller sees every
option at once and picks reason 2 with the key 2.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.markup import escape
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ChoiceField(Widget, can_focus=True):
    DEFAULT_CSS = """
    ChoiceField { height: auto; width: 1fr; background: $boost; }
    ChoiceField:focus { background: $accent 25%; }
    """
    BINDINGS = [
        Binding("right,down", "step(1)", show=False),
        Binding("left,up", "step(-1)", show=False),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    value: reactive[str] = reactive("")
    """The chosen option's value; empty until one is chosen."""

    @dataclass
    class Changed(Message):
        choice: ChoiceField
        value: str

        @property
        def control(self) -> ChoiceField:
            return self.choice

    def __init__(self, options: list[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = options
        """(label, value) pairs, in order."""

    def render(self) -> str:
        parts = []
        for n, (label, value) in enumerate(self.options, start=1):
            text = f"{n}.{escape(label)}"
            parts.append(f"[reverse b]{text}[/]" if value == self.value else text)
        return "  ".join(parts)

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def _index(self) -> int:
        values = [value for _, value in self.options]
        return values.index(self.value) if self.value in values else -1

    def action_step(self, step: int) -> None:
        index = self._index()
        if index < 0:  # nothing chosen yet: start from the first (or the last) option
            index = -1 if step > 0 else 0
        self.value = self.options[(index + step) % len(self.options)][1]

    def action_pick(self, n: int) -> None:
        if n <= len(self.options):
            self.value = self.options[n - 1][1]
