"""What the incident service returns: plain frozen dataclasses for screens, display and paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from forms.schema import Text
from forms.service_pack import Playbook
from workstation.domain.incident import IncidentStatus
from workstation.services.receipt_data import BranchHeader, FirstPrint
from workstation.services.report_data import Person


@dataclass(frozen=True)
class Done:
    """Who did something, and when."""

    by: Person
    at: datetime


@dataclass(frozen=True)
class ActionView(Done):
    """A free action logged: by whom, when, and what was done."""

    note: str


@dataclass(frozen=True)
class StepView:
    index: int
    text: Text
    ticked: Done | None
    note: str | None

    @property
    def done(self) -> bool:
        return self.ticked is not None


@dataclass(frozen=True)
class IncidentView:
    id: int
    playbook: Playbook
    status: IncidentStatus
    started: Done
    closed: Done | None
    """None while it is open."""
    steps: tuple[StepView, ...]
    actions: tuple[ActionView, ...]

    @property
    def open(self) -> bool:
        return self.status is IncidentStatus.OPEN


@dataclass(frozen=True)
class IncidentReport(FirstPrint):
    """The figures of the incident report (应急处置记录)."""

    header: BranchHeader
    incident: IncidentView
    zone: tzinfo
    """The branch's time zone: times print in it."""
