"""prints

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

Every print of a receipt, first prints and reprints with their reasons.
"""

import sqlalchemy as sa
from alembic import op

from workstation.db.migrations import columns as cols

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    cols.keyed_table(
        "prints",
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("print_no", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        cols.staff("staff_id"),
        cols.counter(),
        cols.stamp("printed_at"),
        sa.Column("path", sa.String(length=500), nullable=True),
        sa.Column("printer", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        cols.foreign_key("prints", "posting_id", "postings"),
        cols.staff_fk("prints", "staff_id"),
        sa.UniqueConstraint("posting_id", "print_no", name=op.f("uq_prints_posting_id")),
    )
    cols.indexes("prints", "posting_id")


def downgrade() -> None:
    op.drop_table("prints")
