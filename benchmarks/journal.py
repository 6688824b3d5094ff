"""Journal verification at scale: entries per second and peak memory, against a bare loop.

    .venv/bin/python benchmarks/journal.py [--sizes 100000 1000000] [--repeat 3]

Entries are written in bulk with the same HMAC chain the service appends.
Then, in this one process and on the same file, for each size:

- ``verify``: ``Journal.verify`` in batches of 1,000 (the CLI's default), timed
  ``--repeat`` times, and once more under tracemalloc for the peak Python
  memory, which should stay flat as the journal grows tenfold;
- ``bare loop``: the same HMACs over the same rows the plain way — one
  ``sqlite3`` cursor over every row, ``json.dumps`` of the fields and
  ``hmac.new`` per entry, comparing each hash; no batches, no links checked.

Each time is the best run, wall clock and this process's CPU time (on a
shared machine the CPU time is the steadier figure). The ratio is the bare
loop's CPU time over verify's: above 1, verify is faster than the plain loop.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import sqlite3
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
BARE = "SELECT seq, occurred_at, branch_code, counter, staff_id, event, payload, hash"


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


def bare_loop(path: str) -> int:
    """The same HMACs over the same rows, the plain way; returns how many matched."""
    con = sqlite3.connect(path)
    prev, matched = GENESIS, 0
    for seq, at, branch, counter, staff, event, payload, stored in con.execute(
        f"{BARE} FROM journal_entries ORDER BY seq"
    ):
        moment = datetime.fromisoformat(at).replace(tzinfo=UTC)
        fields = [seq, moment.isoformat(timespec="microseconds"), branch, counter, staff]
        body = json.dumps([*fields, event, payload], separators=(",", ":"), ensure_ascii=False)
        digest = hmac.new(KEY, prev.encode() + body.encode(), hashlib.sha256).hexdigest()
        matched += digest == stored
        prev = stored
    con.close()
    return matched


def best(repeat: int, run) -> tuple[float, float, object]:
    """The best wall-clock and CPU seconds of ``repeat`` runs, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def measure(count: int, repeat: int) -> tuple[tuple[float, float], tuple[float, float], float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/journal.db"
        db = Database(f"sqlite:///{path}")
        upgrade(db)
        journal = Journal(KEY, ManualClock())
        fill(db, journal, count)
        *verify, result = best(repeat, lambda: journal.verify(db, batch_size=1000))
        assert result.ok and result.count == count, result
        *bare, matched = best(repeat, lambda: bare_loop(path))
        assert matched == count, matched
        tracemalloc.start()  # a second walk, traced: slower, but it sees every allocation
        journal.verify(db, batch_size=1000)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        db.dispose()
    return tuple(verify), tuple(bare), peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3, help="Timed runs; the best counts.")
    args = parser.parse_args()
    rows = [(n, *measure(n, args.repeat)) for n in args.sizes]
    base_peak = rows[0][3]
    for n, (wall, cpu), (bare_wall, bare_cpu), peak in rows:
        print(
            f"{n:>9,} entries  verify {n / wall:>9,.0f}/s wall {n / cpu:>9,.0f}/s CPU  "
            f"bare loop {n / bare_wall:>9,.0f}/s wall {n / bare_cpu:>9,.0f}/s CPU  "
            f"ratio x{bare_cpu / cpu:.2f}  peak {peak:5.2f} MiB  memory x{peak / base_peak:.2f}"
        )


if __name__ == "__main__":
    main()
