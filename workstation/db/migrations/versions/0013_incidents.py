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

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

OPEN_ONLY = sa.text("status = 'open'")


def _stamp(name: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _log_table(table: str, *columns: sa.Column[Any] | sa.Constraint) -> None:
    """A table of rows about one incident: its id, the incident's, ``columns``, the index."""
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f(f"fk_{table}_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )
    op.create_index(f"ix_{table}_incident_id", table, ["incident_id"])


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("playbook", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("started_by", sa.String(length=16), nullable=False),
        _stamp("started_at"),
        sa.Column("closed_by", sa.String(length=16), nullable=True),
        _stamp("closed_at", nullable=True),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_incidents_status")),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_incidents_branch_code_branches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
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
        sa.Column("done_by", sa.String(length=16), nullable=False),
        _stamp("done_at"),
        sa.Column("note", sa.Text(), nullable=True),
        sa.UniqueConstraint("incident_id", "step", name=op.f("uq_incident_steps_incident_id")),
    )
    _log_table(
        "incident_actions",
        sa.Column("by", sa.String(length=16), nullable=False),
        _stamp("at"),
        sa.Column("note", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_index("ix_incident_actions_incident_id", table_name="incident_actions")
    op.drop_table("incident_actions")
    op.drop_index("ix_incident_steps_incident_id", table_name="incident_steps")
    op.drop_table("incident_steps")
    op.drop_index("ux_incidents_open", table_name="incidents")
    op.drop_table("incidents")
