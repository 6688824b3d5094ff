"""The declarative base every model shares, with a naming convention for constraints."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Session

from workstation.db.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}


M = TypeVar("M", bound=Base)


def row(s: Session, model: type[M], key: object, **options: Any) -> M:
    """The row of ``model`` with primary key ``key``, which the caller knows exists
    (an id it wrote or was handed by this program); ``LookupError`` if it does not.
    ``options`` go to ``Session.get`` (``with_for_update`` …)."""
    found = s.get(model, key, **options)
    if found is None:
        raise LookupError(f"no {model.__tablename__} row {key!r}")
    return found


def one_of(column: str, values: Iterable[str]) -> str:
    """A CHECK that ``column`` holds one of ``values`` (an enum's members or plain strings)."""
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"
