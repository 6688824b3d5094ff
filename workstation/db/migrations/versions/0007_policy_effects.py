"""policy effects

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27

Each posting records, as JSON, what it did to its policy (a loan's amount, the
status a surrender ends in, the period a premium paid …), so look-ups and risk
checks read the directory plus the day's unreversed effects without parsing text.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("effect", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_column("effect")
