"""opinions

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01

The opinion book (意见簿): one row an opinion (complaint, suggestion, praise) with
its owner, due date, response, callback (回访) and closure; a poor rating opens one.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _one_of(column: str, values: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"{column} IN ({values})", name=op.f(f"ck_opinions_{column}"))


def _fk(column: str, table: str, key: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.{key}"], name=op.f(f"fk_opinions_{column}_{table}")
    )


def upgrade() -> None:
    when = sa.DateTime(timezone=True)
    op.create_table(
        "opinions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("recorded_at", when, nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("contact_masked", sa.String(length=64), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("teller", sa.String(length=16), nullable=True),
        sa.Column("counter", sa.String(length=2), nullable=True),
        sa.Column("owner", sa.String(length=16), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("responded_at", when, nullable=True),
        sa.Column("callback_result", sa.Text(), nullable=True),
        sa.Column("called_back_at", when, nullable=True),
        sa.Column("closed_at", when, nullable=True),
        sa.Column("recorded_by", sa.String(length=16), nullable=True),
        sa.Column("rating_id", sa.Integer(), nullable=True),
        _one_of("channel", "'book', 'phone', 'counter', 'letter'"),
        _one_of("kind", "'complaint', 'suggestion', 'praise'"),
        _one_of("status", "'open', 'assigned', 'responded', 'called_back', 'closed'"),
        _fk("branch_code", "branches", "code"),
        _fk("ticket_id", "tickets", "id"),
        _fk("owner", "staff", "staff_id"),
        _fk("rating_id", "ratings", "id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opinions")),
        sa.UniqueConstraint("rating_id", name=op.f("uq_opinions_rating_id")),
    )
    op.create_index("ix_opinions_due", "opinions", ["branch_code", "status", "due_date"])
    op.create_index("ix_opinions_day", "opinions", ["branch_code", "business_date"])


def downgrade() -> None:
    op.drop_index("ix_opinions_day", table_name="opinions")
    op.drop_index("ix_opinions_due", table_name="opinions")
    op.drop_table("opinions")
