"""journal seq is the rowid on SQLite

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02

SQLite stores a table by its rowid; only a primary key declared exactly ``INTEGER``
is that rowid. ``journal_entries.seq`` was ``BIGINT``, so SQLite kept a hidden rowid
and a second B-tree, ``sqlite_autoindex_journal_entries_1``, to make ``seq`` unique:
every journal entry wrote a page in each, in the fsync'd commit of every unit of
work that journals (issuing a ticket wrote 12.0 WAL pages on average, calling one 13.5,
one of them in this index; 11.4 and 12.4 without it). Rebuilt with ``seq INTEGER``
(the same 64-bit range on SQLite), the entries are stored by ``seq`` and the index is
gone. The rows are copied as they are: the chain's hashes do not depend on how they
are stored. PostgreSQL keeps ``BIGINT``.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"


def _seq(type_: sa.types.TypeEngine[int], was: sa.types.TypeEngine[int]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("journal_entries", recreate="always") as batch_op:
        batch_op.alter_column("seq", type_=type_, existing_type=was, existing_nullable=False)


def upgrade() -> None:
    _seq(sa.Integer(), sa.BigInteger())


def downgrade() -> None:
    _seq(sa.BigInteger(), sa.Integer())
