"""The Core unit of work: what issuing and calling next write in, without the ORM session."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from tests.queue_support import at_window, issue_all, lobby, open_today
from workstation.db.queue import TicketEvent
from workstation.db.queue_sql import insert_event
from workstation.domain.queue import Priority
from workstation.services.journal import Where

pytestmark = pytest.mark.db


def _row(station, kind: str = "call") -> dict:
    row = {"branch_code": "SH01", "ticket_id": None, "kind": kind, "at": station.clock.now()}
    return row | {"counter": "01", "staff": "T001", "detail": "{}"}


def _journal(station) -> list[tuple[int, str]]:
    with station.db.read() as s:
        rows = s.execute(text("SELECT seq, event FROM journal_entries ORDER BY seq"))
        return [(seq, name) for seq, name in rows]


def test_its_entries_chain_as_it_commits_between_a_sessions(station) -> None:
    before = _journal(station)
    with station.db.write() as s:
        station.journal.append(s, "test.session_first", {}, Where("SH01", "01"))
    with station.db.write_core() as unit:
        insert_event(unit, _row(station))
        station.journal.append(unit, "test.core", {"n": 1}, Where("SH01", "01", "T001"))
        station.journal.append(unit, "test.core", {"n": 2}, Where("SH01", "01", "T001"))
    with station.db.write() as s:
        station.journal.append(s, "test.session_after", {}, Where("SH01", "01"))
    added = _journal(station)[len(before) :]
    assert [name for _, name in added] == [
        "test.session_first", "test.core", "test.core", "test.session_after"
    ]  # fmt: skip
    assert [seq for seq, _ in added] == list(range(added[0][0], added[0][0] + 4))
    assert station.journal.verify(station.db).ok


def test_a_failed_core_unit_keeps_nothing_neither_row_nor_entry(station) -> None:
    before, head = _journal(station), station.journal.verify(station.db).count
    with pytest.raises(RuntimeError, match="boom"), station.db.write_core() as unit:
        insert_event(unit, _row(station, "recall"))
        station.journal.append(unit, "test.core", {}, Where("SH01", "01", "T001"))
        raise RuntimeError("boom")
    with station.db.read() as s:
        assert s.scalar(select(func.count()).where(TicketEvent.kind == "recall")) == 0
    assert _journal(station) == before
    with station.db.write_core() as unit:  # the next unit starts clean: no entry carried over
        insert_event(unit, _row(station))
    assert _journal(station) == before and station.journal.verify(station.db).count == head


def test_it_writes_in_its_turn_and_locks_the_journal_head_last(station) -> None:
    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        statements.append(" ".join(statement.split()).upper())

    event.listen(station.db.engine, "before_cursor_execute", record)
    try:
        with station.db.write_core() as unit:
            station.journal.append(unit, "test.core", {}, Where("SH01", "01", "T001"))
            insert_event(unit, _row(station))
    finally:
        event.remove(station.db.engine, "before_cursor_execute", record)
    head = next(i for i, s in enumerate(statements) if s.startswith("SELECT JOURNAL_HEAD"))
    assert head > next(i for i, s in enumerate(statements) if s.startswith("INSERT INTO TICKET"))
    if station.db.dialect == "sqlite":
        assert statements[0] == "BEGIN IMMEDIATE"


def test_issuing_and_calling_next_build_no_orm_session_once_the_day_is_open(station) -> None:
    open_today(station)
    who = at_window(station)
    staff = lobby(station)
    issue_all(station, staff, ("payment", Priority.NONE))  # the day's first write
    refused = AssertionError("an ORM session on the hot path")
    with patch.object(Session, "__init__", side_effect=refused, autospec=True):
        issued = station.queue.issue(staff, "payment", Priority.ELDERLY)
        called = station.queue.call_next(who, "01")
    assert issued.ticket.label == "A002" and called.label == "A002"  # elderly first
    assert _journal(station)[-1][1] == "queue.call"
