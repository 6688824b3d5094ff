"""Several workstation processes posting on one database: serials gapless, journal complete."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.conftest import TEST_KEY
from workstation.db.engine import Database
from workstation.db.failures import StorageError
from workstation.db.ledger import BusinessDay
from workstation.db.models import JournalEntry
from workstation.services.calendar import open_business_date
from workstation.services.journal import Journal

pytestmark = pytest.mark.db
ROOT = Path(__file__).resolve().parents[1]
PER_PROCESS = 40
"""Enough for the four to interleave (they start together and each commits every posting)."""
POSTER = [sys.executable, "-m", "tests.concurrent_poster"]
WORKSTATIONS = [("T001", "01"), ("T001", "01"), ("T002", "02"), ("T002", "02")]


def test_four_processes_at_two_counters_get_gapless_serials_all_journaled(db_url, clock):
    # two workstations at each counter (the same teller signed in on both): one sequence each
    children = [
        subprocess.Popen(
            [*POSTER, db_url, teller, str(PER_PROCESS), counter],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for teller, counter in WORKSTATIONS
    ]
    for child in children:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
    for child in children:  # all start posting at once
        child.stdin.write("go\n")
        child.stdin.flush()
    serials = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        serials += out.split()
    assert len(set(serials)) == len(serials) == len(WORKSTATIONS) * PER_PROCESS
    for counter in ("01", "02"):
        numbers = sorted(int(s.rsplit("-", 1)[1]) for s in serials if s.split("-")[2] == counter)
        assert numbers == list(range(1, 2 * PER_PROCESS + 1))
    db = Database(db_url)
    try:
        with db.read() as s:
            posted = s.scalar(select(func.count()).where(JournalEntry.event == "posted"))
        assert posted == len(serials)
        assert Journal(bytes.fromhex(TEST_KEY), clock).verify(db).ok
    finally:
        db.dispose()


@pytest.fixture
def pg_db(db_url, clock):
    """The database, on PostgreSQL only, with today's business date already open."""
    if not db_url.startswith("postgresql"):
        pytest.skip("row locks: SQLite lets one writer in at a time anyway")
    db = Database(db_url)
    with db.write() as s:
        open_business_date(s, Journal(bytes.fromhex(TEST_KEY), clock), clock, "SH01", "T001")
    yield db
    db.dispose()


def test_two_counters_posting_at_once_do_not_wait_for_each_other_on_the_business_date(pg_db, clock):
    journal = Journal(bytes.fromhex(TEST_KEY), clock)
    with pg_db.write() as first:
        day = open_business_date(first, journal, clock, "SH01", "T001")  # a posting in flight
        with pg_db.write() as second:
            second.execute(text("SET LOCAL lock_timeout = '3s'"))
            assert open_business_date(second, journal, clock, "SH01", "T002") == day


def test_closing_the_business_date_waits_for_a_posting_in_flight(pg_db, clock):
    journal = Journal(bytes.fromhex(TEST_KEY), clock)
    with pg_db.write() as posting:
        day = open_business_date(posting, journal, clock, "SH01", "T001")
        with pytest.raises(StorageError) as waited, pg_db.write() as closing:
            closing.execute(text("SET LOCAL lock_timeout = '200ms'"))
            closing.get(BusinessDay, ("SH01", day), with_for_update=True)
        assert waited.value.msg.key == "storage.busy"  # the lock timeout, in one line
