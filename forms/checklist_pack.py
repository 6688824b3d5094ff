"""The opening and closing checklists of a branch pack: ``[[checklist.opening]]``, ``closing``.

Each item is a key and its name in both languages. A pack without the
sections has empty checklists: the branch opens once someone opens it.
:mod:`forms.branch_pack` reads them with the rest of the pack and reports a key
used twice in one list as a problem of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from forms.schema import KEY, NamedInBoth, Text
from workstation.domain.checklist import ChecklistKind


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Item(_Model):
    key: str = Field(pattern=KEY, max_length=32)
    name: Text


class ChecklistSections(_Model):
    """The ``[checklist]`` table of a pack, as read."""

    opening: tuple[_Item, ...] = ()
    closing: tuple[_Item, ...] = ()


@dataclass(frozen=True)
class ChecklistItem(NamedInBoth):
    key: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Checklists:
    """The items of each checklist, in the pack's order."""

    opening: tuple[ChecklistItem, ...] = ()
    closing: tuple[ChecklistItem, ...] = ()

    def items(self, kind: ChecklistKind) -> tuple[ChecklistItem, ...]:
        return self.opening if kind is ChecklistKind.OPENING else self.closing

    def item(self, kind: ChecklistKind, key: str) -> ChecklistItem | None:
        return next((i for i in self.items(kind) if i.key == key), None)


def checklist_problems(sections: ChecklistSections) -> Iterator[tuple[str, str, dict[str, str]]]:
    """A key used twice in one checklist: (key path, reason kind, params)."""
    for kind in ChecklistKind:
        seen: set[str] = set()
        what = f"checklist.{kind.value}"
        for item in getattr(sections, kind.value):
            if item.key in seen:
                yield what, "duplicate_key", {"key": item.key, "what": what}
            seen.add(item.key)


def built_checklists(sections: ChecklistSections) -> Checklists:
    def items(kind: ChecklistKind) -> tuple[ChecklistItem, ...]:
        found = getattr(sections, kind.value)
        return tuple(ChecklistItem(i.key, i.name.zh, i.name.en) for i in found)

    return Checklists(items(ChecklistKind.OPENING), items(ChecklistKind.CLOSING))
