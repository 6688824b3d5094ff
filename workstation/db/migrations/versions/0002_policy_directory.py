"""policy directory

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Customers, their bank accounts, policies and beneficiaries: the local stand-in
for the core system that the workstation reads through PolicyDirectory.
"""

import sqlalchemy as sa
from alembic import op

from workstation.db.migrations import columns as cols

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    cols.keyed_table(
        "customers",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("id_type", sa.String(length=16), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("id_expiry", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("phone", sa.String(length=11), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        cols.one_of("customers", "sex", "'M', 'F'"),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customers_id_number"), ["id_number"], unique=True)

    cols.keyed_table(
        "bank_accounts",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("card_no", sa.String(length=19), nullable=False),
        sa.Column("bank_name_zh", sa.String(length=50), nullable=False),
        sa.Column("bank_name_en", sa.String(length=80), nullable=False),
        sa.Column("account_name", sa.String(length=50), nullable=False),
        cols.foreign_key("bank_accounts", "customer_id", "customers"),
        sa.UniqueConstraint("card_no", name=op.f("uq_bank_accounts_card_no")),
    )
    cols.indexes("bank_accounts", "customer_id")

    op.create_table(
        "policies",
        sa.Column("policy_no", sa.String(length=16), nullable=False),
        cols.branch_code(),
        sa.Column("product_code", sa.String(length=16), nullable=False),
        sa.Column("product_name_zh", sa.String(length=100), nullable=False),
        sa.Column("product_name_en", sa.String(length=150), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("insured_id", sa.Integer(), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("payment_frequency", sa.String(length=12), nullable=False),
        sa.Column("premium_fen", sa.BigInteger(), nullable=False),
        sa.Column("paid_to_date", sa.Date(), nullable=True),
        sa.Column("next_due_date", sa.Date(), nullable=True),
        sa.Column("cash_value_fen", sa.BigInteger(), nullable=False),
        sa.Column("loan_balance_fen", sa.BigInteger(), nullable=False),
        sa.Column("lapse_date", sa.Date(), nullable=True),
        sa.Column("maturity_date", sa.Date(), nullable=True),
        sa.Column("maturity_benefit_fen", sa.BigInteger(), nullable=False),
        sa.Column("survival_benefit_fen", sa.BigInteger(), nullable=False),
        sa.Column("sum_assured_fen", sa.BigInteger(), nullable=False),
        sa.Column("payout_account_id", sa.Integer(), nullable=True),
        cols.one_of(
            "policies",
            "payment_frequency",
            "'single', 'annual', 'semiannual', 'quarterly', 'monthly'",
            name="frequency",
        ),
        cols.one_of(
            "policies",
            "status",
            "'in_force', 'lapsed', 'surrendered', 'matured', 'terminated', 'cancelled'",
        ),
        cols.branch_fk("policies"),
        cols.foreign_key("policies", "holder_id", "customers"),
        cols.foreign_key("policies", "insured_id", "customers"),
        cols.foreign_key("policies", "payout_account_id", "bank_accounts"),
        cols.primary_key("policies", "policy_no"),
    )
    cols.indexes("policies", "holder_id", "insured_id")

    cols.keyed_table(
        "beneficiaries",
        sa.Column("policy_no", sa.String(length=16), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("share_pct", sa.Integer(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        cols.one_of(
            "beneficiaries",
            "relation",
            "'self', 'spouse', 'child', 'parent', 'sibling', 'grandchild', "
            "'grandparent', 'employer', 'other'",
        ),
        sa.CheckConstraint("share_pct BETWEEN 1 AND 100", name=op.f("ck_beneficiaries_share_pct")),
        cols.foreign_key("beneficiaries", "customer_id", "customers"),
        cols.foreign_key("beneficiaries", "policy_no", "policies", "policy_no"),
    )
    cols.indexes("beneficiaries", "policy_no")


def downgrade() -> None:
    cols.drop_tables("beneficiaries", "policies", "bank_accounts", "customers")
