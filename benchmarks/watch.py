"""Watcher latency: a commit in one process, seen and read by another.

    .venv/bin/python benchmarks/watch.py [--count 40] [--interval 0.15] [--no-sqlite]
        [--pg-url postgresql+psycopg://postgres@127.0.0.1:5433/postgres]

A reader process (the calling display's part) waits on a
:class:`workstation.db.watch.Watcher`; on each wake it reads the new rows.
This process is the writer (a counter calling a ticket): ``--count`` units of
work, 0.1–0.4 s apart at random phases, each inserting a row stamped with
the monotonic clock (shared by both processes on one machine) just before it
commits, with ``notify`` as the services will call it. Latency = the moment
the reader has read the row − the stamp: call pressed → display knows.

Printed per database: median, p90 and max latency in ms, and two ratios:
to the goal (a call on the display within 1 s) and, on SQLite, to the poll
interval (the baseline: a poll at a random phase costs half an interval on
average, so about 0.5 is all the watcher adds). The SQLite file is in a
temporary folder; on PostgreSQL a fresh database is created and dropped.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOAL_S = 1.0

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from workstation.db.engine import Database  # noqa: E402
from workstation.db.watch import QUEUE, Watcher, notify  # noqa: E402


def reader(url: str, count: int, interval: float) -> None:
    """The child: wait, read the new rows, print each one's latency (seconds)."""
    db = Database(url)
    last = 0
    with Watcher(db, channels=[QUEUE], interval=interval) as watcher:
        print("ready", flush=True)
        while last < count:
            if not watcher.wait(30):
                sys.exit("reader: nothing seen for 30 s")
            with db.read() as session:
                rows = session.execute(
                    text("SELECT n, t FROM watch_bench WHERE n > :last ORDER BY n"), {"last": last}
                ).all()
            now = time.monotonic()
            for n, stamp in rows:
                print(f"{n} {now - stamp:.6f}", flush=True)
                last = n
    db.dispose()


def run(url: str, count: int, interval: float) -> list[float]:
    db = Database(url)
    with db.write() as session:
        session.execute(text("CREATE TABLE watch_bench (n INTEGER, t DOUBLE PRECISION)"))
    child = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--reader",
            url,
            "--count",
            str(count),
            "--interval",
            str(interval),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    if child.stdout.readline().strip() != "ready":
        raise SystemExit("the reader did not start")
    for n in range(1, count + 1):
        time.sleep(random.uniform(0.1, 0.4))
        with db.write() as session:
            session.execute(
                text("INSERT INTO watch_bench (n, t) VALUES (:n, :t)"),
                {"n": n, "t": time.monotonic()},
            )
            notify(session, QUEUE)
    out, _ = child.communicate(timeout=60)
    db.dispose()
    if child.returncode != 0:
        raise SystemExit(f"the reader failed ({child.returncode})")
    latencies = [float(line.split()[1]) for line in out.splitlines()]
    assert len(latencies) == count, f"the reader saw {len(latencies)} of {count}"
    return latencies


def report(name: str, latencies: list[float], interval: float | None) -> None:
    ordered = sorted(latencies)
    median = statistics.median(ordered)
    p90 = ordered[round(0.9 * (len(ordered) - 1))]
    worst = ordered[-1]
    line = (
        f"{name:<11} n={len(ordered)}  median {median * 1000:6.1f} ms  p90 {p90 * 1000:6.1f} ms"
        f"  max {worst * 1000:6.1f} ms  max/goal {worst / GOAL_S:.2f}"
    )
    if interval:
        line += f"  median/poll {median / interval:.2f}"
    print(line + ("" if worst <= GOAL_S else "  OVER THE 1 s GOAL"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--interval", type=float, default=0.15, help="SQLite poll (s)")
    parser.add_argument("--pg-url", help="a PostgreSQL server URL (a database is created on it)")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--reader", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reader:
        reader(args.reader, args.count, args.interval)
        return
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{Path(folder) / 'watch.db'}"
            report("SQLite", run(url, args.count, args.interval), args.interval)
    if args.pg_url:
        name = f"bench_watch_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(args.pg_url).set(database=name).render_as_string(hide_password=False)
            report("PostgreSQL", run(url, args.count, args.interval), None)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
