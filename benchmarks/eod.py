"""End of day at scale: the figures and the two PDFs for a branch of 20 tellers.

    .venv/bin/python benchmarks/eod.py [--postings 5000 50000] [--runs 5]

For each size, a fresh migrated demo database (``prepare_demo``) gets, in bulk
inserts: 20 tellers at counters 05-24 with one shift each, the postings spread
over the 13 business types (cash or bank card, in and out, large cash, a few
reversals), their cash movements and approvals, vault transfers, and every
shift closed (some over or short). Then the median of ``--runs``:

- ReportService ``teller_day`` (one teller) and ``branch_day``, against a plain
  ``SELECT template_code, count(*), sum(amount_fen) FROM postings GROUP BY
  template_code`` on the same database;
- ``render_teller_reconciliation`` and ``render_branch_summary``, against a bare
  reportlab document in the same font: one Table with as many rows, one pass.

Goals at 5,000 postings: each computation <= 200 ms, each PDF <= 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.eod_seed import TELLERS, seed


def median_ms(work: Callable[[], object], runs: int) -> tuple[float, object]:
    """Median wall time of ``runs`` calls, in ms, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def bare_pdf(rows: int, font: str) -> bytes:
    """A reportlab document with nothing but one Table of ``rows`` rows of 7 strings."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    data = [["SH01-20261127-05-00001", "续期缴费", "1", "¥12,000.00", "¥0.00", "¥0.00", "¥0.00"]]
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1)
    doc.build([Table(data * rows, repeatRows=1, style=[("FONTNAME", (0, 0), (-1, -1), font)])])
    return buffer.getvalue()


def pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def measure(postings: int, runs: int) -> list[tuple[str, float, float, str, str]]:
    """(what, ours ms, baseline ms, detail, goal) for one branch day of ``postings``."""
    from sqlalchemy import text

    from printing.eod import render_branch_summary, render_teller_reconciliation
    from printing.fonts import choose_font, register
    from workstation.cli.demo import prepare_demo
    from workstation.domain.clock import SystemClock
    from workstation.services.passwords import Passwords
    from workstation.station import open_station

    with tempfile.TemporaryDirectory() as tmp:
        config, secrets = prepare_demo(Path(tmp), "zh")
        station = open_station(config, secrets, SystemClock(), Passwords.fast())
        try:
            day = station.clock.now().date()
            start = time.perf_counter()
            seed(station, day, postings)
            print(f"  seeded {postings:,} postings in {time.perf_counter() - start:.1f} s")
            reports, teller = station.reports, TELLERS[0][0]
            grouped = text(
                "SELECT template_code, count(*), sum(amount_fen) FROM postings"
                " GROUP BY template_code"
            )

            def plain() -> object:
                with station.db.read() as s:
                    return s.execute(grouped).all()

            base_sql, _ = median_ms(plain, runs)
            t_ms, t_data = median_ms(lambda: reports.teller_day(teller, day), runs)
            b_ms, b_data = median_ms(lambda: reports.branch_day(day), runs)
            font = choose_font(config.printing.font)
            name = register(font)
            t_rows = (
                sum(
                    len(getattr(t_data, f))
                    for f in ("businesses", "reversals", "approvals", "reprints", "transfers")
                )
                + 18
            )  # the ledger and the closing count
            b_rows = sum(
                len(getattr(b_data, f))
                for f in ("tellers", "businesses", "large_cash", "variances")
            )
            tp_ms, t_pdf = median_ms(lambda: render_teller_reconciliation(t_data, font), runs)
            bp_ms, b_pdf = median_ms(lambda: render_branch_summary(b_data, font), runs)
            tb_ms, _ = median_ms(lambda: bare_pdf(t_rows, name), runs)
            bb_ms, _ = median_ms(lambda: bare_pdf(b_rows, name), runs)
        finally:
            station.close()
    return [
        ("teller_day (one teller)", t_ms, base_sql, "", "<= 200 ms"),
        ("branch_day", b_ms, base_sql, f"{len(b_data.large_cash)} large cash", "<= 200 ms"),
        ("teller reconciliation PDF", tp_ms, tb_ms, f"{t_rows} rows, {pages(t_pdf)} p", "<= 1 s"),
        ("branch summary PDF", bp_ms, bb_ms, f"{b_rows} rows, {pages(b_pdf)} p", "<= 1 s"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = []
    for size in args.postings:
        print(f"{size:,} postings, {len(TELLERS)} tellers, SQLite WAL FULL ...")
        results.append((size, measure(size, args.runs)))
    print()
    head = f"{'postings':>9}  {'what':<27} {'ours ms':>9} {'base ms':>9} {'ratio':>7}"
    print(f"{head}  {'detail':<20} goal")
    for size, rows in results:
        for what, ours, base, detail, goal in rows:
            ratio = ours / base if base else float("inf")
            line = f"{size:>9,}  {what:<27} {ours:9.1f} {base:9.1f} {ratio:6.1f}x"
            print(f"{line}  {detail:<20} {goal}")
    print("baselines: GROUP BY template_code on postings; a bare reportlab Table of as many rows")


if __name__ == "__main__":
    main()
