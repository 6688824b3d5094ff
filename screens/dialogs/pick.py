"""Pick one of a short list: a pause reason, a transfer target, a parked ticket to call back.

The options are numbered; a digit picks one at once, arrows and Enter pick the
highlighted one, Esc cancels (None). What the options mean is the asking screen's
business: the dialog only returns the value paired with the chosen line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import footer_key
from screens.dialogs.base import Dialog

V = TypeVar("V")


class PickModal(Dialog[V | None], Generic[V]):
    """Dismissed with the value of the chosen option, or None when cancelled."""

    DEFAULT_CSS = """
    PickModal > Vertical { width: 64; }
    PickModal #choices { height: auto; max-height: 16; border: none; }
    """
    AUTO_FOCUS = "#choices"
    BINDINGS = [footer_key("escape", "cancel")]

    def __init__(self, heading: str, options: Sequence[tuple[str, V]], hint: str = "") -> None:
        super().__init__()
        self.heading, self.options, self.hint = heading, list(options), hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, classes="heading")
            yield OptionList(
                *(
                    Option(f"{n}. {escape(label)}" if n < 10 else f"   {escape(label)}", id=str(n))
                    for n, (label, _) in enumerate(self.options, start=1)
                ),
                id="choices",
            )
            yield Static(self.hint or self.t("pick.hint"), id="hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick_choice":  # the dialog's digits (screens/base.py DIGITS) pick a line
            return True
        return super().check_action(action, parameters)

    async def action_pick_choice(self, n: int) -> None:
        self.action_pick(n)

    def handles_enter(self, widget: Widget | None) -> bool:
        return isinstance(widget, OptionList)

    def field_entered(self, widget: Widget) -> None:
        highlighted = self.query_one("#choices", OptionList).highlighted
        if highlighted is not None:
            self.action_pick(highlighted + 1)

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(int(event.option.id or 0))

    def action_pick(self, n: int) -> None:
        if 1 <= n <= len(self.options):
            self.dismiss(self.options[n - 1][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
