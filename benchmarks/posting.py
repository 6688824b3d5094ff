"""Posting: 1,000 risk checks and postings on SQLite, against a bare SQLAlchemy insert.

    .venv/bin/python benchmarks/posting.py [--count 1000]

Ours: PostingService.post() — the form checked again, the policy looked up,
the day's activity read, the risk rules run, a serial taken, the posting, its
journal entry and the commit (WAL, synchronous=FULL). Baseline, in the same
run on the same database: the same rows written with bare SQLAlchemy in one
transaction each (serial counter update, posting, journal entry, journal
head), without the checks. Goals: ratio <= 3 at the median, p99 <= 15 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    count = parser.parse_args().count

    from sqlalchemy import update

    from forms.state import FormState
    from workstation.cli.demo import prepare_demo
    from workstation.db.ledger import Posting, SerialCounter
    from workstation.db.models import JournalEntry, JournalHead
    from workstation.domain.cash import Count
    from workstation.domain.clock import SystemClock
    from workstation.services.passwords import Passwords
    from workstation.services.submission import Submission
    from workstation.station import open_station

    with tempfile.TemporaryDirectory() as tmp:
        config, secrets = prepare_demo(Path(tmp), "zh")
        station = open_station(config, secrets, SystemClock(), Passwords.fast())
        teller = station.auth.sign_in("T001", "demo1234")
        station.till.open(teller, Count())  # a posting needs the teller's open shift
        template = station.templates.by_code("2001")
        today = station.clock.now().date()

        def submission() -> Submission:
            state = FormState(template, today)
            state.values = {
                spec.key: spec.sample for spec in template.fields if not spec.agent_only
            }
            state.ticked = {d.key for d in state.documents()}
            return Submission.from_state(state, uuid.uuid4().hex)

        station.postings.post(submission(), teller)  # warm caches and the first-row inserts
        ours = []
        for _ in range(count):
            sub = submission()
            start = time.perf_counter()
            station.postings.post(sub, teller)
            ours.append((time.perf_counter() - start) * 1000)

        def bare(seq: int) -> None:
            """The rows a posting writes, written plainly: no checks, no risk, no HMAC."""
            with station.db.write() as s:
                s.execute(
                    update(SerialCounter)
                    .where(SerialCounter.counter == "01")
                    .values(last_seq=SerialCounter.last_seq + 1)
                )
                s.add(
                    Posting(
                        serial=f"BARE-{seq:08d}",
                        branch_code="SH01",
                        business_date=today,
                        counter="09",
                        seq=seq,
                        template_code="2001",
                        template_key="contact_change",
                        category="policy_change",
                        policy_no="P2024000001",
                        direction="none",
                        submission=json.dumps([{"key": "x"}]),
                        documents="[]",
                        findings="[]",
                        teller_id="T001",
                        posted_at=station.clock.now(),
                        idempotency_key=uuid.uuid4().hex,
                        content_digest="0" * 64,
                    )
                )
                s.add(
                    JournalEntry(
                        seq=10_000_000 + seq,
                        occurred_at=station.clock.now(),
                        branch_code="SH01",
                        counter="09",
                        staff_id="T001",
                        event="posted",
                        payload="{}",
                        prev_hash="0" * 64,
                        hash="0" * 64,
                    )
                )
                s.execute(update(JournalHead).values(hash="0" * 64))

        baseline = []
        for seq in range(1, count + 1):
            start = time.perf_counter()
            bare(seq)
            baseline.append((time.perf_counter() - start) * 1000)
        station.close()

    o50, o99 = statistics.median(ours), percentile(ours, 99)
    b50, b99 = statistics.median(baseline), percentile(baseline, 99)
    print(f"{count} postings (risk check + posting + journal + commit), SQLite WAL FULL")
    print(f"ours      p50 {o50:6.2f} ms   p99 {o99:6.2f} ms   goal p99 <= 15 ms")
    print(f"bare rows p50 {b50:6.2f} ms   p99 {b99:6.2f} ms")
    print(f"ratio     p50 {o50 / b50:6.2f}x  p99 {o99 / b99:6.2f}x   goal <= 3x")


if __name__ == "__main__":
    main()
