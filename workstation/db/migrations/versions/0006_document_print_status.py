"""document print status

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27

A till document's print records whether its PDF was saved: a print that
failed (output folder missing or read-only, disk full) is kept as failed,
and the next print of it is a retry, not a reprint. Earlier rows were saved.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    with op.batch_alter_table("document_prints", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=10), server_default="saved", nullable=False)
        )
        batch_op.add_column(sa.Column("error", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("document_prints", schema=None) as batch_op:
        batch_op.drop_column("error")
        batch_op.drop_column("status")
