"""SQLite checkpoints off the teller's path.

In WAL mode every commit appends its pages to ``<file>-wal``; a checkpoint
copies them back into the database file and fsyncs it. By default SQLite
runs one inside whichever commit pushes the WAL past 1,000 pages: about one
call, issue or posting in fifty then pays a few milliseconds more for work
that is not its own (a queue event writes 12 to 19 pages). SQLite's own
advice (wal.html, "Automatic Checkpoint") is to run checkpoints "during idle
moments or in a separate thread" instead; this module is that thread.

A :class:`Checkpointer` runs ``PRAGMA wal_checkpoint(PASSIVE)`` on its own
connection every ``interval`` seconds: PASSIVE never waits for a reader or a
writer and never blocks one, it copies what it can. The units of work keep an
automatic checkpoint only as a safety net far above the usual size
(:data:`SAFETY_NET_PAGES`), so the WAL stays bounded should the thread fall
behind. Several workstations on one file each run one; the checkpoint lock
lets one in at a time and the others find nothing left to do.

A PASSIVE checkpoint copies the WAL as far as it was when it began. While
writers commit back to back (four counters, a lobby), each checkpoint ends
behind the newest commit, so the WAL is never wholly copied and never starts
over: it grows to the safety net, and every commit appends to the file, which
costs its fsync more than overwriting the start of a WAL that started over
(``benchmarks/wal_reuse.py``). So when a checkpoint leaves the WAL longer than
:data:`FINISH_FRAMES`, the thread finishes it in a turn of its own in the
database's write queue (:mod:`workstation.db.writelock`): no writer can commit
meanwhile, the few frames since are copied, and the next writer starts the WAL
over. The writers that ask meanwhile wait in the queue for that one short copy.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from workstation.db.writelock import WriteQueue

SAFETY_NET_PAGES = 10_000
"""The units of work's ``wal_autocheckpoint`` while a checkpointer runs (40 MiB of WAL)."""

INTERVAL_S = 1.0

FINISH_FRAMES = 4_000
"""A WAL still this long after a checkpoint is finished in a write turn (16 MiB).

Each finishing turn holds every writer that asks meanwhile for a copy and an fsync of
the database, 1 to 4 ms. Finishing at 1,000 frames (SQLite's automatic checkpoint size)
took 17 or 18 turns in a run of ``benchmarks/ticket_queue.py``, and one to three of the
ten slowest calls of a run were waiting for one; at 4,000 frames, 5 or 6 turns, none
among the slowest. A longer bar costs the commits nothing: a WAL that starts over keeps
its file, so every commit until it is that long again overwrites instead of appending."""

log = logging.getLogger(__name__)


class Checkpointer:
    """A daemon thread that checkpoints one SQLite file until :meth:`stop`."""

    def __init__(self, path: Path, interval: float, queue: WriteQueue | None = None) -> None:
        self.path = path
        self.interval = interval
        self.queue = queue
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Ask the thread to end and wait for it: its connection is closed on return."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _connect(self) -> sqlite3.Connection | None:
        """The thread's own connection; None while the file is not there yet (a new
        database: its first unit of work creates it), and the next turn tries again."""
        try:
            uri = f"{self.path.resolve().as_uri()}?mode=rw"  # never creates a missing file
            return sqlite3.connect(uri, uri=True, timeout=0, isolation_level=None)
        except sqlite3.Error as exc:
            log.debug("checkpoint waits for the file: %s", exc)
            return None

    def _run(self) -> None:
        conn = None
        try:
            while not self._stop.wait(self.interval):
                conn = conn or self._connect()
                if conn is not None:
                    self.checkpoint(conn)
            # what the last units of work left, before the file closes; no write turn: whoever
            # stops the thread may hold one, and nobody needs the WAL to start over any more
            conn = conn or self._connect()
            if conn is not None:
                self.checkpoint(conn, finish=False)
        finally:
            if conn is not None:
                conn.close()

    def checkpoint(self, conn: sqlite3.Connection, *, finish: bool = True) -> None:
        """Copy the WAL into the database; ``finish``: in a write turn if writers kept it long."""
        try:
            _busy, frames, _copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            if finish and frames >= FINISH_FRAMES and self.queue is not None:
                with self.queue.turn():  # nobody commits meanwhile: it copies the rest
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error as exc:  # a busy or vanished file: the next turn tries again
            log.debug("checkpoint skipped: %s", exc)
