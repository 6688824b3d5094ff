"""The change watcher: a reader learns that another process committed, cheaply and promptly."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.databases import PG_URL
from workstation.db.engine import Database
from workstation.db.watch import QUEUE, Watcher, notify

pytestmark = pytest.mark.db
ROOT = Path(__file__).resolve().parents[1]
SEEN_WITHIN_S = 10.0
"""A generous bound: a change not seen by then is not seen at all (typically 0.1 s)."""
QUIET_S = 0.4


class Writer:
    """Another process writing to the same database."""

    def __init__(self, url: str, channel: str = QUEUE) -> None:
        self.child = subprocess.Popen(
            [sys.executable, "-m", "tests.watch_writer", url, channel],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.child.stdout is not None and self.child.stdin is not None
        assert self.child.stdout.readline().strip() == "ready", self.child.stderr

    def do(self, command: str) -> None:
        assert self.child.stdin is not None and self.child.stdout is not None
        self.child.stdin.write(command + "\n")
        self.child.stdin.flush()
        assert self.child.stdout.readline().strip() == "done", self.child.stderr

    def stop(self) -> None:
        _, err = self.child.communicate("quit\n", timeout=30)
        assert self.child.returncode == 0, err


@pytest.fixture
def db(db_url) -> Iterator[Database]:
    database = Database(db_url)
    with database.write() as session:
        session.execute(text("CREATE TABLE watch_probe (note TEXT)"))
    yield database
    database.dispose()


@pytest.fixture
def writer(db: Database, db_url: str) -> Iterator[Writer]:
    child = Writer(db_url)
    yield child
    child.stop()


def test_a_commit_in_another_process_wakes_the_reader(db, writer):
    with Watcher(db, channels=[QUEUE]) as watcher:
        assert watcher.wait(QUIET_S) is False  # nothing happened yet
        writer.do("commit 1")
        assert watcher.wait(SEEN_WITHIN_S) is True
        assert watcher.wait(QUIET_S) is False  # and it is reported once


def test_a_change_made_while_the_reader_was_busy_is_reported_by_the_next_wait(db, writer):
    with Watcher(db, channels=[QUEUE]) as watcher:
        writer.do("commit 1")  # before anyone waits
        assert watcher.wait(SEEN_WITHIN_S) is True


def test_reads_never_wake_it_and_a_burst_of_commits_wakes_it_once(db, writer):
    with Watcher(db, channels=[QUEUE], interval=0.02) as watcher:
        wakes = 0
        for _ in range(5):
            writer.do("read 20")  # another process reading
            with db.read() as session:  # and this one
                session.execute(text("SELECT count(*) FROM watch_probe")).scalar()
            wakes += watcher.wait(0.1)
        assert wakes == 0
        writer.do("commit 25")
        wakes = sum(watcher.wait(QUIET_S) for _ in range(4))
        assert 1 <= wakes <= 2  # one, or two if the burst straddled a look; never 25


def test_closing_ends_a_blocked_reader_promptly(db):
    watcher = Watcher(db, channels=[QUEUE])
    seen: list[None] = []
    reader = threading.Thread(target=lambda: seen.extend(watcher.changes()))
    reader.start()
    watcher.close()
    reader.join(SEEN_WITHIN_S)
    assert not reader.is_alive()
    assert seen == []
    assert watcher.wait(60) is False  # closed: at once
    watcher.close()  # twice is harmless


@pytest.mark.skipif(PG_URL is not None, reason="SQLite: commits are seen without notify")
def test_on_sqlite_notify_is_not_needed_and_does_nothing(db):
    with Watcher(db) as watcher:
        with db.write() as session:
            notify(session, QUEUE)  # no statement, no change
        assert watcher.wait(QUIET_S) is False
        other = Database(str(db.url))
        with other.write() as session:
            session.execute(text("INSERT INTO watch_probe (note) VALUES ('y')"))
        other.dispose()
        assert watcher.wait(SEEN_WITHIN_S) is True


@pytest.mark.skipif(PG_URL is None, reason="PostgreSQL only: LISTEN/NOTIFY")
def test_on_postgresql_only_a_notify_on_a_watched_channel_wakes_it(db):
    with (
        Watcher(db, channels=["workstation_other"]) as other,
        Watcher(db, channels=[QUEUE]) as queue,
    ):
        with db.write() as session:
            session.execute(text("INSERT INTO watch_probe (note) VALUES ('silent')"))
        assert queue.wait(QUIET_S) is False  # a commit without notify says nothing
        with db.write() as session:
            session.execute(text("INSERT INTO watch_probe (note) VALUES ('told')"))
            notify(session, QUEUE)
        assert queue.wait(SEEN_WITHIN_S) is True
        assert other.wait(QUIET_S) is False
        with pytest.raises(RuntimeError), db.write() as session:
            notify(session, QUEUE)
            raise RuntimeError("rolled back")
        assert queue.wait(QUIET_S) is False  # a rolled-back notify is never delivered


@pytest.mark.skipif(PG_URL is None, reason="PostgreSQL only: a dropped LISTEN connection")
def test_on_postgresql_a_lost_connection_is_a_change_and_listening_resumes(db):
    with Watcher(db, channels=[QUEUE]) as watcher:
        with db.write() as session:
            ended = session.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND query LIKE 'LISTEN%'"
                )
            ).all()
        assert len(ended) == 1
        assert watcher.wait(SEEN_WITHIN_S) is True  # reconnected: re-read, notices were lost
        with db.write() as session:
            session.execute(text("INSERT INTO watch_probe (note) VALUES ('after')"))
            notify(session, QUEUE)
        assert watcher.wait(SEEN_WITHIN_S) is True


def test_a_bad_channel_name_is_refused(db):
    with pytest.raises(ValueError), db.write() as session:
        notify(session, 'queue"; DROP TABLE x; --')
