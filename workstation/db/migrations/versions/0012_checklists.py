"""checklists

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01

The opening and closing checklists (营业前准备): one row per business date,
checklist and item (done, who, when, note), and the day's opening of the branch
(normally, or by a supervisor's override with a reason and the items outstanding).
"""

import sqlalchemy as sa
from alembic import op

from workstation.db.migrations import columns as cols

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    op.create_table(
        "checklist_ticks",
        cols.branch_code(),
        cols.business_date(),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("item", sa.String(length=32), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        cols.staff("staff"),
        cols.stamp("at"),
        sa.Column("note", sa.Text(), nullable=True),
        cols.one_of("checklist_ticks", "kind", "'opening', 'closing'"),
        cols.branch_fk("checklist_ticks"),
        cols.primary_key("checklist_ticks", "branch_code", "business_date", "kind", "item"),
    )
    op.create_table(
        "branch_openings",
        cols.branch_code(),
        cols.business_date(),
        cols.stamp("opened_at"),
        cols.staff("opened_by"),
        sa.Column("mode", sa.String(length=12), nullable=False),
        cols.staff("approver", nullable=True),
        sa.Column("approver_level", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("reason_code", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("outstanding", sa.Text(), nullable=False),
        cols.one_of("branch_openings", "mode", "'normal', 'override'"),
        cols.branch_fk("branch_openings"),
        cols.primary_key("branch_openings", "branch_code", "business_date"),
    )


def downgrade() -> None:
    cols.drop_tables("branch_openings", "checklist_ticks")
