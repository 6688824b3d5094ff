"""A field of a JSON text column, read in SQL on SQLite and PostgreSQL alike.

The journal keeps each entry's payload as JSON text (it is what the HMAC
covers). These expressions read one top-level field of it inside a query, so
the database itself can match entries to records without Python loading
either side.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import BigInteger, Boolean, SQLColumnExpression, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import literal
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class _JsonField(FunctionElement[Any]):
    inherit_cache = True
    sql: ClassVar[dict[str, str]]
    """Per dialect, the SQL that reads the field from ``{column}`` at ``{key}``."""

    def __init__(self, column: SQLColumnExpression[Any], key: str) -> None:
        super().__init__(column, literal(key))


class json_text(_JsonField):
    """The field as text (a number as its digits); NULL when absent or JSON null."""

    type = String()
    name = "json_text"
    inherit_cache = True
    sql = {
        "sqlite": "json_extract({column}, '$.' || {key})",
        "postgresql": "(CAST({column} AS JSONB) ->> {key})",
    }


class json_int(_JsonField):
    """The field as an integer; NULL when absent or JSON null."""

    type = BigInteger()
    name = "json_int"
    inherit_cache = True
    sql = {
        "sqlite": "json_extract({column}, '$.' || {key})",
        "postgresql": "CAST(CAST({column} AS JSONB) ->> {key} AS BIGINT)",
    }


class json_has(_JsonField):
    """Whether the payload has the field at all (JSON null counts: absent is the older form)."""

    type = Boolean()
    name = "json_has"
    inherit_cache = True
    sql = {
        "sqlite": "(json_type({column}, '$.' || {key}) IS NOT NULL)",
        "postgresql": "(CAST({column} AS JSONB) -> {key} IS NOT NULL)",
    }


def _compile(element: _JsonField, compiler: SQLCompiler, **kw: Any) -> str:
    column, key = list(element.clauses)
    return element.sql[compiler.dialect.name].format(
        column=compiler.process(column, **kw), key=compiler.process(key, **kw)
    )


for _field in (json_text, json_int, json_has):
    for _dialect in _field.sql:
        compiles(_field, _dialect)(_compile)
