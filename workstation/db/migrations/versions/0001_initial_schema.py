"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27

Branches, counters, staff, sign-ons, and the electronic journal with its head row.
"""

import sqlalchemy as sa
from alembic import op

from workstation.db.migrations import columns as cols

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "branches",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name_zh", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        cols.stamp("created_at"),
        cols.primary_key("branches", "code"),
    )
    op.create_table(
        "journal_entries",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        cols.stamp("occurred_at"),
        sa.Column("branch_code", sa.String(length=8), nullable=True),
        cols.counter(nullable=True),
        cols.staff("staff_id", nullable=True),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        cols.primary_key("journal_entries", "seq"),
    )
    cols.indexes("journal_entries", "event")

    head = op.create_table(
        "journal_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        cols.primary_key("journal_head"),
    )
    # The chain starts from an all-zero hash; every append locks this row.
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": "0" * 64}])
    cols.keyed_table(
        "counters",
        cols.branch_code(),
        cols.counter("number"),
        sa.Column("name_zh", sa.String(length=50), nullable=False),
        sa.Column("name_en", sa.String(length=50), nullable=False),
        sa.Column("flexible", sa.Boolean(), nullable=False),
        cols.branch_fk("counters"),
        sa.UniqueConstraint("branch_code", "number", name=op.f("uq_counters_branch_code")),
    )
    op.create_table(
        "staff",
        cols.staff("staff_id"),
        cols.branch_code(),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        cols.stamp("locked_until", nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        cols.stamp("created_at"),
        cols.stamp("password_changed_at"),
        cols.one_of("staff", "role", "'teller', 'supervisor', 'admin'"),
        sa.CheckConstraint("level BETWEEN 0 AND 2", name=op.f("ck_staff_level")),
        cols.branch_fk("staff"),
        cols.primary_key("staff", "staff_id"),
    )
    cols.keyed_table(
        "sign_ons",
        cols.staff("staff_id"),
        cols.branch_code(),
        cols.counter(),
        cols.stamp("started_at"),
        cols.stamp("ended_at", nullable=True),
        sa.Column("end_reason", sa.String(length=16), nullable=True),
        cols.staff("ended_by", nullable=True),
        cols.branch_fk("sign_ons"),
        cols.staff_fk("sign_ons", "staff_id"),
    )
    cols.indexes("sign_ons", "staff_id")


def downgrade() -> None:
    cols.drop_tables("sign_ons", "staff", "counters", "journal_head", "journal_entries", "branches")
