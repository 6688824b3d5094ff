"""ledger

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Business days, serial counters, postings, cash movements, override requests and overrides.
"""

import sqlalchemy as sa
from alembic import op

from workstation.db.migrations import columns as cols

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "business_days",
        cols.branch_code(),
        cols.business_date(),
        cols.stamp("opened_at"),
        cols.staff("opened_by", nullable=True),
        cols.stamp("closed_at", nullable=True),
        cols.staff("closed_by", nullable=True),
        cols.branch_fk("business_days"),
        cols.primary_key("business_days", "branch_code", "business_date"),
    )
    op.create_table(
        "serial_counters",
        cols.branch_code(),
        cols.business_date(),
        cols.counter(),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        cols.branch_fk("serial_counters"),
        cols.primary_key("serial_counters", "branch_code", "business_date", "counter"),
    )
    cols.keyed_table(
        "override_requests",
        cols.branch_code(),
        cols.counter(),
        cols.staff("teller_id"),
        *cols.idempotency(),
        sa.Column("purpose", sa.String(length=12), nullable=False),
        sa.Column("level_required", sa.Integer(), nullable=False),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        cols.stamp("created_at"),
        cols.stamp("decided_at", nullable=True),
        cols.staff("decided_by", nullable=True),
        sa.Column("reason_code", sa.String(length=32), nullable=True),
        sa.Column("reason_text", sa.String(length=200), nullable=True),
        cols.one_of(
            "override_requests", "status", "'pending', 'approved', 'rejected', 'cancelled'"
        ),
        cols.branch_fk("override_requests"),
        cols.staff_fk("override_requests", "teller_id"),
    )
    with op.batch_alter_table("override_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_override_requests_branch_status", ["branch_code", "status"], unique=False
        )

    _postings()
    _cash_movements()
    _overrides()


def _postings() -> None:
    cols.keyed_table(
        "postings",
        sa.Column("serial", sa.String(length=24), nullable=False),
        cols.branch_code(),
        cols.business_date(),
        cols.counter(),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("template_code", sa.String(length=4), nullable=False),
        sa.Column("template_key", sa.String(length=40), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("policy_no", sa.String(length=16), nullable=True),
        sa.Column("customer_id_number", sa.String(length=18), nullable=True),
        sa.Column("customer_name", sa.String(length=50), nullable=True),
        sa.Column("applicant_id_number", sa.String(length=18), nullable=True),
        sa.Column("insured_id_number", sa.String(length=18), nullable=True),
        sa.Column("direction", sa.String(length=4), nullable=False),
        sa.Column("method", sa.String(length=12), nullable=True),
        sa.Column("amount_fen", sa.BigInteger(), nullable=True),
        sa.Column("by_agent", sa.Boolean(), nullable=False),
        sa.Column("submission", sa.Text(), nullable=False),
        sa.Column("documents", sa.Text(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("large_cash_report", sa.Boolean(), nullable=False),
        cols.staff("teller_id"),
        sa.Column("sign_on_id", sa.Integer(), nullable=True),
        cols.stamp("posted_at"),
        *cols.idempotency(),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reversal_of", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        cols.one_of("postings", "direction", "'in', 'out', 'none'"),
        cols.one_of("postings", "status", "'posted', 'reversed', 'reversal'"),
        cols.branch_fk("postings"),
        cols.foreign_key("postings", "reversal_of", "postings"),
        cols.foreign_key("postings", "sign_on_id", "sign_ons"),
        cols.staff_fk("postings", "teller_id"),
        sa.UniqueConstraint(
            "branch_code", "business_date", "counter", "seq", name=op.f("uq_postings_branch_code")
        ),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_postings_idempotency_key")),
        sa.UniqueConstraint("reversal_of", name=op.f("uq_postings_reversal_of")),
        sa.UniqueConstraint("serial", name=op.f("uq_postings_serial")),
    )
    with op.batch_alter_table("postings", schema=None) as batch_op:
        cols.batch_index(batch_op, "postings", "applicant_id_number")
        batch_op.create_index(
            "ix_postings_day_customer",
            ["branch_code", "business_date", "customer_id_number"],
            unique=False,
        )
        cols.batch_index(batch_op, "postings", "policy_no")
        cols.batch_index(batch_op, "postings", "teller_id")


def _cash_movements() -> None:
    cols.keyed_table(
        "cash_movements",
        cols.branch_code(),
        cols.business_date(),
        cols.counter(),
        cols.staff("teller_id"),
        sa.Column("posting_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        cols.stamp("created_at"),
        cols.branch_fk("cash_movements"),
        cols.foreign_key("cash_movements", "posting_id", "postings"),
        cols.staff_fk("cash_movements", "teller_id"),
    )
    with op.batch_alter_table("cash_movements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cash_movements_day_teller",
            ["branch_code", "business_date", "teller_id"],
            unique=False,
        )


def _overrides() -> None:
    cols.keyed_table(
        "overrides",
        cols.branch_code(),
        *cols.idempotency(),
        sa.Column("purpose", sa.String(length=12), nullable=False),
        sa.Column("level_required", sa.Integer(), nullable=False),
        cols.staff("approver_id"),
        sa.Column("approver_level", sa.Integer(), nullable=False),
        cols.staff("teller_id"),
        sa.Column("mode", sa.String(length=6), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("reason_code", sa.String(length=32), nullable=False),
        sa.Column("reason_text", sa.String(length=200), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        cols.stamp("decided_at"),
        sa.Column("posting_id", sa.Integer(), nullable=True),
        cols.one_of("overrides", "mode", "'local', 'remote'"),
        cols.staff_fk("overrides", "approver_id"),
        cols.branch_fk("overrides"),
        cols.foreign_key("overrides", "posting_id", "postings"),
        cols.foreign_key("overrides", "request_id", "override_requests"),
        cols.staff_fk("overrides", "teller_id"),
    )
    cols.indexes("overrides", "idempotency_key")


def downgrade() -> None:
    cols.drop_tables(
        "overrides",
        "cash_movements",
        "postings",
        "override_requests",
        "serial_counters",
        "business_days",
    )
