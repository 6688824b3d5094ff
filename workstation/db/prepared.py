"""A hot statement compiled once per dialect and run as driver SQL.

``Connection.execute`` of a prebuilt Core statement still finds it in the compiled
cache, builds its parameters from every bound value it holds and sets up a typed
result, each time: about 50 µs a statement on a workstation, as much as SQLite
takes to run most of them. Issuing a ticket, calling next and chaining the journal
run eight or nine statements a commit all day. A :class:`Prepared` keeps, per
dialect, the SQL text, the order of its parameters with the values the statement
fixed (``status = 'waiting'``, an ``IN`` list of constants) and the types' own
bind and result processors, and runs it with ``Connection.exec_driver_sql``: the
same SQL, values converted the same way, through the same connection, events and
error handling (a full disk still raises a ``StorageError``).

Only for statements whose ``IN`` lists are constants; parameters are passed by name.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.expression import Executable

Row = tuple[Any, ...]


class _Plan:
    def __init__(self, statement: Any, keys: Sequence[str] | None, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect, column_keys=keys)
        required = [name for name, bind in compiled.binds.items() if bind.required]
        if any(compiled.binds[name].expanding for name in required):
            raise ValueError("an IN list bound at each call cannot be prepared once")
        state = compiled.construct_expanded_state({name: None for name in required})
        base = {new: old for old, news in state.parameter_expansion.items() for new in news}

        def bind_processor(name: str) -> Any:
            bind = compiled.binds[base.get(name, name)]
            return bind.type.dialect_impl(dialect).bind_processor(dialect)

        self.sql: str = state.statement
        self.positional = bool(compiled.positional)
        names = state.positiontup if self.positional else list(state.parameters)
        self.order = [(name, bind_processor(name)) for name in names or ()]
        self.defaults = {k: v for k, v in state.parameters.items() if k not in required}
        writes = compiled.isinsert or compiled.isupdate or compiled.isdelete
        columns = list(statement.exported_columns) if compiled.returning or not writes else []
        self.columns = [c.key for c in columns]
        self.results = [
            c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns
        ]
        self.plain = not any(self.results)

    def bind(self, given: Mapping[str, Any]) -> Any:
        values = {**self.defaults, **given}
        if self.positional:
            return tuple([values[n] if p is None else p(values[n]) for n, p in self.order])
        return {n: values[n] if p is None else p(values[n]) for n, p in self.order}


class Prepared:
    """``statement`` (built once, with bind parameters), run on a unit of work's connection.

    ``keys``: for an ``INSERT`` without ``values()``, the columns each call gives.
    """

    def __init__(self, statement: Executable, keys: Sequence[str] | None = None) -> None:
        self.statement = statement
        self.keys = list(keys) if keys is not None else None
        self._plans: weakref.WeakKeyDictionary[Dialect, _Plan] = weakref.WeakKeyDictionary()
        self._last: tuple[Dialect, _Plan] | None = None

    def _plan(self, dialect: Dialect) -> _Plan:
        last = self._last  # one tuple, read and replaced whole: threads may share this
        if last is not None and last[0] is dialect:  # a process has one engine, mostly
            return last[1]
        plan = self._plans.get(dialect)
        if plan is None:
            plan = self._plans[dialect] = _Plan(self.statement, self.keys, dialect)
        self._last = (dialect, plan)
        return plan

    def rows(self, conn: Connection, params: Mapping[str, Any]) -> list[Row]:
        """Run once; the rows it returns (RETURNING or a query), values as their types give them."""
        plan = self._plan(conn.dialect)
        result = conn.exec_driver_sql(plan.sql, plan.bind(params))
        if not plan.columns:
            result.close()
            return []
        found = result.fetchall()
        if plan.plain:
            return [tuple(row) for row in found]
        results = plan.results
        return [
            tuple([v if p is None else p(v) for v, p in zip(row, results, strict=True)])
            for row in found
        ]

    def first(self, conn: Connection, params: Mapping[str, Any]) -> Row | None:
        found = self.rows(conn, params)
        return found[0] if found else None

    def scalar(self, conn: Connection, params: Mapping[str, Any]) -> Any:
        found = self.first(conn, params)
        return None if found is None else found[0]

    def many(self, conn: Connection, params: Sequence[Mapping[str, Any]]) -> None:
        """Run once per parameter set (no rows back): the driver's ``executemany``."""
        if params:
            plan = self._plan(conn.dialect)
            conn.exec_driver_sql(plan.sql, [plan.bind(one) for one in params]).close()

    def names(self, conn: Connection) -> list[str]:
        """The keys of the columns a row holds, in order."""
        return self._plan(conn.dialect).columns
