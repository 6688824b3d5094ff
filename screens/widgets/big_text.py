"""Text three rows tall, for the calling display's latest ticket (seen across a hall).

Textual's ``Digits`` draws 0–9 and A–F in a 3×3 grid; a branch's ticket
prefixes are any capital letter (the demo's VIP service is ``V``), so the
other capitals are drawn here in the same thin rounded style. Anything else
(a space, an arrow) stands in the middle row as it is.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.renderables.digits import DIGITS, DIGITS3X3_BOLD
from textual.widget import Widget

LETTERS: dict[str, tuple[str, str, str]] = {
    "G": ("╭─╴", "│╶╮", "╰─╯"),
    "H": ("╷ ╷", "├─┤", "╵ ╵"),
    "I": ("╶┬╴", " │ ", "╶┴╴"),
    "J": ("  ╷", "  │", "╰─╯"),
    "K": ("╷ ╱", "├┤ ", "╵ ╲"),
    "L": ("╷  ", "│  ", "╰─╴"),
    "M": ("╭┬╮", "│││", "╵╵╵"),
    "N": ("╭─╮", "│ │", "╵ ╵"),
    "O": ("╭─╮", "│ │", "╰─╯"),
    "P": ("┌─╮", "├─╯", "╵  "),
    "Q": ("╭─╮", "│ │", "╰─┼"),
    "R": ("┌─╮", "├┬╯", "╵╰╴"),
    "S": ("╭─╴", "╰─╮", "╶─╯"),
    "T": ("╶┬╴", " │ ", " ╵ "),
    "U": ("╷ ╷", "│ │", "╰─╯"),
    "V": ("╷ ╷", "╲ ╱", " ╵ "),
    "W": ("╷╷╷", "│││", "╰┴╯"),
    "X": ("╲ ╱", " ╳ ", "╱ ╲"),
    "Y": ("╲ ╱", " │ ", " ╵ "),
    "Z": ("╶─╮", "╭─╯", "╰─╴"),
}


def glyph(character: str) -> tuple[str, str, str]:
    """The three rows of one character (3 cells wide; 1 for one drawn as it is)."""
    if character in LETTERS:
        return LETTERS[character]
    if character in DIGITS and character != " ":
        at = DIGITS.index(character) * 3
        top, middle, bottom = DIGITS3X3_BOLD[at : at + 3]
        return top.ljust(3), middle.ljust(3), bottom.ljust(3)
    return " ", character, " "


def big_rows(text: str) -> tuple[str, str, str]:
    """``text`` drawn three rows tall, a space between characters."""
    glyphs = [glyph(ch) for ch in text.upper()]
    return (
        " ".join(g[0] for g in glyphs),
        " ".join(g[1] for g in glyphs),
        " ".join(g[2] for g in glyphs),
    )


class BigText(Widget):
    """Shows ``text`` three rows tall, centred; ``text`` is what a test reads back."""

    DEFAULT_CSS = """
    BigText { width: 100%; height: 3; text-align: center; }
    """

    text: reactive[str] = reactive("", layout=True)
    """What is drawn large, e.g. ``A012 → 02`` (empty: nothing)."""

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(BigText.text, text)

    def render(self) -> RenderResult:
        return Text("\n".join(big_rows(self.text)), no_wrap=True)
