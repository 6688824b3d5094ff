"""The periodic service report at scale: a 20-counter branch over 90 days, about 80,000 tickets.

    .venv/bin/python benchmarks/service_report.py [--days 90] [--runs 3] [--data-dir DIR]

A fresh migrated demo database (``prepare_demo``) gets, in bulk inserts
(benchmarks/service_report_seed.py), 20 tellers at windows 05-24 serving the
customers of seven demo branches for ``--days`` working days (as the demo's history,
:mod:`workstation.services.demo_history`): tickets with their events (issue,
call, start, finish; no-shows called, recalled, marked), the windows' open,
pause, resume and close, and a rating per served ticket. ``--data-dir`` keeps
the database there and reuses it on the next run (seeding takes a minute or two).

Then the median of ``--runs`` of:

- the statistics of the whole period (``ServiceStatsService.period``: every
  figure per teller, window, service and the branch);
- the CSV, and the PDF (tables, two bar charts, the analysis) from those figures;
- the baseline: a bare ``SELECT service, count(*) FROM tickets GROUP BY service``
  on the same database.

Goals: statistics <= 1 s, PDF <= 2 s; both printed with their ratio to the baseline
(the ratio is what to compare across machines: a loaded machine slows all alike).
"""

from __future__ import annotations

import sys
from pathlib import Path

# the repository instead of this folder: benchmarks/forms.py would hide the forms package
sys.path[0] = str(Path(__file__).resolve().parents[1])


def measure(folder: Path, days: int, runs: int) -> None:
    from sqlalchemy import func, select, text

    from benchmarks.eod import median_ms
    from benchmarks.service_report_seed import seeded_station
    from printing.fonts import choose_font, register
    from printing.service_report import render_service_report, report_data
    from workstation.db.queue import Ticket
    from workstation.services.receipt_data import Bilingual
    from workstation.services.stats_csv import stats_csv

    station, _today = seeded_station(folder, days)
    try:
        with station.db.read() as s:
            first, last = s.execute(
                select(func.min(Ticket.business_date), func.max(Ticket.business_date))
            ).one()
            tickets = s.scalar(select(func.count()).select_from(Ticket)) or 0
        print(f"  {tickets:,} tickets, {first} … {last}, SQLite WAL FULL")
        grouped = text("SELECT service, count(*) FROM tickets GROUP BY service")

        def bare() -> object:
            with station.db.read() as s:
                return s.execute(grouped).all()

        service = station.stats
        base_ms, _ = median_ms(bare, runs)
        stats_ms, stats = median_ms(lambda: service.period(first, last), runs)
        csv_ms, _ = median_ms(lambda: stats_csv(stats), runs)  # type: ignore[arg-type]
        font = choose_font(station.config.printing.font)
        register(font)
        branch = Bilingual(station.branch.name_zh, station.branch.name_en)
        data = report_data(stats, branch, station.clock.zone)  # type: ignore[arg-type]
        pdf_ms, pdf = median_ms(lambda: render_service_report(data, font), runs)
    finally:
        station.close()
    served = stats.overall.figures.served  # type: ignore[attr-defined]
    print()
    print(f"{'what':<34} {'ms':>9} {'ratio':>8}  goal")
    print(f"{'bare GROUP BY service (baseline)':<34} {base_ms:9.1f} {1:7.1f}x")
    for what, ms, goal in (
        (f"statistics ({served:,} served)", stats_ms, "<= 1000 ms"),
        ("CSV from the figures", csv_ms, ""),
        (f"PDF ({len(pdf) // 1024} KB)", pdf_ms, "<= 2000 ms"),  # type: ignore[arg-type]
    ):
        print(f"{what:<34} {ms:9.1f} {ms / base_ms:7.1f}x  {goal}")


def main() -> None:
    from benchmarks.service_report_seed import command_line

    command_line(__doc__, "days", 90, 3, measure)


if __name__ == "__main__":
    main()
