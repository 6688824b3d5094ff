"""Service incidents (服务应急): the statuses an incident goes through."""

from __future__ import annotations

import enum

from workstation.domain.i18n import Msg, msg


class IncidentStatus(enum.StrEnum):
    OPEN = "open"
    """Started from a playbook: its steps are ticked, actions logged, the notice shown."""
    CLOSED = "closed"
    """Closed by a supervisor or lobby staff: the report prints."""

    @property
    def label(self) -> Msg:
        return msg(f"incident.status.{self.value}")
