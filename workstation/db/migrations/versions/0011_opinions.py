"""opinions

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01

The opinion book (意见簿): one row an opinion (complaint, suggestion, praise) with
its owner, due date, response, callback (回访) and closure; a poor rating opens one.
"""

import sqlalchemy as sa
from alembic import op

from workstation.db.migrations import columns as cols

revision = "0011"
down_revision = "0010"


TABLE = "opinions"


def upgrade() -> None:
    cols.keyed_table(
        TABLE,
        cols.branch_code(),
        cols.stamp("recorded_at"),
        cols.business_date(),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("contact_masked", sa.String(length=64), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        cols.staff("teller", nullable=True),
        cols.counter(nullable=True),
        cols.staff("owner", nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("response", sa.Text(), nullable=True),
        cols.stamp("responded_at", nullable=True),
        sa.Column("callback_result", sa.Text(), nullable=True),
        cols.stamp("called_back_at", nullable=True),
        cols.stamp("closed_at", nullable=True),
        cols.staff("recorded_by", nullable=True),
        sa.Column("rating_id", sa.Integer(), nullable=True),
        cols.one_of(TABLE, "channel", "'book', 'phone', 'counter', 'letter'"),
        cols.one_of(TABLE, "kind", "'complaint', 'suggestion', 'praise'"),
        cols.one_of(TABLE, "status", "'open', 'assigned', 'responded', 'called_back', 'closed'"),
        cols.branch_fk(TABLE),
        cols.foreign_key(TABLE, "ticket_id", "tickets"),
        cols.staff_fk(TABLE, "owner"),
        cols.foreign_key(TABLE, "rating_id", "ratings"),
        sa.UniqueConstraint("rating_id", name=op.f("uq_opinions_rating_id")),
    )
    op.create_index("ix_opinions_due", "opinions", ["branch_code", "status", "due_date"])
    op.create_index("ix_opinions_day", "opinions", ["branch_code", "business_date"])


def downgrade() -> None:
    op.drop_table("opinions")
