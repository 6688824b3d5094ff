"""SQLite checkpoints run in a workstation's thread, not inside a teller's commit."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from workstation.db.checkpoints import FINISH_FRAMES, SAFETY_NET_PAGES
from workstation.db.engine import Database
from workstation.db.writelock import WriteQueue

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


def wal_frames(db: Database) -> int:
    """The frames in the WAL now (since it last started over)."""
    with db.engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()[1])


class CountingQueue:
    """The database's write queue as the checkpointer sees it, counting the turns it takes."""

    def __init__(self, queue: WriteQueue) -> None:
        self.queue, self.turns = queue, 0

    @contextmanager
    def turn(self) -> Iterator[None]:
        self.turns += 1
        with self.queue.turn():
            yield


def checkpoint_while_writing(db: Database) -> int:
    """One checkpoint while a writer commits back to back, which then commits twice more:
    the write turns the checkpoint took."""
    assert db.checkpointer is not None and db.checkpointer.queue is not None
    counting = CountingQueue(db.checkpointer.queue)
    db.checkpointer.queue = counting  # type: ignore[assignment]
    stop, commits = threading.Event(), []

    def writer() -> None:
        while not stop.is_set():
            with db.write() as s:
                s.execute(text("INSERT INTO t (body) VALUES (zeroblob(:n))"), {"n": PAGE})
            commits.append(1)

    thread = threading.Thread(target=writer)
    thread.start()
    conn = sqlite3.connect(db.url.database, timeout=0, isolation_level=None)
    try:
        while len(commits) < 5:  # the writer is at it
            stop.wait(0.001)
        db.checkpointer.checkpoint(conn)
        before = len(commits)
        while len(commits) < before + 2:  # and commits again after the checkpoint
            stop.wait(0.001)
    finally:
        stop.set()
        thread.join()
        conn.close()
    return counting.turns


def test_a_wal_kept_long_by_busy_writers_is_finished_in_a_turn_and_starts_over(tmp_path):
    """A writer commits back to back while the thread checkpoints: alone, a checkpoint ends
    behind the newest commit and the WAL never starts over (each commit appends to it);
    finished in a write turn, the next commit starts it over."""
    db = Database(f"sqlite:///{tmp_path / 'branch.db'}", checkpoint_every=3600)  # idle thread
    fill(db, FINISH_FRAMES + 500)  # frames nobody has copied yet (a checkpoint would copy them)
    assert wal_pages(db) >= FINISH_FRAMES + 500
    assert checkpoint_while_writing(db) == 1
    assert wal_frames(db) < FINISH_FRAMES  # started over: only the last few commits are in it
    db.dispose()


def test_a_wal_shorter_than_the_bar_is_not_finished_and_no_writer_waits(tmp_path):
    """Every finishing turn holds each writer that asks meanwhile for a copy and an fsync of
    the database: below FINISH_FRAMES the checkpoint copies what it can and takes no turn
    (the WAL file keeps its length, so commits after a later restart still overwrite it)."""
    db = Database(f"sqlite:///{tmp_path / 'branch.db'}", checkpoint_every=3600)
    fill(db, FINISH_FRAMES // 2)
    assert checkpoint_while_writing(db) == 0
    assert wal_frames(db) >= FINISH_FRAMES // 2  # not started over
    db.dispose()


def test_stopping_inside_a_write_unit_does_not_wait_for_its_own_turn(tmp_path):
    """The last checkpoint at stop takes no write turn: stopped by a thread holding one (a
    workstation closing from inside a unit of work), it would wait for that thread forever."""
    db = Database(f"sqlite:///{tmp_path / 'branch.db'}", checkpoint_every=3600)
    assert db.checkpointer is not None
    fill(db, FINISH_FRAMES + 500)  # long enough that a finishing turn would be asked for
    stopper = threading.Thread(target=db.checkpointer.stop)
    with db.write() as s:
        s.execute(text("INSERT INTO t (body) VALUES (zeroblob(1))"))
        stopper.start()
        stopper.join(timeout=10)
        stopped = not stopper.is_alive()
    stopper.join()
    db.dispose()
    assert stopped
