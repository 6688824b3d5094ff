"""A field of a JSON text column, read in SQL on SQLite and PostgreSQL alike.

The journal keeps each entry's payload as JSON text (it is what the HMAC
covers). These expressions read one top-level field of it inside a query, so
the database itself can match entries to records without Python loading
either side.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, SQLColumnExpression, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import literal
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class _JsonField(FunctionElement[Any]):
    inherit_cache = True

    def __init__(self, column: SQLColumnExpression[Any], key: str) -> None:
        super().__init__(column, literal(key))


class json_text(_JsonField):
    """The field as text (a number as its digits); NULL when absent or JSON null."""

    type = String()
    name = "json_text"
    inherit_cache = True


class json_int(_JsonField):
    """The field as an integer; NULL when absent or JSON null."""

    type = BigInteger()
    name = "json_int"
    inherit_cache = True


class json_has(_JsonField):
    """Whether the payload has the field at all (JSON null counts: absent is the older form)."""

    type = Boolean()
    name = "json_has"
    inherit_cache = True


def _parts(element: _JsonField, compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    column, key = list(element.clauses)
    return compiler.process(column, **kw), compiler.process(key, **kw)


@compiles(json_text, "sqlite")
@compiles(json_int, "sqlite")
def _sqlite_field(element: _JsonField, compiler: SQLCompiler, **kw: Any) -> str:
    column, key = _parts(element, compiler, **kw)
    return f"json_extract({column}, '$.' || {key})"


@compiles(json_has, "sqlite")
def _sqlite_has(element: _JsonField, compiler: SQLCompiler, **kw: Any) -> str:
    column, key = _parts(element, compiler, **kw)
    return f"(json_type({column}, '$.' || {key}) IS NOT NULL)"


@compiles(json_text, "postgresql")
def _pg_text(element: _JsonField, compiler: SQLCompiler, **kw: Any) -> str:
    column, key = _parts(element, compiler, **kw)
    return f"(CAST({column} AS JSONB) ->> {key})"


@compiles(json_int, "postgresql")
def _pg_int(element: _JsonField, compiler: SQLCompiler, **kw: Any) -> str:
    column, key = _parts(element, compiler, **kw)
    return f"CAST(CAST({column} AS JSONB) ->> {key} AS BIGINT)"


@compiles(json_has, "postgresql")
def _pg_has(element: _JsonField, compiler: SQLCompiler, **kw: Any) -> str:
    column, key = _parts(element, compiler, **kw)
    return f"(CAST({column} AS JSONB) -> {key} IS NOT NULL)"
