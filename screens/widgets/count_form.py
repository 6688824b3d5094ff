"""Counting cash by denomination: one row per note or coin, a live subtotal and total."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Input, Label

from workstation.domain.cash import DENOMINATIONS, LABELS, Count
from workstation.domain.errors import InvalidValue
from workstation.domain.i18n import Catalog
from workstation.domain.money import format_yuan, from_fen

DIGITS = r"[0-9０-９]*"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


class CountForm(Vertical, can_focus=False):
    """Eight rows (¥100 … ¥0.1): pieces typed, subtotal beside, the total under them."""

    DEFAULT_CSS = """
    CountForm { height: auto; width: auto; }
    CountForm > .title { text-style: bold; color: $secondary; }
    CountForm > Grid {
        grid-size: 3; grid-columns: 8 12 18; grid-rows: 1; height: auto; width: auto;
    }
    CountForm .denomination { text-align: right; color: $text-muted; padding-right: 1; }
    CountForm Input { background: $boost; }
    CountForm Input:focus { background: $accent 25%; }
    CountForm .subtotal { text-align: right; }
    CountForm > .total { text-style: bold; margin-top: 1; }
    CountForm > .total.-error { color: $error; }
    """

    class Changed(Message):
        """The count changed; ``count`` is None while a row is not a whole number."""

        def __init__(self, form: CountForm, count: Count | None) -> None:
            super().__init__()
            self.form, self.count = form, count

        @property
        def control(self) -> CountForm:
            return self.form

    def __init__(self, t: Catalog, title: str, *, id: str) -> None:
        super().__init__(id=id)
        self.t, self.title = t, title

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="title")
        with Grid():
            for value in DENOMINATIONS:
                yield Label(f"¥{LABELS[value]}", classes="denomination")
                yield Input(
                    "",
                    placeholder="0",
                    restrict=DIGITS,
                    max_length=7,
                    compact=True,
                    select_on_focus=False,  # a stray digit must not replace a count
                    id=f"{self.id}-{value}",
                    classes="pieces",
                )
                yield Label("", id=f"{self.id}-{value}-sub", classes="subtotal")
        yield Label("", classes="total")

    def on_mount(self) -> None:
        self._show()

    def texts(self) -> dict[int, str]:
        return {
            value: self.query_one(f"#{self.id}-{value}", Input).value.translate(_FULL_WIDTH)
            for value in DENOMINATIONS
        }

    def count(self) -> Count:
        """The count typed so far; raises :class:`InvalidValue` naming the bad row."""
        return Count.parse(self.texts())

    def set_count(self, count: Count) -> None:
        for value in DENOMINATIONS:
            number = count.get(value)
            self.query_one(f"#{self.id}-{value}", Input).value = str(number) if number else ""
        self._show()

    @on(Input.Changed, ".pieces")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._show()

    def _show(self) -> None:
        texts = self.texts()
        for value, text in texts.items():
            pieces = int(text) if text.strip().isdigit() else 0
            sub = format_yuan(from_fen(value * pieces)) if pieces else ""
            self.query_one(f"#{self.id}-{value}-sub", Label).update(sub)
        total = self.query_one(".total", Label)
        try:
            count = Count.parse(texts)
        except InvalidValue as bad:
            total.update(self.t(bad.msg))
            total.add_class("-error")
            self.post_message(self.Changed(self, None))
            return
        total.remove_class("-error")
        total.update(self.t("till.count_total", amount=format_yuan(count.total)))
        self.post_message(self.Changed(self, count))

    def focus_first(self) -> None:
        self.query_one(f"#{self.id}-{DENOMINATIONS[0]}", Input).focus()
