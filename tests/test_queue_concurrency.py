"""Four counters calling next on one queue at once: every ticket is called exactly once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import FAST
from tests.queue_support import COUNTERS, one_queue_pack, open_today, queue_config
from workstation.db.queue import Ticket, TicketEvent
from workstation.domain.clock import SystemClock
from workstation.domain.queue import Priority, TicketStatus
from workstation.secrets import Secrets
from workstation.station import open_station

pytestmark = pytest.mark.db
ROOT = Path(__file__).resolve().parents[1]
TICKETS = 160
"""Forty calls each: the four callers race on every one (a ticket taken twice would show)."""
CALLER = [sys.executable, "-m", "tests.queue_caller"]


def test_four_processes_calling_next_serve_each_ticket_once(db_url, memory_keyring, tmp_path):
    pack = one_queue_pack(tmp_path)
    station = open_station(
        queue_config(db_url, "01", pack), Secrets(memory_keyring), SystemClock(), FAST
    )
    try:
        desk = station.auth.sign_in("L001", "demo1234")
        open_today(station)  # the real clock's day, not the demo's
        # one unit of work, numbered as issue() numbers (seconds, not a commit per ticket)
        orders = [
            ("payment", Priority.ELDERLY if i % 5 == 0 else Priority.NONE) for i in range(TICKETS)
        ]
        issued = station.queue.issue_many(desk, orders)
        assert [t.label for t in issued] == [f"A{n:03d}" for n in range(1, TICKETS + 1)]
        children = [
            subprocess.Popen(
                [*CALLER, db_url, counter, str(pack)],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for counter in COUNTERS
        ]
        for child in children:
            assert child.stdout.readline().strip() == "ready", child.stderr.read()
        for child in children:  # all start calling at once
            child.stdin.write("go\n")
            child.stdin.flush()
        called: list[str] = []
        for child in children:
            out, err = child.communicate(timeout=300)
            assert child.returncode == 0, err
            called += out.split()
        assert sorted(called) == sorted(f"A{n:03d}" for n in range(1, TICKETS + 1))
        with station.db.read() as s:
            done = s.scalar(select(func.count()).where(Ticket.status == TicketStatus.DONE))
            calls = s.scalar(select(func.count()).where(TicketEvent.kind == "call"))
            counters = s.scalar(select(func.count(func.distinct(Ticket.counter))))
        assert (done, calls) == (TICKETS, TICKETS)
        assert counters == len(COUNTERS), "every counter took part"
        assert station.journal.verify(station.db).ok
    finally:
        station.close()
