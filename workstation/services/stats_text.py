"""How the service statistics read on screen and paper: durations, rates, the analysis.

The same strings on the supervisor's screen and in the PDF, so what a test
finds in one it finds in the other. The analysis names the best and the
worst figures against the branch pack's targets, in Chinese with English.
"""

from __future__ import annotations

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


FIGURE_ROWS: tuple[tuple[str, str, Callable[[Figures], str]], ...] = (
    ("服务人数", "Served", lambda f: count(f.served)),
    ("等候时长P50", "Wait p50", lambda f: duration(f.wait_p50)),
    ("等候时长P90", "Wait p90", lambda f: duration(f.wait_p90)),
    ("办理时长P50", "Serve p50", lambda f: duration(f.serve_p50)),
    ("平均办理时长", "Serve mean", lambda f: duration(f.serve_mean)),
    ("等候达标率", "SLA attainment", lambda f: percent(f.sla_rate)),
    ("过号率", "No-show rate", lambda f: percent(f.no_show_rate)),
    ("满意率", "Satisfaction", lambda f: percent(f.satisfaction)),
    ("评价率", "Rating rate", lambda f: percent(f.rating_rate)),
    ("迟评", "Late ratings", lambda f: count(f.late_ratings)),
    ("空闲时长", "Idle time", lambda f: duration(f.idle_seconds)),
    ("授权申请", "Overrides asked", lambda f: count(f.overrides)),
)
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


def analysis(stats: ServiceStats) -> list[str]:
    """The analysis lines: best and worst against the targets, each in both languages."""
    lines: list[str] = []
    found = _extremes(stats.tellers, lambda g: g.figures.satisfaction)
    if found:
        best, worst = found
        lines.append(
            f"满意率最高：{best.label} {percent(best.figures.satisfaction)}；"
            f"最低：{worst.label} {percent(worst.figures.satisfaction)}。"
            f" Highest satisfaction: {best.key} {percent(best.figures.satisfaction)};"
            f" lowest: {worst.key} {percent(worst.figures.satisfaction)}."
        )
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
    found = _extremes(stats.services, lambda g: g.figures.sla_rate)
    if found:
        best, worst = found
        lines.append(
            f"等候达标率最高：{best.name_zh} {percent(best.figures.sla_rate)}；"
            f"最低：{worst.name_zh} {percent(worst.figures.sla_rate)}。"
            f" Best SLA attainment: {best.name_en} {percent(best.figures.sla_rate)};"
            f" worst: {worst.name_en} {percent(worst.figures.sla_rate)}."
        )
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
