"""``workstation plan [--date D] [--out DIR]``: a date's staffing plan by hour, as a PDF.

The plan (``workstation/services/staffing_plan.py``) of ``--date`` (default: tomorrow,
or the next working day when the branch is closed tomorrow) is loaded and drawn by
its entry in the print registry (``printing/documents.py``), the same figures and
paper the supervisor's screen prints; the PDF goes to ``--out`` (default: the output
folder) and its path is printed. ``--demo DIR`` plans for the demo running in DIR.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from workstation.cli.common import DAY, Context, demo_option, language_option, path_option


@click.command()
@click.option("--date", "day", type=DAY, help="The date to plan, YYYY-MM-DD (default: tomorrow).")
@path_option("--out", "out", "Folder to write to (default: the output folder).", file_okay=False)
@demo_option("Plan for")
@language_option
@click.pass_obj
def plan(
    obj: Context, day: datetime | None, out: Path | None, demo_dir: Path | None, lang: str | None
) -> None:
    """The staffing plan of a date: arrivals, windows needed and rostered per hour (PDF)."""
    from printing.documents import DOCUMENTS
    from printing.fonts import choose_font
    from printing.output import pdf_name
    from workstation.cli.displaycmd import station_opener
    from workstation.domain.i18n import Catalog
    from workstation.domain.prints import DocumentKind
    from workstation.files import write_atomically

    opener, config, language = station_opener(obj, demo_dir, lang)
    entry = DOCUMENTS[DocumentKind.STAFFING_PLAN]
    station = opener()
    try:
        chosen = day.date() if day else station.staffing.default_day().day
        figures = entry.load(station, chosen.isoformat())
        pdf = entry.render(figures, choose_font(config.printing.font))
    finally:
        station.close()
    name = pdf_name(DocumentKind.STAFFING_PLAN, entry.file_key(figures))
    click.echo(str(write_atomically((out or config.output.folder) / name, pdf)))
    if not figures.has_history:
        t = Catalog.load(language)
        kind = t(f"staffing.day_type.{figures.day_type}")
        click.echo(t("staffing.no_history", day_type=kind), err=True)
