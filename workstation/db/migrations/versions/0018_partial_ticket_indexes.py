"""partial ticket indexes

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01

Two of the tickets' indexes only ever answer for rows where their first column is
set: ``ix_tickets_for_counter`` for a ticket transferred to one counter (the calling
rule's first head, ``for_counter = ?``) and ``ix_tickets_window`` for a ticket called
to a window (``counter = ?``: the ticket at a window, a posting's link). Kept whole,
every ticket issued wrote an entry into both and every call moved them: pages in each
fsync'd commit of the two steps run at every window all day (benchmarks/ticket_queue.py:
13 WAL pages an issue or a call, 11 now). Partial (``WHERE … IS NOT NULL``), an
issued ticket writes neither and every query that used them still does (SQLite and
PostgreSQL both know that ``x = ?`` implies ``x IS NOT NULL``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"

INDEXES = {
    "ix_tickets_for_counter": (
        ["for_counter", "branch_code", "business_date", "status", "queued_at", "id"],
        "for_counter IS NOT NULL",
    ),
    "ix_tickets_window": (["branch_code", "counter", "status"], "counter IS NOT NULL"),
}


def upgrade() -> None:
    for name, (columns, where) in INDEXES.items():
        op.drop_index(name, table_name="tickets")
        op.create_index(
            name,
            "tickets",
            columns,
            sqlite_where=sa.text(where),
            postgresql_where=sa.text(where),
        )


def downgrade() -> None:
    for name, (columns, _where) in INDEXES.items():
        op.drop_index(name, table_name="tickets")
        op.create_index(name, "tickets", columns)
