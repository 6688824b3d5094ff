"""schema upgrades

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27

Which program version ran each ``workstation db upgrade`` that moved the schema, and
when: a counter whose program is older than the schema names the version to install.
"""

import sqlalchemy as sa
from alembic import op

from workstation.db.migrations import columns as cols

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    cols.keyed_table(
        "schema_upgrades",
        sa.Column("revision", sa.String(length=32), nullable=False),
        sa.Column("program_version", sa.String(length=32), nullable=False),
        cols.stamp("upgraded_at"),
    )


def downgrade() -> None:
    op.drop_table("schema_upgrades")
