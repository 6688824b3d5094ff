"""postings: the day's postings by insured

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01

The risk check sums the day's cash premium per insured at every posting; without
an index it read the branch's whole day, so a posting late on a busy day cost more
than the first.
"""

from alembic import op

revision = "0017"
down_revision = "0016"


def upgrade() -> None:
    op.create_index(
        "ix_postings_day_insured",
        "postings",
        ["branch_code", "business_date", "insured_id_number"],
    )


def downgrade() -> None:
    op.drop_index("ix_postings_day_insured", table_name="postings")
