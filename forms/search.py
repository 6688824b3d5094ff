"""Finding a business type as a teller types: code, Chinese name, pinyin initials, English.

Pinyin is computed once per template when the index is built (pypinyin is
slow to import, so the index is built with the station, off the UI thread).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from forms.schema import Template


@dataclass(frozen=True)
class _Entry:
    template: Template
    initials: str
    """``tb`` for 退保."""
    pinyin: str
    """``tuibao`` for 退保."""
    english: str


SYNONYMS: dict[str, str] = {
    "电话": "联系方式",
    "手机": "联系方式",
    "地址": "联系方式",
    "改地址": "联系方式变更",
    "改电话": "联系方式变更",
}
"""What a customer says → the words of a business's name: 电话 or 地址 finds 联系方式变更."""

SAME_CHARACTERS = str.maketrans({"缴": "交"})
"""Characters written either way in business names: 交费 and 缴费 find the same businesses."""


def _zh(text: str) -> str:
    return text.translate(SAME_CHARACTERS)


def _letters(parts: list[str]) -> str:
    return "".join(ch for part in parts for ch in part.lower() if ch.isascii() and ch.isalpha())


class TemplateIndex:
    """The templates of a station, by code and by what a teller may type to find them."""

    def __init__(self, templates: Sequence[Template]) -> None:
        from pypinyin import Style, lazy_pinyin

        self.templates = tuple(sorted(templates, key=lambda t: t.code))
        self._by_code = {t.code: t for t in self.templates}
        self._entries = [
            _Entry(
                t,
                _letters(lazy_pinyin(t.name.zh, style=Style.FIRST_LETTER)),
                _letters(lazy_pinyin(t.name.zh)),
                t.name.en.lower(),
            )
            for t in self.templates
        ]

    def by_code(self, code: str) -> Template | None:
        return self._by_code.get(code)

    def search(self, query: str, first: Collection[str] = ()) -> list[Template]:
        """Best matches first; an empty query lists everything by code.

        The codes in ``first`` (the businesses of the queue ticket being served) come
        before every other match, each group in its own order.
        """
        q = query.strip().lower()
        if not q:
            return sorted(self.templates, key=lambda t: t.code not in first)
        ranked = [
            (e.template.code not in first, rank, e.template.code, e.template)
            for e in self._entries
            if (rank := _rank(e, q))
        ]
        return [template for *_, template in sorted(ranked)]


def _rank(entry: _Entry, q: str) -> int:
    """1 is the best match; 0 means no match."""
    template = entry.template
    if q.isdigit():
        return 1 if template.code == q else 2 if template.code.startswith(q) else 0
    if not q.isascii():
        name = _zh(template.name.zh)
        ranks = (_name_rank(name, _zh(q)), _name_rank(name, _zh(SYNONYMS.get(q, q))))
        return min((rank for rank in ranks if rank), default=0)
    checks = (
        entry.initials == q,
        entry.initials.startswith(q),
        entry.pinyin.startswith(q),
        q in entry.initials,
        entry.english.startswith(q),
        q in entry.english,
        q in template.key,
    )
    return next((i + 1 for i, hit in enumerate(checks) if hit), 0)


def _name_rank(name: str, q: str) -> int:
    return 1 if name == q else 2 if name.startswith(q) else 3 if q in name else 0
