"""The live staffing advisor's refresh with 1,000 tickets waiting, on SQLite.

    .venv/bin/python benchmarks/advisor.py [--rounds 500] [--weeks 0]

The demo branch (with ``--weeks`` of generated history before today), the demo
pack with quotas raised so 1,000 fit; 1,000 tickets issued today over the five
services, window 01 open, 30 tickets served at 01 so the cash zone's handling
time is measured. Each round times ``AdvisorService.advice()`` (two statements:
the day's tickets grouped by service, the windows; Erlang C per zone) and, in the
same round on the same database through the same ``db.read()``, the baseline: a
bare ``SELECT count(*)`` over the same tickets (the branch's, today's). Goal: the
refresh p99 <= 5 ms; the ratio says what the advice costs above counting the rows.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parents[1])

WAITING = 1000
SERVED = 30


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(samples: list[float], call):
    start = time.perf_counter()
    result = call()
    samples.append((time.perf_counter() - start) * 1000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=500)
    parser.add_argument("--weeks", type=int, default=0, help="weeks of demo history before today")
    args = parser.parse_args()

    from sqlalchemy import func, select

    from forms.branch_pack import DEFAULT_BRANCH_PACK
    from workstation.cli.demo import prepare_demo
    from workstation.config import QueueSection
    from workstation.db.queue import Ticket
    from workstation.domain.cash import Count
    from workstation.domain.clock import SystemClock, local_date
    from workstation.domain.queue import Priority
    from workstation.services.passwords import Passwords
    from workstation.station import open_station

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config, secrets = prepare_demo(folder, "zh", history_weeks=args.weeks)
        roomy = folder / "roomy-pack.toml"  # quotas raised so 1,000 fit
        shipped = DEFAULT_BRANCH_PACK.read_text(encoding="utf-8")
        roomy.write_text(re.sub(r"daily_quota = \d+", "daily_quota = 9999", shipped), "utf-8")
        config = config.model_copy(update={"queue": QueueSection(pack=roomy)})
        first = open_station(config, secrets, SystemClock(), Passwords.fast())
        clock, queue = first.clock, first.queue
        teller, lobby = (
            first.auth.sign_in("T001", "demo1234"),
            first.auth.sign_in("L001", "demo1234"),
        )
        first.till.open(teller, Count())
        queue.open_window(teller, "01")
        services = [s.key for s in queue.services()]
        orders = [(services[i % 5], Priority.NONE) for i in range(WAITING + SERVED * 5)]
        for start in range(0, len(orders), 100):
            queue.issue_many(lobby, orders[start : start + 100])
        for _ in range(SERVED):
            queue.call_next(teller, "01")
            queue.start(teller, "01")
            queue.finish(teller, "01")
        advisor, db, day = first.advisor, first.db, local_date(clock)
        t = Ticket.__table__.c
        count = select(func.count()).where(t.branch_code == "SH01", t.business_date == day)

        def bare() -> int:
            with db.read() as s:
                return int(s.scalar(count) or 0)

        advised, baseline = [], []
        advice = advisor.advice()
        for _ in range(args.rounds):
            advice = timed(advised, advisor.advice)
            timed(baseline, bare)
        tickets = bare()
        first.close()

    a50, a99 = statistics.median(advised), percentile(advised, 99)
    b50, b99 = statistics.median(baseline), percentile(baseline, 99)
    print(
        f"{args.rounds} rounds, {tickets} tickets today ({WAITING}+ waiting), "
        f"{args.weeks} weeks of history, SQLite"
    )
    print(
        f"advice     p50 {a50:6.2f} ms   p99 {a99:6.2f} ms   goal p99 <= 5 ms"
        f"   ratio to count(*) p50 {a50 / b50:5.2f}x  p99 {a99 / b99:5.2f}x"
    )
    print(f"count(*)   p50 {b50:6.2f} ms   p99 {b99:6.2f} ms   (same tickets, same db.read())")
    cash = advice.zone("cash")
    if cash is not None:
        print(f"cash: {cash.arrivals} arrivals, {cash.waiting} waiting, windows {cash.windows}")


if __name__ == "__main__":
    main()
