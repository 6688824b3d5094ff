"""Records against the journal at scale: time and peak memory of the match, 100k and 1M postings.

    .venv/bin/python benchmarks/journal_audit.py [--sizes 100000 1000000]

Each size is a ledger of that many postings, each with a ``posted`` entry
(the chain itself is not signed here: the match does not read hashes).
``audit`` matches every kind of record in SQL; the baseline loads both
sides' keys into Python sets and compares them, the obvious way. The match's
peak Python memory should stay flat as the ledger grows tenfold; the sets'
grows with it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select

from workstation.db.engine import Database
from workstation.db.ledger import Posting
from workstation.db.migrate import upgrade
from workstation.db.models import Branch, JournalEntry, Staff
from workstation.services.journal_audit import audit

DAY = date(2026, 11, 27)
AT = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


def _posting(n: int) -> dict:
    serial = f"SH01-20261127-{n % 4 + 1:02d}-{n:07d}"
    return {
        "serial": serial,
        "branch_code": "SH01",
        "business_date": DAY,
        "counter": f"{n % 4 + 1:02d}",
        "seq": n,
        "template_code": "2001",
        "template_key": "contact-change",
        "category": "service",
        "direction": "none",
        "by_agent": False,
        "submission": "[]",
        "documents": "[]",
        "findings": "[]",
        "large_cash_report": False,
        "teller_id": "T001",
        "posted_at": AT,
        "idempotency_key": f"k{n}",
        "content_digest": "0" * 64,
        "status": "posted",
    }


def _entry(n: int) -> dict:
    payload = json.dumps({"serial": _posting(n)["serial"], "movement": None}, sort_keys=True)
    return {
        "seq": n,
        "occurred_at": AT,
        "branch_code": "SH01",
        "counter": "01",
        "staff_id": "T001",
        "event": "posted",
        "payload": payload,
        "prev_hash": "0" * 64,
        "hash": "0" * 64,
    }


def fill(db: Database, count: int) -> None:
    with db.write() as s:
        branch = {"code": "SH01", "name_zh": "浦东", "name_en": "Pudong", "created_at": AT}
        s.execute(insert(Branch).values(**branch))
        s.execute(
            insert(Staff).values(
                staff_id="T001",
                branch_code="SH01",
                name="张敏",
                role="teller",
                password_hash="x",
                created_at=AT,
                password_changed_at=AT,
            )
        )
        for start in range(1, count + 1, 10_000):
            numbers = range(start, min(start + 10_000, count + 1))
            s.execute(insert(Posting), [_posting(n) for n in numbers])
            s.execute(insert(JournalEntry), [_entry(n) for n in numbers])


def in_python_sets(db: Database) -> bool:
    """The obvious way: every key of both sides in memory."""
    with db.snapshot() as s:
        records = set(s.scalars(select(Posting.serial)))
        payloads = s.scalars(select(JournalEntry.payload).where(JournalEntry.event == "posted"))
        entries = {json.loads(p)["serial"] for p in payloads}
    return records == entries


def traced(run) -> tuple[float, float, object]:
    started = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 2**20, result


def measure(count: int) -> tuple[tuple[float, float], tuple[float, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/ledger.db")
        upgrade(db)
        fill(db, count)
        *matched, found = traced(lambda: audit(db))
        assert found.ok, found
        *sets, same = traced(lambda: in_python_sets(db))
        assert same
        db.dispose()
    return tuple(matched), tuple(sets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    rows = [(n, *measure(n)) for n in parser.parse_args().sizes]
    base = rows[0]
    for n, (elapsed, peak), (set_time, set_peak) in rows:
        print(
            f"{n:>9,} postings  audit {elapsed:6.2f} s  peak {peak:6.2f} MiB "
            f"(x{peak / base[1][1]:.2f})  python sets {set_time:6.2f} s  "
            f"peak {set_peak:7.2f} MiB (x{set_peak / base[2][1]:.2f})"
        )


if __name__ == "__main__":
    main()
