"""Writers on one SQLite file take turns in the order they asked (workstation.db.writelock)."""

from __future__ import annotations

import errno
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from workstation.db import writelock
from workstation.db.engine import Database

HANG = 30  # seconds: a writer still waiting after this is stuck, not slow
CHILD = """
import sys, time
from sqlalchemy import text
from workstation.db.engine import Database
db = Database(sys.argv[1])
with db.write() as s:
    s.execute(text("INSERT INTO turns VALUES ('killed')"))
    print("in", flush=True)
    time.sleep(600)
"""


@pytest.fixture
def db(tmp_path: Path):
    database = Database(f"sqlite:///{tmp_path / 'branch.db'}")
    with database.write() as s:
        s.execute(text("CREATE TABLE turns (who TEXT)"))
    yield database
    database.dispose()


def write(db: Database, who: str) -> None:
    with db.write() as s:
        s.execute(text("INSERT INTO turns VALUES (:who)"), {"who": who})


def turns(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.scalars(text("SELECT who FROM turns ORDER BY rowid")))


def run(*targets) -> None:
    """Run each target in its own thread; fail if one is still stuck after HANG seconds."""
    threads = [threading.Thread(target=target, daemon=True) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(HANG)
        assert not thread.is_alive(), "a writer never got its turn"


def tickets_taken(db: Database) -> int:
    """The queue's ticket counter: the first 8 bytes of the lock file (0 when there is none)."""
    path = writelock.queue_path(str(db.url.database))
    raw = path.read_bytes()[:8] if path and path.exists() else b""
    return int.from_bytes(raw, "little")


def test_a_waiting_writer_goes_before_the_one_that_just_committed_and_asks_again(db):
    # A busy counter commits and at once asks again; a second counter has been waiting.
    held, asked, release = threading.Event(), threading.Event(), threading.Event()
    waiting_since: list[float] = []
    taken_by_a: list[int] = []

    def busy_counter():
        with db.write() as s:
            s.execute(text("INSERT INTO turns VALUES ('A')"))
            taken_by_a.append(tickets_taken(db))
            held.set()
            release.wait(HANG)
        write(db, "A again")

    def waiting_counter():
        held.wait(HANG)
        waiting_since.append(time.monotonic())
        asked.set()
        write(db, "B")

    def let_go():
        asked.wait(HANG)
        # Wait until B is in line (a ticket after A's, where there is a queue) and long
        # enough that SQLite's own busy handler would be napping 100 ms at a time.
        while time.monotonic() - waiting_since[0] < 0.4 or 0 < tickets_taken(db) <= taken_by_a[0]:
            time.sleep(0.01)
        release.set()

    run(busy_counter, waiting_counter, let_go)
    assert turns(db) == ["A", "B", "A again"]


def test_many_threads_each_get_every_turn_they_ask_for(db):
    run(*[lambda n=n: [write(db, f"{n}") for _ in range(20)] for n in range(6)])
    assert sorted(turns(db)) == sorted(f"{n}" for n in range(6) for _ in range(20))


def test_a_unit_of_work_that_fails_gives_its_turn_back(db):
    def fails():
        with pytest.raises(RuntimeError), db.write() as s:
            s.execute(text("INSERT INTO turns VALUES ('rolled back')"))
            raise RuntimeError("the teller's posting was refused")

    run(fails)
    run(lambda: write(db, "next"))
    write(db, "same thread")
    assert turns(db) == ["next", "same thread"]


def test_a_turn_inside_a_turn_on_one_thread_does_not_wait_for_itself(db):
    other = Database(str(db.url))  # another workstation object on the same file

    def nested():
        with db.queue.turn(), db.queue.turn(), other.queue.turn():
            pass

    try:
        run(nested)
    finally:
        other.dispose()


def test_a_process_killed_during_its_turn_lets_the_others_write(db, tmp_path):
    url = str(db.url)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url],
        cwd=Path(__file__).resolve().parents[1],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "in", child.stderr.read()
        waiter = threading.Thread(target=write, args=(db, "after the crash"), daemon=True)
        waiter.start()
        child.kill()
        waiter.join(HANG)
        assert not waiter.is_alive(), "the killed process kept its turn"
    finally:
        child.kill()
        child.communicate()
    assert turns(db) == ["after the crash"]


def test_without_open_file_description_locks_writers_still_take_turns(db, monkeypatch):
    monkeypatch.setattr(writelock, "OFD", False)  # other POSIX systems: flock
    run(*[lambda n=n: [write(db, f"{n}") for _ in range(10)] for n in range(4)])
    assert len(turns(db)) == 40


def test_a_lock_file_that_cannot_be_opened_does_not_stop_writing(tmp_path):
    (tmp_path / "branch.db-lock").mkdir()  # something in its way
    db = Database(f"sqlite:///{tmp_path / 'branch.db'}")
    try:
        with db.write() as s:
            s.execute(text("CREATE TABLE turns (who TEXT)"))
        write(db, "written")
        assert turns(db) == ["written"]
    finally:
        db.dispose()


def test_a_file_system_that_refuses_the_locks_does_not_stop_writing(db, monkeypatch):
    def refuse(*_args):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(writelock.fcntl, "fcntl", refuse)
    monkeypatch.setattr(writelock.fcntl, "flock", refuse)
    run(lambda: write(db, "written"))
    assert turns(db) == ["written"]


@pytest.mark.parametrize(
    "url",
    ["sqlite://", "sqlite:///:memory:", "postgresql+psycopg://counter@localhost/branch"],
)
def test_only_a_sqlite_file_has_a_write_queue(url):
    db = Database(url)
    assert db.queue.path is None
    db.dispose()
