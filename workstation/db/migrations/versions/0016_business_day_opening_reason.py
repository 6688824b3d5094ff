"""business day opening reason

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01

Why a level-2 supervisor opened a business date ahead of the calendar (after
the branch close, for an urgent case or a Saturday duty day); null for a date
the calendar opened by itself.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("business_days", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opening_reason", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("business_days", schema=None) as batch_op:
        batch_op.drop_column("opening_reason")
