"""ledger

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Business days, serial counters, postings, cash movements, override requests and overrides.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "business_days",
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.String(length=16), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_business_days_branch_code_branches")
        ),
        sa.PrimaryKeyConstraint("branch_code", "business_date", name=op.f("pk_business_days")),
    )
    op.create_table(
        "serial_counters",
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("counter", sa.String(length=2), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_serial_counters_branch_code_branches")
        ),
        sa.PrimaryKeyConstraint(
            "branch_code", "business_date", "counter", name=op.f("pk_serial_counters")
        ),
    )
    op.create_table(
        "override_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("counter", sa.String(length=2), nullable=False),
        sa.Column("teller_id", sa.String(length=16), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("content_digest", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=12), nullable=False),
        sa.Column("level_required", sa.Integer(), nullable=False),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=16), nullable=True),
        sa.Column("reason_code", sa.String(length=32), nullable=True),
        sa.Column("reason_text", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected', 'cancelled')",
            name=op.f("ck_override_requests_status"),
        ),
        sa.ForeignKeyConstraint(
            ["branch_code"],
            ["branches.code"],
            name=op.f("fk_override_requests_branch_code_branches"),
        ),
        sa.ForeignKeyConstraint(
            ["teller_id"], ["staff.staff_id"], name=op.f("fk_override_requests_teller_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_override_requests")),
    )
    with op.batch_alter_table("override_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_override_requests_branch_status", ["branch_code", "status"], unique=False
        )

    op.create_table(
        "postings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=24), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("counter", sa.String(length=2), nullable=False),
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
        sa.Column("teller_id", sa.String(length=16), nullable=False),
        sa.Column("sign_on_id", sa.Integer(), nullable=True),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("content_digest", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reversal_of", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "direction IN ('in', 'out', 'none')", name=op.f("ck_postings_direction")
        ),
        sa.CheckConstraint(
            "status IN ('posted', 'reversed', 'reversal')", name=op.f("ck_postings_status")
        ),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_postings_branch_code_branches")
        ),
        sa.ForeignKeyConstraint(
            ["reversal_of"], ["postings.id"], name=op.f("fk_postings_reversal_of_postings")
        ),
        sa.ForeignKeyConstraint(
            ["sign_on_id"], ["sign_ons.id"], name=op.f("fk_postings_sign_on_id_sign_ons")
        ),
        sa.ForeignKeyConstraint(
            ["teller_id"], ["staff.staff_id"], name=op.f("fk_postings_teller_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_postings")),
        sa.UniqueConstraint(
            "branch_code", "business_date", "counter", "seq", name=op.f("uq_postings_branch_code")
        ),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_postings_idempotency_key")),
        sa.UniqueConstraint("reversal_of", name=op.f("uq_postings_reversal_of")),
        sa.UniqueConstraint("serial", name=op.f("uq_postings_serial")),
    )
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_postings_applicant_id_number"), ["applicant_id_number"], unique=False
        )
        batch_op.create_index(
            "ix_postings_day_customer",
            ["branch_code", "business_date", "customer_id_number"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_postings_policy_no"), ["policy_no"], unique=False)
        batch_op.create_index(batch_op.f("ix_postings_teller_id"), ["teller_id"], unique=False)

    op.create_table(
        "cash_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("counter", sa.String(length=2), nullable=False),
        sa.Column("teller_id", sa.String(length=16), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_cash_movements_branch_code_branches")
        ),
        sa.ForeignKeyConstraint(
            ["posting_id"], ["postings.id"], name=op.f("fk_cash_movements_posting_id_postings")
        ),
        sa.ForeignKeyConstraint(
            ["teller_id"], ["staff.staff_id"], name=op.f("fk_cash_movements_teller_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_movements")),
    )
    with op.batch_alter_table("cash_movements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cash_movements_day_teller",
            ["branch_code", "business_date", "teller_id"],
            unique=False,
        )

    op.create_table(
        "overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("content_digest", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=12), nullable=False),
        sa.Column("level_required", sa.Integer(), nullable=False),
        sa.Column("approver_id", sa.String(length=16), nullable=False),
        sa.Column("approver_level", sa.Integer(), nullable=False),
        sa.Column("teller_id", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=6), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("reason_code", sa.String(length=32), nullable=False),
        sa.Column("reason_text", sa.String(length=200), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("mode IN ('local', 'remote')", name=op.f("ck_overrides_mode")),
        sa.ForeignKeyConstraint(
            ["approver_id"], ["staff.staff_id"], name=op.f("fk_overrides_approver_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_overrides_branch_code_branches")
        ),
        sa.ForeignKeyConstraint(
            ["posting_id"], ["postings.id"], name=op.f("fk_overrides_posting_id_postings")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["override_requests.id"],
            name=op.f("fk_overrides_request_id_override_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["teller_id"], ["staff.staff_id"], name=op.f("fk_overrides_teller_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overrides")),
    )
    with op.batch_alter_table("overrides", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_overrides_idempotency_key"), ["idempotency_key"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("overrides", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_overrides_idempotency_key"))

    op.drop_table("overrides")
    with op.batch_alter_table("cash_movements", schema=None) as batch_op:
        batch_op.drop_index("ix_cash_movements_day_teller")

    op.drop_table("cash_movements")
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_postings_teller_id"))
        batch_op.drop_index(batch_op.f("ix_postings_policy_no"))
        batch_op.drop_index("ix_postings_day_customer")
        batch_op.drop_index(batch_op.f("ix_postings_applicant_id_number"))

    op.drop_table("postings")
    with op.batch_alter_table("override_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_override_requests_branch_status")

    op.drop_table("override_requests")
    op.drop_table("serial_counters")
    op.drop_table("business_days")
