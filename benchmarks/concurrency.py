"""Concurrency: 4 workstation processes posting 500 each on one database.

    .venv/bin/python benchmarks/concurrency.py [--processes 4] [--count 500]
        [--alone 200] [--no-sqlite] [--trace FILE]
        [--pg-url postgresql+psycopg://postgres@127.0.0.1:5433/postgres]

Each process is a counter with its own teller, signed in, shift open, one
posting made already (warm caches, as at a counter open a while; checked,
not timed). On one start signal each posts ``--count`` contact changes
(PostingService.post(): checks, risk rules, serial, posting, journal entry,
commit) back to back. Printed per database: postings/s; the latency of one
posting (p50, p99, max, mean) and the part of it spent waiting for the write
lock (the write queue and BEGIN IMMEDIATE on SQLite, SELECT … FOR UPDATE row
locks on PostgreSQL); the same posting made by one process alone on a fresh
branch just before (the baseline: the machine's speed at that moment), and
the ratio. Checked: every process succeeded, each counter's serials are
gapless, every posting has its journal entry, the chain verifies.

Goal on SQLite: p99 <= 50 ms, max <= 250 ms. SQLite writes one transaction
at a time, so with every counter posting back to back a posting waits for
one turn of each other counter: p50 about 4x alone is the fair figure. The
SQLite files are in a temporary folder; the PostgreSQL run creates fresh
databases on the server given and drops them. ``--trace FILE`` writes one
JSON line per posting: counter, serial, start, lock wait, end (Unix seconds).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
KEY = "5a" * 32
PASSWORD = "demo1234"


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _secrets():
    import keyring

    from workstation.secrets import JOURNAL_KEY, MemoryKeyring, Secrets

    backend = MemoryKeyring(explicit=True)
    backend.set_password("counter-workstation", JOURNAL_KEY, KEY)
    keyring.set_keyring(backend)
    return Secrets(backend)


def _lock_timer(engine) -> list[float]:
    """Seconds each transaction spent getting its write lock, one item per transaction."""
    from sqlalchemy import event

    waits: list[float] = []
    started: dict[int, float] = {}

    @event.listens_for(engine, "checkout")  # a unit of work starts: before its BEGIN
    def _checkout(dbapi_connection, _record, _proxy) -> None:
        started[id(dbapi_connection)] = time.perf_counter()
        waits.append(0.0)

    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn, _cursor, statement, *_args) -> None:
        if "FOR UPDATE" in statement:
            started[id(conn.connection.dbapi_connection)] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def _after(conn, _cursor, statement, *_args) -> None:
        if statement.startswith("BEGIN") or "FOR UPDATE" in statement:
            start = started.pop(id(conn.connection.dbapi_connection), None)
            if start is not None and waits:
                waits[-1] += time.perf_counter() - start

    return waits


def _time_queue(db, waits: list[float]) -> None:
    """Count the wait for the SQLite write queue (taken before the session begins) too."""
    queue = getattr(db, "queue", None)
    if queue is None:
        return
    turn = queue.turn

    @contextmanager
    def timed():
        start = time.perf_counter()
        with turn():
            waits.append(time.perf_counter() - start)
            yield

    queue.turn = timed


def _config(url: str, counter: str, output: Path):
    from workstation.config import BranchSection, Config, DatabaseSection, OutputSection

    return Config(
        database=DatabaseSection(url=url),
        branch=BranchSection(code="SH01", counter=counter),
        output=OutputSection(folder=output),
    )


def child(url: str, counter: str, teller_id: str, count: int) -> None:
    """One workstation: sign in, open the till, say ready, wait for go, post, report."""
    from forms.state import FormState
    from workstation.domain.cash import Count
    from workstation.domain.clock import SystemClock
    from workstation.services.passwords import Passwords
    from workstation.services.submission import Submission
    from workstation.station import open_station

    with tempfile.TemporaryDirectory() as output:
        config = _config(url, counter, Path(output))
        station = open_station(config, _secrets(), SystemClock(), Passwords.fast())
        waits = _lock_timer(station.db.engine)
        _time_queue(station.db, waits)
        teller = station.auth.sign_in(teller_id, PASSWORD)
        station.till.open(teller, Count())
        template = station.templates.by_code("2001")
        today = station.clock.now().date()
        values = {spec.key: spec.sample for spec in template.fields if not spec.agent_only}

        def submission() -> Submission:
            state = FormState(template, today)
            state.values = dict(values)
            state.ticked = {d.key for d in state.documents()}
            return Submission.from_state(state, uuid.uuid4().hex)

        warm = station.postings.post(submission(), teller).serial  # caches, first-row inserts
        print("ready", flush=True)
        sys.stdin.readline()
        records = []
        for _ in range(count):
            sub = submission()
            waits.clear()
            start = time.time()
            serial = station.postings.post(sub, teller).serial
            records.append([counter, serial, start, sum(waits), time.time()])
        station.close()
    json.dump({"warm": warm, "records": records}, sys.stdout)


def prepare(url: str, processes: int) -> None:
    """The demo branch, plus a counter and a teller for every process beyond the demo's."""
    from sqlalchemy import select

    from workstation.db.engine import Database
    from workstation.db.migrate import upgrade
    from workstation.db.models import Counter
    from workstation.domain.clock import SystemClock
    from workstation.domain.staff import Role
    from workstation.services.demo import seed_demo
    from workstation.services.journal import Journal
    from workstation.services.passwords import Passwords
    from workstation.services.staff import Person, StaffAdmin

    clock, passwords = SystemClock(), Passwords.fast()
    journal = Journal(bytes.fromhex(KEY), clock)
    db = Database(url)
    try:
        upgrade(db)
        seed_demo(db, journal, passwords, clock)
        staff = StaffAdmin(db, journal, passwords, clock, "benchmark")
        with db.write() as s:
            numbers = set(s.scalars(select(Counter.number)))
            for n in range(1, processes + 1):
                if f"{n:02d}" not in numbers:
                    s.add(
                        Counter(branch_code="SH01", number=f"{n:02d}", name_zh="柜台", name_en="C")
                    )
                if n > 2:
                    staff.create(s, "SH01", Person(f"T{n:03d}", "柜员", Role.TELLER, PASSWORD))
    finally:
        db.dispose()


def run(url: str, processes: int, count: int) -> list[list]:
    """Start the workstations, let them post at once, return every posting's record."""
    command = [sys.executable, __file__, "--child", url]
    children = [
        subprocess.Popen(
            [*command, f"{n:02d}", f"T{n:03d}", str(count)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(1, processes + 1)
    ]
    for proc in children:
        if proc.stdout.readline().strip() != "ready":
            sys.exit(f"a workstation did not start:\n{proc.communicate()[1]}")
    for proc in children:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    records, warm = [], []
    for proc in children:
        out, err = proc.communicate(timeout=600)
        if proc.returncode != 0:
            sys.exit(f"a workstation failed:\n{err}")
        done = json.loads(out)
        records += done["records"]
        warm.append(done["warm"])
    return records, warm


def check(url: str, records: list[list], warm: list[str], processes: int, count: int) -> str:
    """Gapless serials per counter, one journal entry per posting, an intact chain."""
    from sqlalchemy import func, select

    from workstation.db.engine import Database
    from workstation.db.models import JournalEntry
    from workstation.domain.clock import SystemClock
    from workstation.services.journal import Journal

    for n in range(1, processes + 1):
        serials = [r[1] for r in records if r[0] == f"{n:02d}"] + [warm[n - 1]]
        if sorted(int(serial.rsplit("-", 1)[1]) for serial in serials) != list(range(1, count + 2)):
            sys.exit(f"counter {n:02d}: serials are not 1..{count + 1} without gaps")
    db = Database(url)
    try:
        with db.read() as s:
            posted = s.scalar(select(func.count()).where(JournalEntry.event == "posted"))
        verification = Journal(bytes.fromhex(KEY), SystemClock()).verify(db)
    finally:
        db.dispose()
    if posted != len(records) + len(warm) or not verification.ok:
        sys.exit(f"journal: {posted} posted entries for {len(records) + len(warm)} postings")
    return f"serials gapless on {processes} counters, {posted} postings journaled, chain intact"


def _line(samples: list[float]) -> str:
    p50, p99, top = statistics.median(samples), percentile(samples, 99), max(samples)
    mean = statistics.mean(samples)
    return f"p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  max {top:7.1f} ms  mean {mean:6.1f} ms"


def _rate(records: list[list]) -> str:
    wall = max(r[4] for r in records) - min(r[2] for r in records)
    return f"{len(records)} postings in {wall:.1f} s: {len(records) / wall:.0f} postings/s"


def report(title: str, alone: list[list], records: list[list], checked: str, goal: bool) -> None:
    single = [(r[4] - r[2]) * 1000 for r in alone]
    latency = [(r[4] - r[2]) * 1000 for r in records]
    waits = [r[3] * 1000 for r in records]
    print(title)
    print(f"  alone      1 process, {_rate(alone)}")
    print(f"  posting    {_line(single)}")
    processes = len({r[0] for r in records})
    print(f"  together   {processes} processes, {_rate(records)}")
    print(f"  posting    {_line(latency)}")
    print(f"  lock wait  {_line(waits)}")
    ratio = [percentile(latency, p) / percentile(single, p) for p in (50, 99)]
    print(f"  ratio      p50 {ratio[0]:.1f}x, p99 {ratio[1]:.1f}x alone")
    print(f"  checked    {checked}")
    if goal:
        met = percentile(latency, 99) <= 50 and max(latency) <= 250
        print(f"  goal p99 <= 50 ms, max <= 250 ms: {'met' if met else 'NOT met'}")


@contextmanager
def _sqlite_database(name: str) -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / name}.db"


@contextmanager
def _pg_database(admin_url: str, name: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"ws_bench_{os.getpid()}_{name}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def bench(title: str, database, args, goal: bool) -> None:
    """One workstation alone (the baseline), then all of them together, each on a fresh branch."""
    with database("alone") as url:
        prepare(url, 1)
        alone, _warm = run(url, 1, args.alone)
    with database("together") as url:
        prepare(url, args.processes)
        records, warm = run(url, args.processes, args.count)
        checked = check(url, records, warm, args.processes, args.count)
    report(title, alone, records, checked, goal)
    for r in records if args.trace else ():
        args.trace.write(json.dumps({"db": title.split()[0], "record": r}) + "\n")


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        url, counter, teller, count = sys.argv[2:6]
        child(url, counter, teller, int(count))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--alone", type=int, default=200, help="postings of the baseline")
    parser.add_argument("--pg-url", help="a PostgreSQL server URL (a database is created on it)")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--trace", type=argparse.FileType("w"))
    args = parser.parse_args()
    shape = f"{args.processes} processes x {args.count} postings"
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} cores")
    if not args.no_sqlite:
        bench(f"SQLite WAL FULL, one file, {shape}", _sqlite_database, args, True)
    if args.pg_url:
        database = functools.partial(_pg_database, args.pg_url)
        bench(f"PostgreSQL, {shape}", database, args, False)


if __name__ == "__main__":
    main()
