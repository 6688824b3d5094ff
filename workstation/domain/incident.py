"""Service incidents (服务应急): the statuses an incident goes through."""

from __future__ import annotations

from workstation.domain.labelled import Labelled


class IncidentStatus(Labelled, prefix="incident.status"):
    OPEN = "open"
    """Started from a playbook: its steps are ticked, actions logged, the notice shown."""
    CLOSED = "closed"
    """Closed by a supervisor or lobby staff: the report prints."""
