"""policy directory

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Customers, their bank accounts, policies and beneficiaries: the local stand-in
for the core system that the workstation reads through PolicyDirectory.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("id_type", sa.String(length=16), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("id_expiry", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("phone", sa.String(length=11), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.CheckConstraint("sex IN ('M', 'F')", name=op.f("ck_customers_sex")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customers_id_number"), ["id_number"], unique=True)

    op.create_table(
        "bank_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("card_no", sa.String(length=19), nullable=False),
        sa.Column("bank_name_zh", sa.String(length=50), nullable=False),
        sa.Column("bank_name_en", sa.String(length=80), nullable=False),
        sa.Column("account_name", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_bank_accounts_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_accounts")),
        sa.UniqueConstraint("card_no", name=op.f("uq_bank_accounts_card_no")),
    )
    with op.batch_alter_table("bank_accounts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bank_accounts_customer_id"), ["customer_id"], unique=False
        )

    op.create_table(
        "policies",
        sa.Column("policy_no", sa.String(length=16), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
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
        sa.CheckConstraint(
            "payment_frequency IN ('single', 'annual', 'semiannual', 'quarterly', 'monthly')",
            name=op.f("ck_policies_frequency"),
        ),
        sa.CheckConstraint(
            "status IN ('in_force', 'lapsed', 'surrendered', 'matured', 'terminated', 'cancelled')",
            name=op.f("ck_policies_status"),
        ),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_policies_branch_code_branches")
        ),
        sa.ForeignKeyConstraint(
            ["holder_id"], ["customers.id"], name=op.f("fk_policies_holder_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["insured_id"], ["customers.id"], name=op.f("fk_policies_insured_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["payout_account_id"],
            ["bank_accounts.id"],
            name=op.f("fk_policies_payout_account_id_bank_accounts"),
        ),
        sa.PrimaryKeyConstraint("policy_no", name=op.f("pk_policies")),
    )
    with op.batch_alter_table("policies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_policies_holder_id"), ["holder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_policies_insured_id"), ["insured_id"], unique=False)

    op.create_table(
        "beneficiaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_no", sa.String(length=16), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("share_pct", sa.Integer(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "relation IN ('self', 'spouse', 'child', 'parent', 'sibling', 'grandchild', "
            "'grandparent', 'employer', 'other')",
            name=op.f("ck_beneficiaries_relation"),
        ),
        sa.CheckConstraint("share_pct BETWEEN 1 AND 100", name=op.f("ck_beneficiaries_share_pct")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_beneficiaries_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["policy_no"], ["policies.policy_no"], name=op.f("fk_beneficiaries_policy_no_policies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beneficiaries")),
    )
    with op.batch_alter_table("beneficiaries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_beneficiaries_policy_no"), ["policy_no"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("beneficiaries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_beneficiaries_policy_no"))

    op.drop_table("beneficiaries")
    with op.batch_alter_table("policies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_policies_insured_id"))
        batch_op.drop_index(batch_op.f("ix_policies_holder_id"))

    op.drop_table("policies")
    with op.batch_alter_table("bank_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_accounts_customer_id"))

    op.drop_table("bank_accounts")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_id_number"))

    op.drop_table("customers")
