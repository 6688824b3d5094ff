"""Message keys and the per-language catalogs that render them.

Every user-visible string lives in ``locale/<lang>.toml``. Code passes a
:class:`Msg` (a key and its parameters) around; only the edge (a screen, the
CLI) renders it, in one language or in both.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LANGUAGES = ("zh", "en")
LOCALE_DIR = Path(__file__).with_name("locale")


@dataclass(frozen=True)
class Msg:
    """A catalog key with the values for its ``{placeholders}``."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)


def msg(key: str, /, **params: object) -> Msg:
    return Msg(key, params)


def _flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, key + "."))
        else:
            flat[key] = str(value)
    return flat


@dataclass(frozen=True)
class Plural:
    """A number parameter: ``{count:notice|notices}`` gives "1 notice", "2 notices".

    Any other format spec is the value's own (``{count}``, ``{count:,}``); the Chinese
    catalog needs none of this.
    """

    value: int | str

    def __format__(self, spec: str) -> str:
        if "|" not in spec:
            return format(self.value, spec)
        one, many = spec.split("|", 1)
        return f"{self.value} {one if float(self.value) == 1 else many}"


class Listed(str):
    """A list as a message parameter: each catalog joins its ``items`` its own way
    (``text.list``: 甲、乙 in Chinese, "a, b" in English); an item may be a :class:`Msg`.
    As a plain string (a log line, a test) it is the Chinese list."""

    items: tuple[object, ...]

    def __new__(cls, items: Iterable[object]) -> Listed:
        items = tuple(items)
        made = super().__new__(cls, _joined(_load("zh"), items))
        made.items = items
        return made


def listed(items: Iterable[object]) -> Listed:
    return Listed(items)


def _joined(catalog: Catalog, items: Iterable[object]) -> str:
    return catalog("text.list").join(catalog(i) if isinstance(i, Msg) else str(i) for i in items)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _value(catalog: Catalog, value: object) -> object:
    if isinstance(value, Msg):
        return catalog(value)
    if isinstance(value, Listed):
        return _joined(catalog, value.items)
    if type(value) is int or (isinstance(value, str) and _number(value)):
        return Plural(value)
    return value


class Catalog:
    """All strings of one language, looked up by dotted key."""

    def __init__(self, lang: str, entries: Mapping[str, str]) -> None:
        self.lang = lang
        self.entries = dict(entries)

    @classmethod
    def load(cls, lang: str) -> Catalog:
        return _load(lang)

    def __call__(self, what: str | Msg, **params: object) -> str:
        if isinstance(what, Msg):
            params = {**what.params, **params}
            what = what.key
        text = self.entries.get(what)
        if text is None:
            return what
        if not params:
            return text
        values = {k: _value(self, v) for k, v in params.items()}
        return text.format_map(values)


@cache
def _load(lang: str) -> Catalog:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    with (LOCALE_DIR / f"{lang}.toml").open("rb") as fh:
        return Catalog(lang, _flatten(tomllib.load(fh)))


def both(what: str | Msg) -> str:
    """Render in Chinese and English on one line, for logs and the CLI."""
    zh, en = Catalog.load("zh")(what), Catalog.load("en")(what)
    return zh if zh == en else f"{zh} / {en}"
