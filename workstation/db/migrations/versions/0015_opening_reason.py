"""opening reason

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01

Why a shift opened with a count unlike the box's last close, stored beside the
opening difference and the supervisor who confirmed it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"


def upgrade() -> None:
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opening_reason", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.drop_column("opening_reason")
