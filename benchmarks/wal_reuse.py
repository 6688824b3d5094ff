"""A commit that appends to the WAL against one that overwrites a WAL started over.

    .venv/bin/python benchmarks/wal_reuse.py [--blocks 12] [--commits 400]

Raw sqlite3, WAL and ``synchronous = FULL`` as the workstation runs it, in the
system's temporary folder; a table with two indexes, three rows a commit. Blocks
alternate between the two states, each timed commit by commit:

- append: the WAL was truncated before the block, so every commit grows the file
  (what happens when checkpoints never catch up with the writers);
- overwrite: a checkpoint copied everything and the next commit started the WAL
  over, so commits rewrite the start of a file that keeps its size
  (what ``workstation/db/checkpoints.py`` brings about by finishing a long WAL
  in a write turn).

The ratio overwrite / append is what the fsync of a commit costs less when the WAL
starts over, on this disk.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blocks", type=int, default=12)
    parser.add_argument("--commits", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "wal.db", isolation_level=None)
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "wal_autocheckpoint = 0"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)")
        conn.execute("CREATE INDEX ix_a ON t (a)")
        conn.execute("CREATE INDEX ix_b ON t (b)")

        def commit() -> float:
            conn.execute("BEGIN IMMEDIATE")
            for _ in range(3):
                a, b = os.urandom(8).hex() * 12, os.urandom(8).hex() * 12
                conn.execute("INSERT INTO t (a, b) VALUES (?, ?)", (a, b))
            start = time.perf_counter()
            conn.execute("COMMIT")
            return (time.perf_counter() - start) * 1000

        for _ in range(args.commits * 4):  # a WAL of some size first
            commit()
        timed: dict[str, list[float]] = {"append": [], "overwrite": []}
        for block in range(args.blocks):
            state = "overwrite" if block % 2 else "append"
            mode = "RESTART" if state == "overwrite" else "TRUNCATE"
            conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()
            timed[state] += [commit() for _ in range(args.commits)]
        conn.close()
    for state, samples in timed.items():
        print(
            f"{state:<9} commit p50 {statistics.median(samples):5.2f} ms"
            f"   p90 {percentile(samples, 90):5.2f} ms   p99 {percentile(samples, 99):5.2f} ms"
        )
    for p in (50, 99):
        ratio = percentile(timed["overwrite"], p) / percentile(timed["append"], p)
        print(f"overwrite / append at p{p}: {ratio:4.2f}x")


if __name__ == "__main__":
    main()
