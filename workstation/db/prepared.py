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

On SQLite it goes one step further: SQLAlchemy's execution step itself (the
execution context, its events, the result object) costs about 45 µs a statement
where the driver's own ``execute`` takes 4, so the statement runs straight on
the unit of work's driver connection, inside the same transaction. Only while
nobody listens for the statements (``before_cursor_execute``,
``after_cursor_execute``, ``do_execute``: a test counting them, a fault injected)
does it take SQLAlchemy's path instead, so what they see stays the same. A driver error is
raised as SQLAlchemy would raise it: a storage failure as a ``StorageError``
(:func:`workstation.db.failures.explained`), anything else wrapped as SQLAlchemy's
own ``DBAPIError`` subclass (``IntegrityError`` …), with its parameters hidden.
PostgreSQL keeps ``exec_driver_sql`` throughout.

Only for statements whose ``IN`` lists are constants; parameters are passed by name.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.expression import Executable

from workstation.db.failures import explained

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
        values = {**self.defaults, **given} if self.defaults else given
        if self.positional:
            return tuple([values[n] if p is None else p(values[n]) for n, p in self.order])
        return {n: values[n] if p is None else p(values[n]) for n, p in self.order}


def _driver(conn: Connection) -> sqlite3.Connection | None:
    """The SQLite driver connection to run on directly; None for SQLAlchemy's own path."""
    if conn.dialect.name != "sqlite":
        return None
    on_conn, on_dialect = conn.dispatch, conn.dialect.dispatch
    if (
        on_conn.before_cursor_execute
        or on_conn.after_cursor_execute
        or on_dialect.do_execute
        or on_dialect.do_executemany
    ):
        return None  # somebody watches the statements: they go through SQLAlchemy
    driver: sqlite3.Connection | None = conn.connection.driver_connection
    return driver


def _failed(conn: Connection, sql: str, error: sqlite3.Error) -> Exception:
    """What SQLAlchemy's path raises for ``error``: a ``StorageError`` or its ``DBAPIError``."""
    storage = explained(error, conn.engine.url)
    if storage is not None:
        return storage
    return DBAPIError.instance(
        sql, None, error, sqlite3.Error, hide_parameters=True, dialect=conn.dialect
    )


def execute(conn: Connection, sql: str, params: Any, *, many: bool = False) -> Any:
    """Run ``sql`` on ``conn``'s transaction: a cursor (fetchall, close) either way."""
    driver = _driver(conn)
    if driver is None:
        return conn.exec_driver_sql(sql, params)
    try:
        return driver.executemany(sql, params) if many else driver.execute(sql, params)
    except sqlite3.Error as error:
        raise _failed(conn, sql, error) from error


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
        result = execute(conn, plan.sql, plan.bind(params))
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
        if len(params) == 1:  # one row, as a journal entry mostly is: no executemany setup
            self.rows(conn, params[0])
        elif params:
            plan = self._plan(conn.dialect)
            execute(conn, plan.sql, [plan.bind(one) for one in params], many=True).close()

    def names(self, conn: Connection) -> list[str]:
        """The keys of the columns a row holds, in order."""
        return self._plan(conn.dialect).columns
