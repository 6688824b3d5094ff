"""ratings

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01

Service ratings: one row per finished ticket, asked on the counter's rating pad,
answered by the customer or recorded unrated (未评价) when its time runs out.
"""

import sqlalchemy as sa
from alembic import op

from workstation.db.migrations import columns as cols

revision = "0010"
down_revision = "0009"

STATUSES = "'asked', 'answered', 'unrated'"


def _level(column: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(
        f"{column} IS NULL OR {column} BETWEEN 1 AND 5", name=op.f(f"ck_ratings_{column}")
    )


def upgrade() -> None:
    cols.keyed_table(
        "ratings",
        cols.branch_code(),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        cols.counter(),
        cols.staff("teller", nullable=True),
        cols.stamp("asked_at"),
        cols.stamp("answered_at", nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("attitude", sa.Integer(), nullable=True),
        sa.Column("efficiency", sa.Integer(), nullable=True),
        sa.Column("quality", sa.Integer(), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        cols.one_of("ratings", "status", STATUSES),
        _level("level"),
        _level("attitude"),
        _level("efficiency"),
        _level("quality"),
        cols.branch_fk("ratings"),
        cols.foreign_key("ratings", "ticket_id", "tickets"),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_ratings_ticket_id")),
    )
    op.create_index("ix_ratings_pad", "ratings", ["branch_code", "counter", "status"])


def downgrade() -> None:
    op.drop_table("ratings")
