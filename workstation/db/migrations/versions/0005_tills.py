"""tills

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27

Shifts with counted cash, vault transfers, handovers and document prints; postings and
cash movements name their shift.
"""

import sqlalchemy as sa
from alembic import op

from workstation.db.migrations import columns as cols

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    cols.keyed_table(
        "document_prints",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("print_no", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        cols.staff("staff_id"),
        cols.stamp("printed_at"),
        sa.Column("path", sa.String(length=500), nullable=True),
        cols.staff_fk("document_prints", "staff_id"),
    )
    with op.batch_alter_table("document_prints", schema=None) as batch_op:
        batch_op.create_index("ix_document_prints_kind_ref", ["kind", "ref"], unique=False)

    _shifts()
    _handovers_and_vault()
    _link_to_shifts()


def _shifts() -> None:
    cols.keyed_table(
        "shifts",
        cols.branch_code(),
        cols.counter(),
        cols.business_date(),
        cols.staff("teller_id"),
        cols.stamp("opened_at"),
        sa.Column("opening", sa.Text(), nullable=False),
        sa.Column("opening_fen", sa.BigInteger(), nullable=False),
        sa.Column("opening_difference_fen", sa.BigInteger(), nullable=False),
        cols.staff("opening_approved_by", nullable=True),
        sa.Column("previous_shift_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        cols.stamp("ended_at", nullable=True),
        sa.Column("closing", sa.Text(), nullable=True),
        sa.Column("closing_fen", sa.BigInteger(), nullable=True),
        sa.Column("expected_fen", sa.BigInteger(), nullable=True),
        sa.Column("variance_fen", sa.BigInteger(), nullable=True),
        sa.Column("variance_reason", sa.String(length=200), nullable=True),
        cols.staff("signed_off_by", nullable=True),
        cols.one_of("shifts", "status", "'open', 'handed_over', 'closed'"),
        cols.branch_fk("shifts"),
        cols.foreign_key("shifts", "previous_shift_id", "shifts"),
        cols.staff_fk("shifts", "teller_id"),
    )
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_shifts_day_counter", ["branch_code", "business_date", "counter"], unique=False
        )
        cols.batch_index(batch_op, "shifts", "teller_id")


def _handovers_and_vault() -> None:
    cols.keyed_table(
        "handovers",
        sa.Column("from_shift_id", sa.Integer(), nullable=False),
        sa.Column("to_shift_id", sa.Integer(), nullable=False),
        sa.Column("outgoing_count", sa.Text(), nullable=False),
        sa.Column("incoming_count", sa.Text(), nullable=False),
        sa.Column("expected_fen", sa.BigInteger(), nullable=False),
        sa.Column("difference_fen", sa.BigInteger(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        cols.staff("approved_by", nullable=True),
        cols.stamp("at"),
        cols.foreign_key("handovers", "from_shift_id", "shifts"),
        cols.foreign_key("handovers", "to_shift_id", "shifts"),
    )
    cols.keyed_table(
        "vault_transfers",
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("count", sa.Text(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        cols.staff("officer_id"),
        cols.stamp("at"),
        cols.one_of("vault_transfers", "direction", "'from_vault', 'to_vault'"),
        cols.staff_fk("vault_transfers", "officer_id"),
        cols.foreign_key("vault_transfers", "shift_id", "shifts"),
    )
    cols.indexes("vault_transfers", "shift_id")


def _link_to_shifts() -> None:
    with op.batch_alter_table("cash_movements", schema=None) as batch_op:
        cols.add_reference(batch_op, "cash_movements", "shift_id", "shifts")

    with op.batch_alter_table("postings", schema=None) as batch_op:
        cols.add_reference(batch_op, "postings", "shift_id", "shifts")
        batch_op.add_column(sa.Column("tendered_fen", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("change_fen", sa.BigInteger(), nullable=True))

    cols.indexes("overrides", "posting_id")


def downgrade() -> None:
    with op.batch_alter_table("overrides", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_overrides_posting_id"))

    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_column("change_fen")
        batch_op.drop_column("tendered_fen")
        cols.drop_reference(batch_op, "postings", "shift_id", "shifts")

    with op.batch_alter_table("cash_movements", schema=None) as batch_op:
        cols.drop_reference(batch_op, "cash_movements", "shift_id", "shifts")

    cols.drop_tables("vault_transfers", "handovers", "shifts", "document_prints")
