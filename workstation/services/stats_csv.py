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

from workstation.services.stats_figures import Figures, Group, ServiceStats

Cellf = Callable[[Group], object]


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def _f(read: Callable[[Figures], object], show: Callable[..., str]) -> Cellf:
    return lambda group: show(read(group.figures))


COLUMNS: tuple[tuple[str, Cellf], ...] = (
    ("dimension", lambda g: str(g.dimension)),
    ("key", lambda g: g.key),
    ("name_zh", lambda g: g.name_zh),
    ("name_en", lambda g: g.name_en),
    ("served", _f(lambda f: f.served, _count)),
    ("no_shows", _f(lambda f: f.no_shows, _count)),
    ("no_show_rate", _f(lambda f: f.no_show_rate, _rate)),
    ("wait_p50_s", _f(lambda f: f.wait_p50, _seconds)),
    ("wait_p90_s", _f(lambda f: f.wait_p90, _seconds)),
    ("target_wait_s", lambda g: _seconds(g.target_wait)),
    ("sla_met", _f(lambda f: f.sla_met, _count)),
    ("sla_rate", _f(lambda f: f.sla_rate, _rate)),
    ("serve_p50_s", _f(lambda f: f.serve_p50, _seconds)),
    ("serve_mean_s", _f(lambda f: f.serve_mean, _seconds)),
    ("rated", _f(lambda f: f.rated, _count)),
    ("satisfied", _f(lambda f: f.satisfied, _count)),
    ("satisfaction", _f(lambda f: f.satisfaction, _rate)),
    ("rating_rate", _f(lambda f: f.rating_rate, _rate)),
    ("late_ratings", _f(lambda f: f.late_ratings, _count)),
    ("open_s", _f(lambda f: f.open_seconds, _seconds)),
    ("idle_s", _f(lambda f: f.idle_seconds, _seconds)),
    ("overrides", _f(lambda f: f.overrides, _count)),
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
        writer.writerow([*period, *(str(cell(group)) for _, cell in COLUMNS), *extras])
    return out.getvalue()
