"""A Prepared statement gives what Connection.execute of the same statement gives."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from sqlalchemy import Connection, String, bindparam, cast, event, func, select
from sqlalchemy.exc import IntegrityError

from tests.queue_support import at_window, issue_all, lobby, open_today
from workstation.db import queue_sql
from workstation.db.failures import StorageError
from workstation.db.prepared import Prepared
from workstation.db.queue import Ticket, TicketEvent, heads_query
from workstation.db.queue_sql import TicketRow
from workstation.domain.clock import local_date
from workstation.domain.queue import Priority
from workstation.services.queue_views import ticket_view


def _waiting(station):
    open_today(station)
    who = at_window(station)
    issue_all(station, lobby(station), ("payment", Priority.NONE), ("payment", Priority.ELDERLY))
    return who


def test_queries_read_as_core_does(station) -> None:
    who = _waiting(station)
    day = local_date(station.clock)
    heads = heads_query("01", ("payment", "claims"))
    window = {"branch": "SH01", "counter": "01", "staff": who.staff.staff_id, "day": day}
    with station.db.write() as s:
        conn = s.connection()
        for statement, params in (
            (heads, {"branch": "SH01", "day": day}),
            (queue_sql._WINDOW_STATE.statement, window),  # constant IN list, a boolean read
            (queue_sql._DAY_STATE.statement, {"branch": "SH01", "day": day}),
        ):
            expected = [tuple(row) for row in conn.execute(statement, params)]
            found = Prepared(statement).rows(conn, params)
            assert found == expected and found
            assert [type(v) for v in found[0]] == [type(v) for v in expected[0]]


def test_written_values_read_back_as_core_writes_them(station) -> None:
    _waiting(station)
    now = station.clock.now()
    row = {"branch_code": "SH01", "ticket_id": None, "kind": "call", "at": now}
    row |= {"counter": "01", "staff": "T001", "detail": "{}"}
    insert = queue_sql._INSERT_EVENT
    with station.db.write() as s:
        conn = s.connection()
        by_core = conn.execute(insert.statement, row).scalar_one()
        by_prepared = insert.scalar(conn, row)
        assert insert.names(conn) == ["id"] and by_prepared == by_core + 1
        stored = conn.execute(
            select(TicketEvent.at, cast(TicketEvent.at, String), TicketEvent.kind).where(
                TicketEvent.id.in_([by_core, by_prepared])
            )
        ).all()
    assert stored[0] == stored[1] and stored[0].at == now  # as stored, and as read back


def test_many_runs_each_parameter_set(station) -> None:
    _waiting(station)
    rows = [
        {"branch_code": "SH01", "ticket_id": None, "kind": kind, "at": station.clock.now()}
        | {"counter": "01", "staff": "T001", "detail": "{}"}
        for kind in ("window_pause", "window_resume")
    ]
    plain = Prepared(TicketEvent.__table__.insert(), list(rows[0]))
    with station.db.write() as s:
        before = s.scalar(select(TicketEvent.id).order_by(TicketEvent.id.desc()).limit(1))
        plain.many(s.connection(), rows)
        plain.many(s.connection(), [])  # nothing to write: no statement
        kinds = s.scalars(select(TicketEvent.kind).where(TicketEvent.id > before)).all()
    assert kinds == ["window_pause", "window_resume"]


def test_a_ticket_row_holds_the_tables_columns_in_order() -> None:
    """take() builds a TicketRow from RETURNING every column, by position."""
    assert TicketRow._fields == tuple(Ticket.__table__.c.keys())


def test_a_call_returns_the_ticket_as_stored(station) -> None:
    who = _waiting(station)
    called = station.queue.call_next(who, "01")
    with station.db.read() as s:
        stored = s.get(Ticket, called.id)
        assert stored is not None
        assert ticket_view(stored, station.queue.pack, station.clock.now()) == called


def test_an_in_list_given_at_each_call_is_refused(station) -> None:
    statement = select(Ticket.id).where(Ticket.label.in_(bindparam("labels", expanding=True)))
    with station.db.read() as s, pytest.raises(ValueError):
        Prepared(statement).rows(s.connection(), {"labels": ["A001"]})


def _event_row(station, **changed) -> dict:
    row = {"branch_code": "SH01", "ticket_id": None, "kind": "call", "at": station.clock.now()}
    return row | {"counter": "01", "staff": "T001", "detail": "{}"} | changed


def test_on_sqlite_it_runs_on_the_driver_unless_someone_listens(station) -> None:
    """SQLAlchemy's execution step is skipped on SQLite, but a listener still sees each statement
    (and PostgreSQL always takes SQLAlchemy's path)."""
    _waiting(station)
    insert, seen = queue_sql._INSERT_EVENT, []

    def listen(conn, cursor, statement, *args) -> None:
        seen.append(statement)

    sqlite = station.db.dialect == "sqlite"
    with station.db.write() as s:
        conn = s.connection()
        refused = AssertionError("SQLAlchemy's execution step") if sqlite else None
        with patch.object(Connection, "exec_driver_sql", side_effect=refused, autospec=True):
            first = insert.scalar(conn, _event_row(station))
        event.listen(station.db.engine, "before_cursor_execute", listen)
        try:
            second = insert.scalar(s.connection(), _event_row(station, kind="recall"))
        finally:
            event.remove(station.db.engine, "before_cursor_execute", listen)
        kinds = s.scalars(select(TicketEvent.kind).where(TicketEvent.id.in_([first, second])))
        assert sorted(kinds) == ["call", "recall"] and second == first + 1
    assert [statement.split(" (")[0] for statement in seen] == ["INSERT INTO ticket_events"]


def test_a_driver_error_is_raised_as_sqlalchemy_raises_it(station) -> None:
    """A broken constraint is SQLAlchemy's IntegrityError, without the customer's values; a full
    database (SQLite's own SQLITE_FULL, from ``max_page_count``) is a StorageError."""
    _waiting(station)
    insert = queue_sql._INSERT_EVENT
    with pytest.raises(IntegrityError) as broken, station.db.write() as s:
        insert.scalar(s.connection(), _event_row(station, branch_code=None, staff="T001-secret"))
    assert "T001-secret" not in str(broken.value) and "NOT NULL" in str(broken.value).upper()
    if station.db.dialect != "sqlite":
        return
    with pytest.raises(StorageError) as full, station.db.write() as s:
        conn = s.connection()
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
        for _ in range(200):
            insert.scalar(conn, _event_row(station, detail="x" * 4000))
    assert full.value.msg.key == "storage.disk_full"
    with station.db.write() as s:  # the pooled connection's limit, as SQLite's default
        s.connection().exec_driver_sql("PRAGMA max_page_count = 1073741823")
    with station.db.read() as s:
        assert s.scalar(select(func.count()).where(TicketEvent.detail.like("xxxx%"))) == 0
