"""Text at a Chinese counter: folded to one form as typed; broken into lines where a reader
expects (禁则); lists joined in the language shown."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable

from workstation.domain.i18n import Catalog, Msg, msg


def fold(text: str) -> str:
    """Full-width digits, letters and signs as ASCII (NFKC: ``Ｐ２０`` → ``P20``, ``ｘ`` → ``x``,
    ``￥`` → ``¥``), without surrounding space: a Chinese input method types the wide forms.
    """
    return unicodedata.normalize("NFKC", text).strip()


NO_LINE_START = frozenset("，。、；：？！）》」』】〉”’,.;:?!)%…·")
"""Closing punctuation: a line never starts with it (禁则)."""
NO_LINE_END = frozenset("（《「『【〈“‘(")
"""Opening punctuation: a line never ends with it."""


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _may_break(text: str, index: int) -> bool:
    """Whether a line may break between ``text[index - 1]`` and ``text[index]``."""
    before, after = text[index - 1], text[index]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return before == " " or _wide(before) or _wide(after)


def line_breaks(text: str, width: int) -> list[int]:
    """Where to break one paragraph to fit ``width`` cells: after a space (an English word
    stays whole) or between Chinese characters, never before closing punctuation nor after
    opening punctuation; only a run with no such place is cut where it overflows.

    Offsets into ``text``; a space at a break ends the line before it.
    """
    breaks: list[int] = []
    start, used, fits = 0, 0, 0
    for index, char in enumerate(text):
        cells = 2 if _wide(char) else 1
        if index > start and _may_break(text, index):
            fits = index
        if used + cells > max(width, 2) and index > start:
            if char == " ":
                breaks.append(index)
                start, used, fits = index + 1, 0, 0
                continue
            cut = fits if fits > start else index
            breaks.append(cut)
            start, fits = cut, 0
            used = sum(2 if _wide(c) else 1 for c in text[cut:index])
        used += cells
    return breaks


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken by :func:`line_breaks`."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        cuts = [0, *line_breaks(paragraph, width), len(paragraph)]
        lines += [paragraph[a:b].strip(" ") for a, b in itertools.pairwise(cuts)]
    return lines


def join_list(t: Catalog, items: Iterable[str]) -> str:
    """Items in running text: 甲、乙 in Chinese, "a, b" in English."""
    return t("text.list").join(items)


def in_both(zh: str, en: str) -> Msg:
    """A name known in both languages, as a message parameter or an item of a
    :func:`~workstation.domain.i18n.listed` list: each catalog shows its own half."""
    return msg("text.label", zh=zh, en=en)
