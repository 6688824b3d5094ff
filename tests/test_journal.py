"""The journal's HMAC chain: clean runs verify; each kind of tampering is caught where it is."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import event, text

from workstation.db.migrate import downgrade, upgrade
from workstation.services.journal import Journal, Where

pytestmark = pytest.mark.db


def _append(station, n: int) -> None:
    with station.db.write() as s:
        for i in range(n):
            station.journal.append(s, "test_event", {"i": i, "名字": "张三"}, Where("SH01", "01"))


def _sql(station, *statements: str) -> None:
    with station.db.write() as s:
        for statement in statements:
            s.connection().exec_driver_sql(statement)


def _events(station) -> list[str]:
    with station.db.read() as s:
        return list(s.scalars(text("SELECT event FROM journal_entries ORDER BY seq")))


def _verify(station, batch_size: int = 1000):
    return station.journal.verify(station.db, batch_size=batch_size)


def _head(station) -> tuple[int, str]:
    """The journal head: the last entry's seq and hash."""
    with station.db.read() as s:
        seq, last_hash = s.execute(text("SELECT seq, hash FROM journal_head")).one()
    return seq, last_hash


def _assert_broken(station, at: int, key: str):
    """The chain verifies as broken at entry ``at``, with ``journal.broken.<key>``."""
    result = _verify(station)
    assert result.broken_at == at
    assert result.problem.key == f"journal.broken.{key}"
    return result


def test_clean_chain_verifies_after_a_run_of_events(station):
    seeded = _verify(station).count  # the demo seed's own entries
    station.auth.sign_in("T001", "demo1234")
    _append(station, 20)
    result = _verify(station)
    assert result.ok, result.problem
    assert result.count == seeded + 21
    assert result.last_seq == result.count


@pytest.mark.parametrize(
    ("statements", "broken_at", "key"),
    [
        (["UPDATE journal_entries SET payload = '{\"i\":99}' WHERE seq = 9"], 9, "hmac"),
        (
            [
                "DELETE FROM journal_entries WHERE seq = 8",
                "UPDATE journal_entries SET seq = seq - 1 WHERE seq > 8",
            ],
            8,
            "link",
        ),
        (
            [
                "UPDATE journal_entries SET seq = -1 WHERE seq = 10",
                "UPDATE journal_entries SET seq = 10 WHERE seq = 11",
                "UPDATE journal_entries SET seq = 11 WHERE seq = -1",
            ],
            10,
            "link",
        ),
    ],
    ids=["edited-payload", "deleted-and-renumbered", "reordered-pair"],
)
def test_tampering_is_caught_where_it_is(station, statements, broken_at, key):
    """An edited payload at that entry, a deleted entry with the rest renumbered where
    the gap closes, a reordered pair at the first of the pair."""
    _append(station, 10)
    _sql(station, *statements)
    _assert_broken(station, broken_at, key)


def test_deleted_middle_entry_is_named(station):
    _append(station, 10)
    _sql(station, "DELETE FROM journal_entries WHERE seq = 8")
    result = _assert_broken(station, 9, "missing")
    assert result.problem.params["missing"] == 8


def test_entry_appended_without_the_key_is_caught(station):
    _append(station, 5)
    seq, last_hash = _head(station)
    # Someone with database access but no key appends an entry and moves the head.
    forger = Journal(b"not the key" * 4, station.clock)
    with station.db.write() as s:
        forged = forger.append(s, "sign_in", {"forged": True}, Where("SH01", "01", "T001"))
    assert forged.seq == seq + 1 and forged.prev_hash == last_hash
    _assert_broken(station, seq + 1, "hmac")


def test_plain_sha256_instead_of_hmac_is_caught(station):
    _append(station, 3)
    seq, last = _head(station)
    fake = hashlib.sha256(last.encode()).hexdigest()
    _sql(
        station,
        "INSERT INTO journal_entries (seq, occurred_at, event, payload, prev_hash, hash) "
        f"VALUES ({seq + 1}, '2026-11-27 01:00:00', 'sign_in', '{{}}', '{last}', '{fake}')",
        f"UPDATE journal_head SET seq = {seq + 1}, hash = '{fake}'",
    )
    _assert_broken(station, seq + 1, "hmac")


def test_truncated_tail_is_caught_by_the_head(station):
    _append(station, 5)
    last, _ = _head(station)
    _sql(station, f"DELETE FROM journal_entries WHERE seq = {last}")
    _assert_broken(station, last, "tail")


def test_verify_reads_in_batches(station):
    _append(station, 40)
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        if "FROM journal_entries" in statement:
            statements.append(statement)

    event.listen(station.db.engine, "before_cursor_execute", count)
    try:
        result = _verify(station, batch_size=7)
    finally:
        event.remove(station.db.engine, "before_cursor_execute", count)
    assert result.ok
    # one query per batch of 7, plus the empty one that ends the walk
    assert len(statements) == -(-result.count // 7) + 1
    assert all("LIMIT" in s.upper() for s in statements)


def test_a_break_in_a_later_batch_is_still_found(station):
    _append(station, 40)
    _sql(station, "UPDATE journal_entries SET staff_id = 'X999' WHERE seq = 37")
    result = _verify(station, batch_size=5)
    assert result.broken_at == 37


def test_a_failed_transaction_leaves_no_entry(station):
    before = _verify(station).count
    with pytest.raises(RuntimeError), station.db.write() as s:
        station.journal.append(s, "test_event", {}, Where("SH01"))
        raise RuntimeError("boom")
    after = _verify(station)
    assert after.ok and after.count == before


def test_the_journal_head_is_the_last_row_a_unit_of_work_locks(station):
    """Locked first, the head made a lock-order cycle with a concurrent sign-in (which locks
    its staff row, then the head): opening a shift held the head, then needed the staff row."""
    from workstation.domain.cash import Count

    teller = station.auth.sign_in("T001", "demo1234")
    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        statements.append(" ".join(statement.split()).upper())

    event.listen(station.db.engine, "before_cursor_execute", record)
    try:
        station.till.open(teller, Count())  # opens the business date, journals both
    finally:
        event.remove(station.db.engine, "before_cursor_execute", record)
    head = [i for i, s in enumerate(statements) if s.startswith("SELECT JOURNAL_HEAD")]
    inserts = [i for i, s in enumerate(statements) if s.startswith("INSERT INTO SHIFTS")]
    assert len(head) == 1 and inserts and head[0] > max(inserts)
    assert "business_day_opened" in _events(station) and "shift_opened" in _events(station)


def test_the_chain_is_kept_through_the_seq_rowid_migration_both_ways(station):
    """0019 rebuilds the table on SQLite (``seq`` becomes the rowid): every entry and its
    hash are copied as they were, down and up again, and the chain still verifies."""
    station.auth.sign_in("T001", "demo1234")
    _append(station, 5)
    before = _verify(station)
    with station.db.read() as s:
        rows = s.execute(text("SELECT * FROM journal_entries ORDER BY seq")).all()
    downgrade(station.db, "0018")
    assert _verify(station).count == before.count
    upgrade(station.db)
    with station.db.read() as s:
        assert s.execute(text("SELECT * FROM journal_entries ORDER BY seq")).all() == rows
    _append(station, 1)
    after = _verify(station)
    assert after.ok, after.problem
    assert after.count == before.count + 1


def test_on_sqlite_an_entry_is_stored_by_its_seq_with_no_second_btree(station):
    """A ``BIGINT`` key made SQLite keep a hidden rowid and an index of ``seq``: one page
    more in every journaled commit. ``seq INTEGER`` is the rowid itself."""
    if station.db.dialect != "sqlite":
        pytest.skip("PostgreSQL stores the table by its heap and its primary key's index")
    _append(station, 3)
    with station.db.read() as s:
        indexes = s.scalars(
            text("SELECT name FROM sqlite_schema WHERE tbl_name = 'journal_entries'")
        ).all()
        assert s.scalar(text("SELECT count(*) FROM journal_entries WHERE rowid != seq")) == 0
    assert sorted(indexes) == ["ix_journal_entries_event", "journal_entries"]
