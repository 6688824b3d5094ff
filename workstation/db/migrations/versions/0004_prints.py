"""prints

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

Every print of a receipt, first prints and reprints with their reasons.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "prints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("print_no", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("staff_id", sa.String(length=16), nullable=False),
        sa.Column("counter", sa.String(length=2), nullable=False),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=True),
        sa.Column("printer", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["posting_id"], ["postings.id"], name=op.f("fk_prints_posting_id_postings")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.staff_id"], name=op.f("fk_prints_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prints")),
        sa.UniqueConstraint("posting_id", "print_no", name=op.f("uq_prints_posting_id")),
    )
    with op.batch_alter_table("prints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_prints_posting_id"), ["posting_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("prints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_prints_posting_id"))

    op.drop_table("prints")
