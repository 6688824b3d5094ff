"""flexible window

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01

The flexible window (弹性窗口) opened by a supervisor for one zone: the zone, who,
when and why, on the window's row the queue already reads (no extra statement
when a ticket is called).
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"

COLUMNS = ("flexible_zone", "flexible_by", "flexible_at", "flexible_reason")


def upgrade() -> None:
    with op.batch_alter_table("queue_windows", schema=None) as batch_op:
        batch_op.add_column(sa.Column("flexible_zone", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("flexible_by", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("flexible_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("flexible_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("queue_windows", schema=None) as batch_op:
        for column in reversed(COLUMNS):
            batch_op.drop_column(column)
