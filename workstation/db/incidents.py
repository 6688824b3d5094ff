"""Service incidents (服务应急): one row per incident, its ticked steps, its logged actions.

An incident is started from a playbook of the service pack; at most one is open
per playbook (a partial unique index on the open ones). Each step ticked and each
free action is a row with who and when, journaled in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from workstation.db.base import Base, one_of
from workstation.domain.incident import IncidentStatus

OPEN_ONLY = text("status = 'open'")


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (
        CheckConstraint(one_of("status", IncidentStatus), name="status"),
        Index(
            "ux_incidents_open",
            "branch_code",
            "playbook",
            unique=True,
            sqlite_where=OPEN_ONLY,
            postgresql_where=OPEN_ONLY,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    playbook: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(8))
    started_by: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime]
    closed_by: Mapped[str | None] = mapped_column(String(16))
    closed_at: Mapped[datetime | None]


class IncidentStep(Base):
    """A step of the playbook ticked done."""

    __tablename__ = "incident_steps"
    __table_args__ = (UniqueConstraint("incident_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    step: Mapped[int]
    """The step's index in the playbook, from 0."""
    done_by: Mapped[str] = mapped_column(String(16))
    done_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text)


class IncidentAction(Base):
    """A free action logged during the incident: what was done, by whom, when."""

    __tablename__ = "incident_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    by: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text)
