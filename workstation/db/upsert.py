"""Insert a row unless its key exists already: race-free on SQLite and PostgreSQL.

Two workstations may both find a day's first row missing; with a plain
INSERT one of them fails. ``ON CONFLICT DO NOTHING`` lets both go on to lock
and use the row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, bindparam, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable

from workstation.db.prepared import Prepared
from workstation.db.unit import Unit


def _missing(dialect: str, model: type, values: dict[str, object]) -> Executable:
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(model).values(**values).on_conflict_do_nothing()


def insert_missing(s: Session, model: type, **values: object) -> None:
    s.execute(_missing(s.get_bind().dialect.name, model, values))


class Tally:
    """A count kept per key in its own row (ticket numbers, posting serials): one prebuilt
    ``UPDATE … RETURNING`` on the unit of work's Core connection bumps and reads it and
    locks the row until the transaction ends; the key's first use inserts the row first
    (with its column default, 0), race-free as above. A rolled-back transaction gives its
    number back, so the count stays gapless."""

    def __init__(self, model: type, counted: str, keys: Sequence[str]) -> None:
        table: Table = model.__table__  # type: ignore[attr-defined]
        self.model, self.keys = model, tuple(keys)
        # the parameters are named apart from the columns (an UPDATE may not share names)
        self._bump = Prepared(
            update(table)
            .where(*(table.c[key] == bindparam(f"key_{key}") for key in self.keys))
            .values({counted: table.c[counted] + 1})
            .returning(table.c[counted])
        )

    def next(self, s: Unit, **key: Any) -> int:
        params = {f"key_{name}": key[name] for name in self.keys}
        conn = s.connection()
        value = self._bump.scalar(conn, params)
        if value is None:
            conn.execute(_missing(conn.dialect.name, self.model, key))
            value = self._bump.scalar(conn, params)  # inserted now, or by whoever beat us to it
        assert value is not None
        return int(value)
