"""A tick box that reads plainly on any terminal: [✓] when ticked, [ ] when not.

Textual's Checkbox shows an X either way and relies on colour, which a counter
PC may not show; it is also a button and a label with styles of their own,
about twice the time of a plain widget to build. This one is one line of text:
Space or a click ticks it, and it says so with ``TickBox.Changed``.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive

from screens.widgets.focus import FocusDrawn


class TickBox(FocusDrawn):
    DEFAULT_CSS = """
    TickBox { height: auto; width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS = [Binding("space", "tick", show=False)]

    value: reactive[bool] = reactive(False, init=False)
    """Whether the box is ticked."""

    @dataclass
    class Changed(Message):
        tick_box: TickBox
        value: bool

        @property
        def control(self) -> TickBox:
            return self.tick_box

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1  # one line, however narrow (a grid sizes rows before it spans columns)

    def render(self) -> Content:
        text = Content(f"[{'✓' if self.value else ' '}] {self.label}")
        return text.stylize("reverse") if self.has_focus else text

    def watch_value(self, value: bool) -> None:
        self.post_message(self.Changed(self, value))

    def action_tick(self) -> None:
        """Space: tick or untick (not ``toggle``: Textual's own takes an attribute name)."""
        self.value = not self.value

    def on_click(self) -> None:
        self.action_tick()
