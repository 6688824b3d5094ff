"""The service statistics as CSV for a spreadsheet: a header row, then one row per group.

Counts are integers, seconds have one decimal, rates are fractions with four
decimals (``0.6000``); a figure not measured for a group, or a rate over
nothing, is an empty cell. Extra figures (opinions, incidents) from the
providers follow as columns named by their keys.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from workstation.services.stats_figures import Group, ServiceStats

Cellf = Callable[[Group], str]


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


SPEC = """
dimension      group.dimension   text
key            group.key         text
name_zh        group.name_zh     text
name_en        group.name_en     text
served         served            count
no_shows       no_shows          count
no_show_rate   no_show_rate      rate
wait_p50_s     wait_p50          seconds
wait_p90_s     wait_p90          seconds
target_wait_s  group.target_wait seconds
sla_met        sla_met           count
sla_rate       sla_rate          rate
serve_p50_s    serve_p50         seconds
serve_mean_s   serve_mean        seconds
rated          rated             count
satisfied      satisfied         count
satisfaction   satisfaction      rate
rating_rate    rating_rate       rate
late_ratings   late_ratings      count
open_s         open_seconds      seconds
idle_s         idle_seconds      seconds
overrides      overrides         count
"""
"""Each column before the extra figures: its header, where its value is (a figure of
:class:`Figures`, or ``group.`` an attribute of the group) and how it is written."""
WRITTEN: dict[str, Callable[..., str]] = {
    "text": str, "count": _count, "rate": _rate, "seconds": _seconds,
}  # fmt: skip


def _cell(source: str, how: str) -> Cellf:
    write = WRITTEN[how]
    if source.startswith("group."):
        attribute = source.removeprefix("group.")
        return lambda group: write(getattr(group, attribute))
    return lambda group: write(getattr(group.figures, source))


COLUMNS: tuple[tuple[str, Cellf], ...] = tuple(
    (header, _cell(source, how))
    for header, source, how in (line.split() for line in SPEC.strip().splitlines())
)
"""(header, cell) of every column before the extra figures."""


def stats_csv(stats: ServiceStats) -> str:
    """The CSV text (UTF-8 when written; ``\\r\\n`` line ends, as the csv module writes)."""
    out = io.StringIO()
    writer = csv.writer(out)
    extra = [key for key, _zh, _en in stats.extra_keys]
    writer.writerow(["period_from", "period_to", *(name for name, _ in COLUMNS), *extra])
    period = [stats.first.isoformat(), stats.last.isoformat()]
    for group in stats.groups():
        values = {x.key: x.value for x in group.figures.extra}
        extras = [str(values[key]) if key in values else "" for key in extra]
        writer.writerow([*period, *(cell(group) for _, cell in COLUMNS), *extras])
    return out.getvalue()
