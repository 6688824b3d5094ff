"""ratings

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01

Service ratings: one row per finished ticket, asked on the counter's rating pad,
answered by the customer or recorded unrated (未评价) when its time runs out.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

STATUSES = "'asked', 'answered', 'unrated'"


def _level(column: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(
        f"{column} IS NULL OR {column} BETWEEN 1 AND 5", name=op.f(f"ck_ratings_{column}")
    )


def upgrade() -> None:
    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.String(length=2), nullable=False),
        sa.Column("teller", sa.String(length=16), nullable=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("attitude", sa.Integer(), nullable=True),
        sa.Column("efficiency", sa.Integer(), nullable=True),
        sa.Column("quality", sa.Integer(), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f("ck_ratings_status")),
        _level("level"),
        _level("attitude"),
        _level("efficiency"),
        _level("quality"),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_ratings_branch_code_branches")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ratings_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ratings")),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_ratings_ticket_id")),
    )
    op.create_index("ix_ratings_pad", "ratings", ["branch_code", "counter", "status"])


def downgrade() -> None:
    op.drop_index("ix_ratings_pad", table_name="ratings")
    op.drop_table("ratings")
