"""Stored values that name themselves: a StrEnum whose members have a catalog label."""

from __future__ import annotations

import enum
from typing import Any, ClassVar

from workstation.domain.i18n import Msg, msg


class Labelled(enum.StrEnum):
    """A member's label is the catalog key ``{prefix}.{value}``; the subclass names the prefix:
    ``class Role(Labelled, prefix="role")``."""

    _prefix: ClassVar[str]

    def __init_subclass__(cls, *, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._prefix = prefix

    @property
    def label(self) -> Msg:
        return msg(f"{self._prefix}.{self.value}")
