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

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _branch(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["branch_code"], ["branches.code"], name=op.f(f"fk_{table}_branch_code_branches")
    )


def upgrade() -> None:
    op.create_table(
        "checklist_ticks",
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("item", sa.String(length=32), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("staff", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('opening', 'closing')", name=op.f("ck_checklist_ticks_kind")),
        _branch("checklist_ticks"),
        sa.PrimaryKeyConstraint(
            "branch_code", "business_date", "kind", "item", name=op.f("pk_checklist_ticks")
        ),
    )
    op.create_table(
        "branch_openings",
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=12), nullable=False),
        sa.Column("approver", sa.String(length=16), nullable=True),
        sa.Column("approver_level", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("reason_code", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("outstanding", sa.Text(), nullable=False),
        sa.CheckConstraint("mode IN ('normal', 'override')", name=op.f("ck_branch_openings_mode")),
        _branch("branch_openings"),
        sa.PrimaryKeyConstraint("branch_code", "business_date", name=op.f("pk_branch_openings")),
    )


def downgrade() -> None:
    op.drop_table("branch_openings")
    op.drop_table("checklist_ticks")
