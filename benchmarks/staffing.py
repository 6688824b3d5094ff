"""Tomorrow's staffing plan from 8 weeks of history of a 20-counter branch.

    .venv/bin/python benchmarks/staffing.py [--weeks 8] [--runs 7] [--data-dir DIR]

A fresh migrated demo database (``prepare_demo``) gets, in bulk inserts, 20 tellers
at windows 05-24 serving back to back on the working days of ``--weeks`` weeks
(``benchmarks/service_report_seed.py``, the demo's history generator). ``--data-dir``
keeps the database there and reuses it on the next run.

Then the median of ``--runs`` of:

- the plan of tomorrow (``StaffingPlanService.plan``: the same-day-type dates, two
  grouped statements, Erlang C per zone and hour, the what-if with the rostered
  windows);
- the what-if alone (``what_if`` with one window more in every hour and zone);
- the baseline: the same history rows read bare, a plain ``SELECT`` of the columns the
  plan groups (arrival, service, parent, start, finish, counter) over the same
  business dates, every row fetched.

Goal: the plan <= 200 ms; printed with its ratio to the baseline (the ratio is what
to compare across machines). The live advisor's refresh (<= 5 ms) is measured here
too once ``workstation/services/advisor.py`` exists; until then it is skipped.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date, timedelta
from pathlib import Path

# the repository instead of this folder: benchmarks/forms.py would hide the forms package
sys.path[0] = str(Path(__file__).resolve().parents[1])


def measure(folder: Path, weeks: int, runs: int) -> None:
    from sqlalchemy import func, select

    from benchmarks.eod import median_ms
    from benchmarks.service_report_seed import seeded_station
    from workstation.db.queue import Ticket
    from workstation.domain.workdays import is_working_day
    from workstation.services.staffing_history import history_dates
    from workstation.services.staffing_plan import what_if

    def working_days(today: date) -> int:
        return sum(is_working_day(today - timedelta(days=n)) for n in range(weeks * 7))

    station, _today = seeded_station(folder, working_days)
    try:
        plans = station.staffing
        day = plans.default_day().day
        dates = history_dates(day, plans.goals.history_weeks)
        t = Ticket.__table__.c
        columns = (t.arrived_at, t.service, t.parent_id, t.started_at, t.finished_at, t.counter)
        rows = select(*columns).where(t.branch_code == "SH01", t.business_date.in_(dates))
        with station.db.read() as s:
            tickets = s.scalar(select(func.count()).select_from(Ticket)) or 0
            read = s.scalar(select(func.count()).select_from(rows.subquery())) or 0
        print(f"  {tickets:,} tickets in all; the plan of {day} reads {read:,} of them")
        print(f"  ({len(dates)} dates of its type: {', '.join(map(str, dates))})")

        def bare() -> object:
            with station.db.read() as s:
                return s.execute(rows).all()

        base_ms, _ = median_ms(bare, runs)
        plan_ms, plan = median_ms(lambda: plans.plan(day), runs)
        more = {cell: n + 1 for cell, n in plan.windows().items()}  # type: ignore[attr-defined]
        what_ms, _ = median_ms(lambda: what_if(plan, more), runs)  # type: ignore[arg-type]
    finally:
        station.close()
    print()
    print(f"{'what':<38} {'ms':>9} {'ratio':>8}  goal")
    print(f"{'bare SELECT of the rows (baseline)':<38} {base_ms:9.2f} {1:7.2f}x")
    print(f"{'the plan of ' + str(day):<38} {plan_ms:9.2f} {plan_ms / base_ms:7.2f}x  <= 200 ms")
    print(f"{'the what-if (+1 window everywhere)':<38} {what_ms:9.2f} {what_ms / base_ms:7.2f}x")
    if importlib.util.find_spec("workstation.services.advisor") is None:
        print("the live advisor's refresh: skipped (workstation/services/advisor.py absent)")


def main() -> None:
    from benchmarks.service_report_seed import command_line

    command_line(__doc__, "weeks", 8, 7, measure)


if __name__ == "__main__":
    main()
