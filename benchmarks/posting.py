"""Posting: 1,000 risk checks and postings on SQLite, against a bare SQLAlchemy insert.

    .venv/bin/python benchmarks/posting.py [--count 1000] [--policies 250]

Ours: PostingService.post() — the form checked again, the policy looked up,
the day's activity read, the risk rules run, a serial taken, the posting, its
journal entry and the commit (WAL, synchronous=FULL). Baseline, in the same
run on the same database: the same rows written with bare SQLAlchemy in one
transaction each (serial counter update, posting, journal entry, journal
head), without the checks. Goals: ratio <= 3 at the median, p99 <= 15 ms.

The postings are contact changes spread over ``--policies`` policies, each with
its own holder (a busy counter day: 1,000 postings, four per policy). A posting
reads its policy's postings of the day and its customer's (the policy as it
stands, the day's cash): that work grows with them, as it should. ``--policies 1``
puts all 1,000 on one policy and one customer, the worst case: the thousandth
reads 999 postings of the day.
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


SURNAMES, GIVEN, ORDINALS = "王李张刘陈杨黄赵吴周", "伟芳敏静丽强磊军洋勇", "一二三四五六七八九十"


def more_policies(db, extra: int) -> list[tuple[str, str, str]]:
    """``extra`` copies of the demo's P2024000001, each held by a customer of its own;
    (policy number, holder's name, holder's ID) of those and of P2024000001."""
    from sqlalchemy import select

    from workstation.db.policies import Customer, Policy
    from workstation.domain.identity import check_digit

    with db.write() as s:
        first = s.scalars(select(Policy).where(Policy.policy_no == "P2024000001")).one()
        holders = [(first.policy_no, first.holder.name, first.holder.id_number)]
        columns = [c.key for c in Policy.__table__.columns if c.key not in ("policy_no",)]
        for n in range(1, extra + 1):
            first17 = f"11010519{70 + n // 900:02d}0101{n % 900 + 100:03d}"
            name = SURNAMES[n % 10] + GIVEN[n // 10 % 10] + ORDINALS[n // 100 % 10]
            person = Customer(
                name=name, id_number=first17 + check_digit(first17), sex="M",
                birth_date=first.holder.birth_date, id_expiry=first.holder.id_expiry,
            )  # fmt: skip
            copy = Policy(**{c: getattr(first, c) for c in columns}, policy_no=f"P2099{n:06d}")
            copy.holder = copy.insured = person
            s.add_all([person, copy])
            holders.append((copy.policy_no, person.name, person.id_number))
    return holders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--policies", type=int, default=250, help="policies the postings go to")
    args = parser.parse_args()
    count = args.count

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
        holders = more_policies(station.db, args.policies - 1)
        sample = {spec.key: spec.sample for spec in template.fields if not spec.agent_only}

        def submission(n: int = 0) -> Submission:
            state = FormState(template, today)
            policy_no, name, id_number = holders[n % len(holders)]
            state.values = sample | {
                "policy_no": policy_no,
                "applicant_name": name,
                "applicant_id": id_number,
            }
            state.ticked = {d.key for d in state.documents()}
            return Submission.from_state(state, uuid.uuid4().hex)

        station.postings.post(submission(), teller)  # warm caches and the first-row inserts
        ours = []
        for n in range(count):
            sub = submission(n)
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
