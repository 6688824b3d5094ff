"""Staff roles and authority levels."""

from __future__ import annotations

import enum

from workstation.domain.i18n import Msg, msg


class Role(enum.StrEnum):
    TELLER = "teller"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    LOBBY = "lobby"
    """Lobby staff (大堂): greet, triage and issue queue tickets."""

    @property
    def label(self) -> Msg:
        return msg(f"role.{self.value}")


MAX_LEVEL = 2


def default_level(role: Role) -> int:
    """Tellers and administrators approve nothing; a new supervisor starts at level 1."""
    return 1 if role is Role.SUPERVISOR else 0
