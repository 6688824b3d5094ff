"""tills

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27

Shifts with counted cash, vault transfers, handovers and document prints; postings and
cash movements name their shift.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_prints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("print_no", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("staff_id", sa.String(length=16), nullable=False),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.staff_id"], name=op.f("fk_document_prints_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_prints")),
    )
    with op.batch_alter_table("document_prints", schema=None) as batch_op:
        batch_op.create_index("ix_document_prints_kind_ref", ["kind", "ref"], unique=False)

    op.create_table(
        "shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("counter", sa.String(length=2), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("teller_id", sa.String(length=16), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opening", sa.Text(), nullable=False),
        sa.Column("opening_fen", sa.BigInteger(), nullable=False),
        sa.Column("opening_difference_fen", sa.BigInteger(), nullable=False),
        sa.Column("opening_approved_by", sa.String(length=16), nullable=True),
        sa.Column("previous_shift_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closing", sa.Text(), nullable=True),
        sa.Column("closing_fen", sa.BigInteger(), nullable=True),
        sa.Column("expected_fen", sa.BigInteger(), nullable=True),
        sa.Column("variance_fen", sa.BigInteger(), nullable=True),
        sa.Column("variance_reason", sa.String(length=200), nullable=True),
        sa.Column("signed_off_by", sa.String(length=16), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'handed_over', 'closed')", name=op.f("ck_shifts_status")
        ),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_shifts_branch_code_branches")
        ),
        sa.ForeignKeyConstraint(
            ["previous_shift_id"], ["shifts.id"], name=op.f("fk_shifts_previous_shift_id_shifts")
        ),
        sa.ForeignKeyConstraint(
            ["teller_id"], ["staff.staff_id"], name=op.f("fk_shifts_teller_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shifts")),
    )
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_shifts_day_counter", ["branch_code", "business_date", "counter"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_shifts_teller_id"), ["teller_id"], unique=False)

    op.create_table(
        "handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_shift_id", sa.Integer(), nullable=False),
        sa.Column("to_shift_id", sa.Integer(), nullable=False),
        sa.Column("outgoing_count", sa.Text(), nullable=False),
        sa.Column("incoming_count", sa.Text(), nullable=False),
        sa.Column("expected_fen", sa.BigInteger(), nullable=False),
        sa.Column("difference_fen", sa.BigInteger(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.String(length=16), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_shift_id"], ["shifts.id"], name=op.f("fk_handovers_from_shift_id_shifts")
        ),
        sa.ForeignKeyConstraint(
            ["to_shift_id"], ["shifts.id"], name=op.f("fk_handovers_to_shift_id_shifts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    op.create_table(
        "vault_transfers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("count", sa.Text(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("officer_id", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "direction IN ('from_vault', 'to_vault')", name=op.f("ck_vault_transfers_direction")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["staff.staff_id"], name=op.f("fk_vault_transfers_officer_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shifts.id"], name=op.f("fk_vault_transfers_shift_id_shifts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vault_transfers")),
    )
    with op.batch_alter_table("vault_transfers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vault_transfers_shift_id"), ["shift_id"], unique=False)

    with op.batch_alter_table("cash_movements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shift_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_cash_movements_shift_id"), ["shift_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_cash_movements_shift_id_shifts"), "shifts", ["shift_id"], ["id"]
        )

    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shift_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("tendered_fen", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("change_fen", sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f("ix_postings_shift_id"), ["shift_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_postings_shift_id_shifts"), "shifts", ["shift_id"], ["id"]
        )

    with op.batch_alter_table("overrides", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_overrides_posting_id"), ["posting_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("overrides", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_overrides_posting_id"))

    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_postings_shift_id_shifts"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_postings_shift_id"))
        batch_op.drop_column("change_fen")
        batch_op.drop_column("tendered_fen")
        batch_op.drop_column("shift_id")

    with op.batch_alter_table("cash_movements", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_cash_movements_shift_id_shifts"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_cash_movements_shift_id"))
        batch_op.drop_column("shift_id")

    with op.batch_alter_table("vault_transfers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vault_transfers_shift_id"))

    op.drop_table("vault_transfers")
    op.drop_table("handovers")
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shifts_teller_id"))
        batch_op.drop_index("ix_shifts_day_counter")

    op.drop_table("shifts")
    with op.batch_alter_table("document_prints", schema=None) as batch_op:
        batch_op.drop_index("ix_document_prints_kind_ref")

    op.drop_table("document_prints")
