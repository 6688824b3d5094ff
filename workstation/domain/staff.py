"""Staff roles and authority levels."""

from __future__ import annotations

from workstation.domain.labelled import Labelled


class Role(Labelled, prefix="role"):
    TELLER = "teller"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    LOBBY = "lobby"
    """Lobby staff (大堂): greet, triage and issue queue tickets."""


MAX_LEVEL = 2


def default_level(role: Role) -> int:
    """Tellers and administrators approve nothing; a new supervisor starts at level 1."""
    return 1 if role is Role.SUPERVISOR else 0
