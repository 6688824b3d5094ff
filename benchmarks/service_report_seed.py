"""90 days of a 20-counter branch for benchmarks/service_report.py, written in bulk.

20 tellers (T101-T120, as in benchmarks/eod_seed.py) each keep one window
(05-24) over 90 working days (and the quieter Saturdays between), as the demo's history does
(:mod:`workstation.services.demo_history`: seven demo branches' customers, arriving
as :mod:`workstation.domain.arrivals` draws them and served by the queue rule at
windows 08:00-17:00 with a lunch pause, 5 % no-shows, 80 % rated, poor ratings
followed up in the opinion book). Windows 05-24 are not in the pack: they serve
every service.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from benchmarks.eod_seed import TELLERS
from workstation.db.models import Counter, Staff
from workstation.domain.workdays import is_working_day
from workstation.services.demo_history import Window, write_history

Measure = Callable[[Path, int, int], None]
"""A benchmark's measurement: the folder of the seeded database, the days or weeks, the runs."""

CROWD = 7
"""Seven demo branches' customers for the 20 windows (about 850 a working day, busy but
not overrun on a Monday or after a holiday)."""


def _staff_and_counters(s, start: datetime) -> None:
    password = s.scalar(select(Staff.password_hash).where(Staff.staff_id == "T001"))
    have_staff = set(s.scalars(select(Staff.staff_id)))
    have_counters = set(s.scalars(select(Counter.number)))
    staff = [
        dict(staff_id=sid, branch_code="SH01", name=name, role="teller", level=0,
             password_hash=password, created_at=start, password_changed_at=start)
        for sid, _, name in TELLERS if sid not in have_staff
    ]  # fmt: skip
    counters = [
        dict(branch_code="SH01", number=c, name_zh=f"{c} 号柜台", name_en=f"Counter {c}")
        for _, c, _ in TELLERS
        if c not in have_counters
    ]
    for model, rows in ((Staff, staff), (Counter, counters)):
        if rows:
            s.execute(insert(model), rows)


def seed(station, last: date, days: int, rng_seed: int = 11) -> int:
    """Write the ``days`` working days ending ``last``, without journal entries (the
    benchmark reads figures, not the journal). The number of tickets written."""
    first, worked = last, int(is_working_day(last))
    while worked < days:
        first -= timedelta(days=1)
        worked += is_working_day(first)
    days = (last - first).days + 1
    windows = [Window(counter, teller) for teller, counter, _ in TELLERS]
    with station.db.write() as s:
        _staff_and_counters(s, datetime(first.year, first.month, first.day, tzinfo=UTC))
        written = write_history(
            s, None, station.queue.pack, "SH01", windows, last, days, station.clock.zone,
            station.clock.now(), rng_seed, crowd=CROWD,
        )  # fmt: skip
    return written.tickets


def seeded_station(folder: Path, days: int | Callable[[date], int]):
    """The benchmark's station on the demo in ``folder``: seeded with ``days`` days (ending
    today; or ``days(today)``) the first time, reused as it is after that. Returns the
    station and its day."""
    import time

    from workstation.cli.demo import join_demo, prepare_demo
    from workstation.domain.clock import SystemClock, local_date
    from workstation.services.passwords import Passwords
    from workstation.station import open_station

    reuse = (folder / "demo.db").exists()
    config, secrets = join_demo(folder, "01", "zh") if reuse else prepare_demo(folder, "zh")
    station = open_station(config, secrets, SystemClock(), Passwords.fast())
    today = local_date(station.clock)
    if not reuse:
        start = time.perf_counter()
        days = days if isinstance(days, int) else days(today)
        seed(station, today, days)
        print(f"  seeded {days} days in {time.perf_counter() - start:.1f} s")
    return station, today


def command_line(doc: str, span: str, default: int, runs: int, measure: Measure) -> None:
    """The command line of a benchmark on seeded history: ``--<span> N --runs N --data-dir DIR``.

    ``measure(folder, span, runs)`` runs on the seeded database in ``folder``.
    """
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument(f"--{span}", type=int, default=default)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--data-dir", type=Path, help="keep (and reuse) the seeded database here")
    args = parser.parse_args()
    length = getattr(args, span)
    print(f"{length} {span}, 20 windows ...")
    in_folder(args.data_dir, lambda folder: measure(folder, length, args.runs))


def in_folder(data_dir: Path | None, measure: Callable[[Path], None]) -> None:
    """Run ``measure`` on ``data_dir`` (kept, and reused next time) or a temporary folder."""
    import tempfile

    if data_dir is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
        measure(data_dir)
        return
    with tempfile.TemporaryDirectory() as tmp:
        measure(Path(tmp))
