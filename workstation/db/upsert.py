"""Insert a row unless its key exists already: race-free on SQLite and PostgreSQL.

Two workstations may both find a day's first row missing; with a plain
INSERT one of them fails. ``ON CONFLICT DO NOTHING`` lets both go on to lock
and use the row.
"""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_missing(s: Session, model: type, **values: object) -> None:
    dialect = s.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    s.execute(insert(model).values(**values).on_conflict_do_nothing())
