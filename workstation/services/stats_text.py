"""How the service statistics read on screen and paper: durations, rates, the analysis.

The same strings on the supervisor's screen and in the PDF, so what a test
finds in one it finds in the other. The analysis names the best and the
worst figures against the branch pack's targets, in Chinese with English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from workstation.services.stats_figures import Figures, Group, ServiceStats

DASH = "—"


def duration(seconds: float | None) -> str:
    """``5:00`` (m:ss), ``1:23:00`` (h:mm:ss) from an hour on; a dash for nothing."""
    if seconds is None:
        return DASH
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def percent(rate: float | None) -> str:
    """``66.7%``; a dash for a rate over nothing."""
    return DASH if rate is None else f"{rate * 100:.1f}%"


def count(value: int | None) -> str:
    return DASH if value is None else str(value)


FIGURES = """
served        服务人数      Served           count
wait_p50      等候时长P50   Wait p50         duration
wait_p90      等候时长P90   Wait p90         duration
serve_p50     办理时长P50   Serve p50        duration
serve_mean    平均办理时长  Serve mean       duration
sla_rate      等候达标率    SLA attainment   percent
no_show_rate  过号率        No-show rate     percent
satisfaction  满意率        Satisfaction     percent
rating_rate   评价率        Rating rate      percent
late_ratings  迟评          Late ratings     count
idle_seconds  空闲时长      Idle time        duration
overrides     授权申请      Overrides asked  count
"""
"""Every figure a group has, in the order tables show them: its attribute of
:class:`Figures`, its names and how it reads."""
SHOWN: dict[str, Callable[..., str]] = {"count": count, "duration": duration, "percent": percent}


def _shown(attribute: str, how: str) -> Callable[[Figures], str]:
    show = SHOWN[how]
    return lambda figures: show(getattr(figures, attribute))


def _figure_rows() -> tuple[tuple[str, str, Callable[[Figures], str]], ...]:
    rows = [re.split(r"\s{2,}", line.strip()) for line in FIGURES.strip().splitlines()]
    return tuple((zh, en, _shown(attribute, how)) for attribute, zh, en, how in rows)


FIGURE_ROWS = _figure_rows()
"""(zh, en, text) of every figure a group has, in the order tables show them."""


def extra_text(figures: Figures, key: str) -> str:
    """An extra figure (opinions, incidents) of a group, or a dash where none was supplied."""
    for extra in figures.extra:
        if extra.key == key:
            return str(extra.value)
    return DASH


def _extremes(
    groups: Sequence[Group], value: Callable[[Group], float | None]
) -> tuple[Group, Group] | None:
    measured = [(v, g.key, g) for g in groups if (v := value(g)) is not None]
    if not measured:
        return None
    measured.sort(key=lambda item: (item[0], item[1]))
    return measured[-1][2], measured[0][2]


def _best_and_worst(
    groups: Sequence[Group],
    rate: Callable[[Group], float | None],
    figure: tuple[str, str],
    names: Callable[[Group], tuple[str, str]],
) -> list[str]:
    """``满意率最高：… ；最低：… 。 Highest satisfaction: …; lowest: ….`` (or nothing)."""
    found = _extremes(groups, rate)
    if not found:
        return []
    (best_zh, best_en), (worst_zh, worst_en) = names(found[0]), names(found[1])
    high, low = percent(rate(found[0])), percent(rate(found[1]))
    zh = f"{figure[0]}最高：{best_zh} {high}；最低：{worst_zh} {low}。"
    return [f"{zh} Highest {figure[1]}: {best_en} {high}; lowest: {worst_en} {low}."]


def analysis(stats: ServiceStats) -> list[str]:
    """The analysis lines: best and worst against the targets, each in both languages."""
    lines: list[str] = []
    lines += _best_and_worst(
        stats.tellers, lambda g: g.figures.satisfaction, ("满意率", "satisfaction"),
        lambda g: (g.label, g.key),
    )  # fmt: skip
    over = [
        g
        for g in stats.services
        if g.target_wait is not None and (g.figures.wait_p90 or 0) > g.target_wait
    ]
    for g in over:
        p90, target = duration(g.figures.wait_p90), duration(g.target_wait)
        lines.append(
            f"{g.name_zh}等候P90 {p90} 超过目标 {target}。"
            f" {g.name_en}: wait p90 {p90} is over the target {target}."
        )
    if stats.services and not over:
        lines.append("各业务等候P90均在目标内。 Every service's wait p90 is within its target.")
    lines += _best_and_worst(
        stats.services, lambda g: g.figures.sla_rate, ("等候达标率", "SLA attainment"),
        lambda g: (g.name_zh, g.name_en),
    )  # fmt: skip
    found = _extremes(stats.counters, lambda g: g.figures.no_show_rate)
    if found:
        worst = found[0]
        rate = percent(worst.figures.no_show_rate)
        en = f"Highest no-show rate: window {worst.key} {rate}."
        lines.append(f"过号率最高：{worst.key}号窗口 {rate}。 {en}")
    found = _extremes(stats.counters, lambda g: g.figures.idle_seconds)
    if found:
        most = found[0]
        idle = duration(most.figures.idle_seconds)
        lines.append(f"空闲最多：{most.key}号窗口 {idle}。 Most idle: window {most.key} {idle}.")
    late = stats.overall.figures.late_ratings
    if late:
        plural = "s" if late != 1 else ""
        lines.append(f"迟评 {late} 笔，需核实。 {late} late rating{plural} to look into.")
    return lines
