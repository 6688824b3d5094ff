"""A full disk while posting keeps nothing of it, keeps its approval; the retry posts once."""

from __future__ import annotations

import errno
import shutil

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from tests.conftest import FAST, make_config
from tests.faults import DiskFullOnce, fill, tiny_disk
from tests.ledger_support import contact_change, on_shift, surrender
from workstation.db.failures import StorageError, describe
from workstation.db.ledger import Override, Posting, SerialCounter
from workstation.db.models import JournalEntry
from workstation.domain.i18n import Catalog
from workstation.services.overrides import Ask
from workstation.station import open_station

pytestmark = pytest.mark.db
EN = Catalog.load("en")
DUE_DILIGENCE = frozenset({"aml_payout.due_diligence"})


def _counts(station) -> tuple[int, int, int]:
    with station.db.read() as s:
        postings = s.scalar(select(func.count()).select_from(Posting))
        journal = s.scalar(select(func.count()).select_from(JournalEntry))
        seq = s.scalar(select(func.coalesce(func.max(SerialCounter.last_seq), 0)))
    return postings, journal, seq


def test_a_post_on_a_full_disk_keeps_nothing_and_the_retry_posts_with_its_approval(station):
    """SQLite's SQLITE_FULL on the journal entry, the transaction's last write."""
    if station.db.dialect != "sqlite":
        pytest.skip("the fault is SQLite's")
    teller = on_shift(station, "T001")
    sub = surrender(station)
    ask = Ask("posting", sub.idempotency_key, sub.digest(station.clock.now().date()), 1, {})
    station.overrides.approve_local(teller, ask, "S001", "demo1234", "identity_verified")
    before = _counts(station)
    full = DiskFullOnce(station.db.engine, "INSERT INTO journal_entries")
    with pytest.raises(StorageError) as failed:
        station.postings.post(sub, teller, DUE_DILIGENCE)
    assert not full.armed and failed.value.msg.key == "storage.disk_full"
    line = EN(failed.value.msg)
    assert "is full: nothing of this step was saved" in line and "Free some space" in line
    assert _counts(station) == before  # no posting, no journal entry, the serial given back
    with station.db.read() as s:
        assert s.scalars(select(Override.posting_id)).all() == [None]  # the approval stands

    posted = station.postings.post(sub, teller, DUE_DILIGENCE)  # the same submission, same key
    assert posted.serial == "SH01-20261127-01-00001" and posted.approvers == ("S001",)
    assert not posted.repeated
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Override)) == 1
    assert station.journal.verify(station.db).ok


def test_a_real_full_disk_under_the_database(station, tmp_path, clock, secrets):
    """The database on a tiny tmpfs filled to the brim (skipped where mount is denied)."""
    source = make_url(station.config.database.url)
    if source.get_backend_name() != "sqlite":
        pytest.skip("a tmpfs holds a SQLite file")
    with tiny_disk(tmp_path / "disk", "4m") as disk:
        shutil.copyfile(source.database, disk / "ws.db")
        small = open_station(make_config(f"sqlite:///{disk / 'ws.db'}"), secrets, clock, FAST)
        try:
            teller = on_shift(small, "T001")
            sub = contact_change(small)
            filler = fill(disk)
            with pytest.raises(StorageError) as failed:
                small.postings.post(sub, teller)
            assert failed.value.msg.key in ("storage.disk_full", "storage.io_error")
            filler.unlink()
            assert _counts(small)[0] == 0
            assert small.postings.post(sub, teller).serial == "SH01-20261127-01-00001"
            assert small.journal.verify(small.db).ok
        finally:
            small.close()


@pytest.mark.parametrize(
    ("code", "key"),
    [
        (errno.ENOSPC, "storage.disk_full"),
        (errno.EROFS, "storage.read_only"),
        (errno.EIO, "storage.io_error"),
    ],
)
def test_the_system_errors_a_database_meets_are_named(code, key):
    error = OSError(code, "said by the system")
    said = describe(error, make_url("sqlite:////srv/ws/ws.db"))
    assert said.key == key and said.params["path"] == "/srv/ws/ws.db"
    assert said.params["folder"] == "/srv/ws"


def test_postgresql_failures_are_named_by_their_sqlstate_without_the_password():
    class DiskFull(Exception):
        sqlstate = "53100"

    url = make_url("postgresql+psycopg://ws:s3cret@db.branch.local/ws")
    said = describe(DiskFull("could not extend file"), url)
    assert said.key == "storage.disk_full" and "s3cret" not in said.params["path"]
    assert describe(Exception("syntax error"), url) is None
