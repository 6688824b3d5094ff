"""``workstation report``: the periodic reports of a branch.

``workstation report service --from DATE --to DATE --format pdf|csv [--out PATH]``
writes the service report (服务通报) of business dates DATE … DATE: a PDF with
tables, bar charts and the analysis, or a CSV (one row per group) for a
spreadsheet. ``--demo DIR`` reports on the demo running in DIR.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workstation.cli.common import DAY, Context, demo_option, language_option, path_option

if TYPE_CHECKING:
    from workstation.services.stats_figures import ServiceStats
    from workstation.station import Station


@click.group()
def report() -> None:
    """Periodic reports of the branch (服务通报)."""


def _day(value: datetime) -> date:
    return value.date()


@report.command("service")
@click.option("--from", "first", required=True, type=DAY, help="First business date, YYYY-MM-DD.")
@click.option("--to", "last", required=True, type=DAY, help="Last business date, YYYY-MM-DD.")
@click.option(
    "--format", "kind", type=click.Choice(["pdf", "csv"]), default="pdf", show_default=True
)
@path_option("--out", "out", "The file to write (default: the output folder).", dir_okay=False)
@demo_option("Report on")
@language_option
@click.pass_obj
def service(
    obj: Context,
    first: datetime,
    last: datetime,
    kind: str,
    out: Path | None,
    demo_dir: Path | None,
    lang: str | None,
) -> None:
    """The service report of business dates FROM … TO: figures per teller, window, service."""
    from workstation.cli.displaycmd import station_opener
    from workstation.files import write_atomically

    opener, config, _lang = station_opener(obj, demo_dir, lang)
    station = opener()
    try:
        stats = station.stats.period(_day(first), _day(last))
        if kind == "csv":
            from workstation.services.stats_csv import stats_csv

            data = stats_csv(stats).encode("utf-8")
        else:
            data = _pdf(station, stats)
    finally:
        station.close()
    name = f"service-report-{stats.branch_code}-{stats.first}-{stats.last}.{kind}"
    target = write_atomically(out or config.output.folder / name, data)
    click.echo(str(target))


def _pdf(station: Station, stats: ServiceStats) -> bytes:
    from printing.fonts import choose_font
    from printing.service_report import render_service_report, report_data
    from workstation.services.receipt_data import Bilingual

    branch = Bilingual(station.branch.name_zh, station.branch.name_en)
    figures = report_data(stats, branch, station.clock.zone)
    return render_service_report(figures, choose_font(station.config.printing.font))
