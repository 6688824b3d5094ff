"""Journal verification at scale: time and peak memory for 100,000 and 1,000,000 entries.

    .venv/bin/python benchmarks/journal.py [--sizes 100000 1000000]

Entries are written in bulk with the same HMAC chain the service appends,
then ``Journal.verify`` walks them in batches of 1,000: once for the time,
once under tracemalloc for the peak Python memory, which should stay flat as
the journal grows tenfold.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, update

from workstation.db.engine import Database
from workstation.db.migrate import upgrade
from workstation.db.models import JournalEntry, JournalHead
from workstation.domain.clock import ManualClock
from workstation.services.journal import GENESIS, Journal, canonical_payload

KEY = bytes(range(32))


def fill(db: Database, journal: Journal, count: int) -> None:
    start = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
    prev, batch = GENESIS, []
    with db.write() as s:
        for seq in range(1, count + 1):
            row = SimpleNamespace(
                seq=seq,
                occurred_at=start + timedelta(milliseconds=seq),
                branch_code="SH01",
                counter=f"{seq % 4 + 1:02d}",
                staff_id="T001",
                event="sign_in",
                payload=canonical_payload({"sign_on": seq, "role": "teller"}),
                prev_hash=prev,
            )
            row.hash = journal._mac(prev, row)
            batch.append(vars(row))
            prev = row.hash
            if len(batch) == 10_000:
                s.execute(insert(JournalEntry), batch)
                batch = []
        if batch:
            s.execute(insert(JournalEntry), batch)
        s.execute(update(JournalHead).where(JournalHead.id == 1).values(seq=count, hash=prev))


def measure(count: int) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/journal.db")
        upgrade(db)
        journal = Journal(KEY, ManualClock())
        fill(db, journal, count)
        started = time.perf_counter()
        result = journal.verify(db, batch_size=1000)
        elapsed = time.perf_counter() - started
        tracemalloc.start()  # a second walk, traced: slower, but it sees every allocation
        journal.verify(db, batch_size=1000)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        db.dispose()
    assert result.ok and result.count == count, result
    return elapsed, peak / 2**20, result.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    sizes = parser.parse_args().sizes
    rows = [(n, *measure(n)) for n in sizes]
    base_time, base_peak = rows[0][1], rows[0][2]
    for n, elapsed, peak, _ in rows:
        print(
            f"{n:>9,} entries  verify {elapsed:6.2f} s  ({n / elapsed:,.0f}/s)  "
            f"peak {peak:6.2f} MiB  time x{elapsed / base_time:.1f}  memory x{peak / base_peak:.2f}"
        )


if __name__ == "__main__":
    main()
