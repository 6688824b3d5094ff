"""The column groups and constraints the migration revisions share. FROZEN.

Never change what a function here returns: old revisions depend on it. A
database in the field was built by the revisions as they ran then; if a
function changed, a fresh ``workstation db upgrade`` would build another
schema than theirs, and Alembic would not notice. To change a shape, add a new
function (and call it from a new revision); leave the old one as it is.

Names follow the house's naming convention (``pk_<table>``,
``fk_<table>_<column>_<target>``, ``ck_<table>_<name>``, ``ix_<table>_<column>``),
so a revision names a constraint by its table and column, never spells it out.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from alembic.operations import BatchOperations

Column = sa.Column[Any]


def surrogate_id() -> Column:
    """The integer ``id`` of a table keyed by a number (with :func:`primary_key`)."""
    return sa.Column("id", sa.Integer(), nullable=False)


def primary_key(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    """``pk_<table>`` over ``columns`` (``id`` when none are named)."""
    return sa.PrimaryKeyConstraint(*(columns or ("id",)), name=op.f(f"pk_{table}"))


def keyed_table(table: str, *items: Column | sa.Constraint) -> None:
    """Create ``table`` keyed by its integer ``id``: that column first, then ``items``."""
    op.create_table(table, surrogate_id(), *items, primary_key(table))


def branch_code() -> Column:
    """The branch a row belongs to (with :func:`branch_fk`)."""
    return sa.Column("branch_code", sa.String(length=8), nullable=False)


def business_date() -> Column:
    """The branch's business date a row belongs to."""
    return sa.Column("business_date", sa.Date(), nullable=False)


def counter(name: str = "counter", *, nullable: bool = False) -> Column:
    """A counter's two-character number."""
    return sa.Column(name, sa.String(length=2), nullable=nullable)


def staff(name: str, *, nullable: bool = False) -> Column:
    """A staff id (who did something), not necessarily a foreign key."""
    return sa.Column(name, sa.String(length=16), nullable=nullable)


def stamp(name: str, *, nullable: bool = False) -> Column:
    """A moment, stored with its zone (UTC)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def idempotency() -> tuple[Column, Column]:
    """The key a request is retried under and the digest of what it asked."""
    return (
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("content_digest", sa.String(length=64), nullable=False),
    )


def foreign_key(table: str, column: str, target: str, key: str = "id") -> sa.ForeignKeyConstraint:
    """``table.column`` refers to ``target.key``, named ``fk_<table>_<column>_<target>``."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.{key}"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def branch_fk(table: str) -> sa.ForeignKeyConstraint:
    """``table.branch_code`` refers to ``branches.code``."""
    return foreign_key(table, "branch_code", "branches", "code")


def staff_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    """``table.column`` refers to ``staff.staff_id``."""
    return foreign_key(table, column, "staff", "staff_id")


def one_of(table: str, column: str, values: str, *, name: str = "") -> sa.CheckConstraint:
    """``column IN (values)``, named ``ck_<table>_<name or column>``."""
    return sa.CheckConstraint(f"{column} IN ({values})", name=op.f(f"ck_{table}_{name or column}"))


def batch_index(batch_op: BatchOperations, table: str, column: str) -> None:
    """The plain index ``ix_<table>_<column>`` on one column, made in a batch."""
    batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def indexes(table: str, *columns: str) -> None:
    """The plain indexes ``ix_<table>_<column>``, one a column, made in one batch."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_index(batch_op, table, column)


def drop_tables(*tables: str) -> None:
    """Drop ``tables`` in the order named: those that refer to the others first."""
    for table in tables:
        op.drop_table(table)


def add_reference(batch_op: BatchOperations, table: str, column: str, target: str) -> None:
    """Add to ``table`` the nullable, indexed ``column`` referring to ``target.id``."""
    batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
    batch_index(batch_op, table, column)
    batch_op.create_foreign_key(
        batch_op.f(f"fk_{table}_{column}_{target}"), target, [column], ["id"]
    )


def drop_reference(batch_op: BatchOperations, table: str, column: str, target: str) -> None:
    """Undo :func:`add_reference`: its foreign key, its index, the column."""
    batch_op.drop_constraint(batch_op.f(f"fk_{table}_{column}_{target}"), type_="foreignkey")
    batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
    batch_op.drop_column(column)
