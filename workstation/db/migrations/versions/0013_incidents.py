"""incidents

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01

Service incidents (服务应急): an incident started from a playbook of the service
pack (at most one open per playbook), the steps ticked and the actions logged.
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

from workstation.db.migrations import columns as cols

revision = "0013"
down_revision = "0012"

OPEN_ONLY = sa.text("status = 'open'")


def _log_table(table: str, *columns: sa.Column[Any] | sa.Constraint) -> None:
    """A table of rows about one incident: its id, the incident's, ``columns``, the index."""
    cols.keyed_table(
        table,
        sa.Column("incident_id", sa.Integer(), nullable=False),
        *columns,
        cols.foreign_key(table, "incident_id", "incidents"),
    )
    op.create_index(f"ix_{table}_incident_id", table, ["incident_id"])


def upgrade() -> None:
    cols.keyed_table(
        "incidents",
        cols.branch_code(),
        sa.Column("playbook", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        cols.staff("started_by"),
        cols.stamp("started_at"),
        cols.staff("closed_by", nullable=True),
        cols.stamp("closed_at", nullable=True),
        cols.one_of("incidents", "status", "'open', 'closed'"),
        cols.branch_fk("incidents"),
    )
    op.create_index(
        "ux_incidents_open",
        "incidents",
        ["branch_code", "playbook"],
        unique=True,
        sqlite_where=OPEN_ONLY,
        postgresql_where=OPEN_ONLY,
    )
    _log_table(
        "incident_steps",
        sa.Column("step", sa.Integer(), nullable=False),
        cols.staff("done_by"),
        cols.stamp("done_at"),
        sa.Column("note", sa.Text(), nullable=True),
        sa.UniqueConstraint("incident_id", "step", name=op.f("uq_incident_steps_incident_id")),
    )
    _log_table(
        "incident_actions",
        cols.staff("by"),
        cols.stamp("at"),
        sa.Column("note", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    cols.drop_tables("incident_actions", "incident_steps", "incidents")
