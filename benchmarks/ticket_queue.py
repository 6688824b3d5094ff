"""The queue: issue a ticket and call next with 1,000 tickets waiting, on SQLite.

    .venv/bin/python benchmarks/ticket_queue.py [--rounds 500]

Five services, four counters open (the demo pack, quotas raised so 1,000 fit).
Each round issues one ticket (QueueService.issue: number, ticket, event,
journal entry, estimate, commit) and calls the next at one counter in turn
(QueueService.call_next: shift and window checked, the rule over every ticket
the counter may call, the ticket taken, event, journal, commit), then finishes
it (not timed), so about 1,000 wait throughout. The first ``--warmup`` rounds (20:
each counter, service and priority once) are not timed nor profiled: a station
compiles each statement shape on its first use (20-40 ms for a counter's first
call), which a day of hundreds of calls carries once but which 300 timed rounds over
four counters would put at their 99th percentile. The set-up's writes (the demo
branch, the 1,000 tickets) are checkpointed and synced to the disk first, or the
kernel writes them back during the first rounds. Then rounds run until the WAL first
starts over (the checkpointer finishes it past ``FINISH_FRAMES``): meanwhile its file
grows to the length it keeps all day, and a commit that grows a file waits longer for
its fsync than one that overwrites. Those rounds happen once a day and are reported on
their own line; the figures are the ``--rounds`` after them. Baselines, timed in the same
rounds (so the machine's load weighs on them alike), on the same database and
through the same unit of work as the two steps, ``db.write_core()`` (write queue,
BEGIN IMMEDIATE, fsync'd commit; WAL checkpoints in the station's thread, as at a
workstation): one event row inserted; one event row and its journal entry (the least
a queue event may write). Goal: p99 <= 5 ms each; the ratios say what the queue costs
above a commit on this machine. On Linux the last line is the share of the host's CPU
time a hypervisor took (steal) during the rounds: on a shared VM a run it took from is
slower throughout, the baselines too, and its p99 says more about the host than the queue.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

# the repository instead of this folder: benchmarks/forms.py would hide the forms package
sys.path[0] = str(Path(__file__).resolve().parents[1])

WAITING = 1000
MAX_GROWTH_ROUNDS = 2000
STAFF = {"01": "T001", "02": "T002", "03": "S001", "04": "M001"}


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def cpu_times() -> list[int] | None:
    """The host's CPU time so far by kind (Linux ``/proc/stat``: user … steal); None elsewhere."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            return [int(n) for n in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None


def steal_share(before: list[int] | None, after: list[int] | None) -> float | None:
    """The share of the host's CPU time a hypervisor took between two ``cpu_times()``."""
    if before is None or after is None:
        return None
    spent = [b - a for a, b in zip(before, after, strict=True)]
    return spent[7] / max(1, sum(spent))


def wal_cycle(db) -> int:
    """The WAL's checkpoint sequence number (its header's bytes 12-15): one more each time
    it starts over. The file keeps its length then, the working length the first cycle gave."""
    with open(f"{db.url.database}-wal", "rb") as wal:
        return int.from_bytes(wal.read(16)[12:16], "big")


def settle(db) -> None:
    """The set-up's writes on the disk before the rounds: the demo branch (8 weeks of history)
    and the 1,000 tickets seeded are megabytes the kernel would otherwise write back, and the
    checkpointer copy, during the first seconds of the rounds, slowing their fsyncs."""
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    os.sync()


def timed(samples: list[float], call, *args):
    start = time.perf_counter()
    result = call(*args)
    samples.append((time.perf_counter() - start) * 1000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=20, help="untimed rounds first")
    parser.add_argument("--profile", help="write a cProfile of the timed rounds to this file")
    args = parser.parse_args()
    rounds = args.rounds

    from forms.branch_pack import DEFAULT_BRANCH_PACK
    from workstation.cli.demo import prepare_demo
    from workstation.config import QueueSection
    from workstation.db.queue_sql import insert_event
    from workstation.domain.cash import Count
    from workstation.domain.clock import SystemClock
    from workstation.domain.queue import Priority
    from workstation.services.journal import Where
    from workstation.services.passwords import Passwords
    from workstation.station import open_station

    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / "bench-pack.toml"
        text = DEFAULT_BRANCH_PACK.read_text(encoding="utf-8")
        pack.write_text(re.sub(r"daily_quota = \d+", "daily_quota = 9999", text), "utf-8")
        config, secrets = prepare_demo(Path(tmp), "zh")
        clock, fast = SystemClock(), Passwords.fast()
        stations, tellers = {}, {}
        for counter, staff in STAFF.items():
            at = config.model_copy(
                update={
                    "queue": QueueSection(pack=pack),
                    "branch": config.branch.model_copy(update={"counter": counter}),
                }
            )
            stations[counter] = station = open_station(at, secrets, clock, fast)
            tellers[counter] = teller = station.auth.sign_in(staff, "demo1234")
            station.till.open(teller, Count())
            station.queue.open_window(teller, counter)
        lobby, queue = stations["01"].auth.sign_in("L001", "demo1234"), stations["01"].queue
        services = [s.key for s in queue.services()]
        priorities = [Priority.NONE] * 4 + [Priority.ELDERLY]
        orders = [(services[i % 5], priorities[i % len(priorities)]) for i in range(WAITING)]
        for first in range(0, WAITING, 100):  # seeded as issue() numbers them, 100 a commit
            queue.issue_many(lobby, orders[first : first + 100])
        settle(queue.db)
        issued, called = [], []
        counters = list(STAFF)
        profiler = cProfile.Profile() if args.profile else None
        db, journal = queue.db, stations["01"].journal
        baseline, journaled = [], []

        def event_row() -> dict[str, object]:
            row = {"branch_code": "SH01", "ticket_id": None, "kind": "call", "at": clock.now()}
            return row | {"counter": "01", "staff": "T001", "detail": "{}"}

        def bare() -> None:
            with db.write_core() as unit:
                insert_event(unit, event_row())

        def bare_journaled() -> None:
            with db.write_core() as unit:
                insert_event(unit, event_row())
                journal.append(unit, "queue.call", {"bench": True}, Where("SH01", "01", "T001"))

        def one_round(i: int, *into: list[float]) -> None:
            issue_s, call_s, bare_s, journal_s = into or ([], [], [], [])
            service = services[i % len(services)]
            timed(issue_s, queue.issue, lobby, service, priorities[i % len(priorities)])
            counter = counters[i % len(counters)]
            window = stations[counter].queue
            timed(call_s, window.call_next, tellers[counter], counter)
            window.finish(tellers[counter], counter)
            timed(bare_s, bare)
            timed(journal_s, bare_journaled)

        for i in range(-args.warmup, 0):  # statement shapes compiled: not timed
            one_round(i)
        growing: tuple[list[float], ...] = ([], [], [], [])
        first_cycle, done = wal_cycle(db), 0
        while wal_cycle(db) == first_cycle and done < MAX_GROWTH_ROUNDS:
            one_round(done, *growing)  # timed apart: the WAL file grows to its working length
            done += 1
        host = cpu_times()
        if profiler:
            profiler.enable()
        for i in range(done, done + rounds):
            one_round(i, issued, called, baseline, journaled)
        steal = steal_share(host, cpu_times())
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        for station in stations.values():
            station.close()

    b50, b99 = statistics.median(baseline), percentile(baseline, 99)
    print(
        f"{rounds} rounds with ~{WAITING} tickets waiting, 5 services, 4 counters, SQLite WAL FULL"
    )
    for name, samples in (("issue", issued), ("call_next", called)):
        p50, p99 = statistics.median(samples), percentile(samples, 99)
        print(
            f"{name:<10} p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   goal p99 <= 5 ms"
            f"   ratio to bare insert p50 {p50 / b50:5.2f}x  p99 {p99 / b99:5.2f}x"
        )
    print(f"bare insert p50 {b50:6.2f} ms   p99 {b99:6.2f} ms   (same unit of work, same rounds)")
    j50, j99 = statistics.median(journaled), percentile(journaled, 99)
    print(
        f"+ journal   p50 {j50:6.2f} ms   p99 {j99:6.2f} ms   (a bare insert and its journal entry)"
    )
    if growing[0]:
        print(
            f"before them, {len(growing[0])} rounds until the WAL first started over (its file"
            f" growing meanwhile, once a day): issue p99 {percentile(growing[0], 99):.2f} ms,"
            f" call_next p99 {percentile(growing[1], 99):.2f} ms"
        )
    if steal is not None:  # on a VM: a run the hypervisor took CPU from is slower throughout
        print(f"CPU steal during the rounds: {steal:.1%} of the host's CPU time")


if __name__ == "__main__":
    main()
