"""SQLite checkpoints run in a workstation's thread, not inside a teller's commit."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from workstation.db.checkpoints import SAFETY_NET_PAGES
from workstation.db.engine import Database

PAGE = 4096


def fill(db: Database, pages: int) -> None:
    with db.write() as s:
        s.execute(text("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body BLOB)"))
    for _ in range(pages // 25):  # 25 pages a commit, as a busy hour of postings adds up
        with db.write() as s:
            s.execute(text("INSERT INTO t (body) VALUES (zeroblob(:n))"), {"n": 25 * PAGE})


def wal_pages(db: Database) -> int:
    return Path(f"{db.url.database}-wal").stat().st_size // PAGE


def test_a_commit_leaves_the_checkpoint_to_the_thread_which_copies_everything_at_stop(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'branch.db'}", checkpoint_every=3600)
    try:
        with db.read() as s:
            assert s.execute(text("PRAGMA wal_autocheckpoint")).scalar() == SAFETY_NET_PAGES
        fill(db, 2000)
        # SQLite's default would have checkpointed at 1,000 pages and started the WAL over
        assert wal_pages(db) > 1900
        assert db.checkpointer is not None
        db.checkpointer.stop()  # the last turn copies what the units of work left
        with db.engine.connect() as conn:
            _busy, log, copied = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
        assert log == copied > 1900
    finally:
        db.dispose()


def test_a_command_keeps_sqlites_own_checkpoints(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'branch.db'}")
    try:
        assert db.checkpointer is None
        with db.read() as s:
            assert s.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 1000
        fill(db, 2000)
        assert wal_pages(db) < 1100
    finally:
        db.dispose()


def test_a_workstation_checkpoints_in_its_thread(station):
    assert station.db.checkpointer is not None
