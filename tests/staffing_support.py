"""Hand-made ticket history for the staffing plan: rows written in bulk at known times.

The plan's figures are then known exactly: 12 payment tickets from 10:00 to 11:00
(one every five minutes, each served five minutes, at windows 01 and 02) on each
of the four Mondays before Monday 2026-11-30 give 12 arrivals an hour in the cash
zone, a handling time of 300 s and two rostered windows at 10:00.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from sqlalchemy import insert

from tests.conftest import SHANGHAI
from workstation.db.queue import Ticket

PLAN_DAY = date(2026, 11, 30)
"""A Monday: the next working day after the test clock's Friday 2026-11-27."""
MONDAYS = (date(2026, 11, 23), date(2026, 11, 16), date(2026, 11, 9), date(2026, 11, 2))
_numbers = itertools.count(1)


def ticket(
    day: date, hh: int, mm: int, service: str, counter: str | None = "01",
    serve: int | None = 300, parent: int | None = None,
) -> dict[str, object]:  # fmt: skip
    """A ticket arrived at hh:mm (Shanghai) on ``day``; served ``serve`` seconds from one
    minute later at ``counter`` (``None``: never started)."""
    arrived = datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)
    started = None if serve is None else arrived + timedelta(minutes=1)
    n = next(_numbers)
    return dict(
        branch_code="SH01", business_date=day, service=service, number=n, label=f"X{n:03d}",
        priority="none", status="done" if started else "waiting", arrived_at=arrived,
        queued_at=arrived, issued_by="L001", counter=counter if started else None,
        calls=1 if started else 0, called_at=started, started_at=started,
        finished_at=None if started is None else started + timedelta(seconds=serve or 0),
        parent_id=parent,
    )  # fmt: skip


def monday_rush(day: date) -> list[dict[str, object]]:
    """12 payments 10:00-10:55 at windows 01 and 02, 300 s each; 3 consultations at
    11:00-11:20 never finished (their handling time is the pack's 5 minutes)."""
    rows = [ticket(day, 10, 5 * i, "payment", "01" if i % 2 else "02") for i in range(12)]
    rows += [ticket(day, 11, 10 * i, "consultation", serve=None) for i in range(3)]
    return rows


def write(station, rows: list[dict[str, object]]) -> None:
    with station.db.write() as s:
        s.execute(insert(Ticket), rows)


def four_mondays(station) -> None:
    """The rush on the four Mondays before :data:`PLAN_DAY`, and noise on other days."""
    rows = [row for day in MONDAYS for row in monday_rush(day)]
    rows += [ticket(date(2026, 11, 24), 10, i, "payment") for i in range(30)]  # a Tuesday
    rows += [ticket(date(2026, 10, 26), 10, i, "payment") for i in range(30)]  # 5 weeks back
    write(station, rows)
