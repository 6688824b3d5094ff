"""The branch's opening and closing checklists (营业前准备 / 营业终了): what is stored."""

from __future__ import annotations

from enum import StrEnum


class ChecklistKind(StrEnum):
    """Which checklist of the day an item belongs to (stored: never rename a value)."""

    OPENING = "opening"
    """营业前准备: done before the first ticket is issued and the first window opens."""
    CLOSING = "closing"
    """营业终了: what the branch does before it locks up."""

    @property
    def label(self) -> str:
        """Its catalog key: ``checklist.kind.opening``."""
        return f"checklist.kind.{self.value}"


class OpeningMode(StrEnum):
    """How the branch opened on a business date (stored)."""

    NORMAL = "normal"
    """Every opening item was done."""
    OVERRIDE = "override"
    """A supervisor let it open with items outstanding, giving a reason."""
