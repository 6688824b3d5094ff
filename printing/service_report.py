"""The periodic service report (服务通报), A4: the period's figures, charts and analysis.

Title and period, the branch's figures, a table per teller, counter and
service, two bar charts (``printing/service_charts.py``) and the analysis
lines (best and worst against the targets, ``workstation/services/stats_text.py``).
Extra figures from other parts of the branch (opinions, incidents) get a
table of their own when a provider supplied any.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from printing.base import A4, build_pdf
from printing.columns import NUM, TEXT, Column
from printing.fonts import FontChoice, register
from printing.grid import Cell, grid
from printing.report_parts import gap, listing, plain, report_page, section, title_block
from printing.service_charts import satisfaction_chart, wait_chart
from workstation.domain.clock import stamp
from workstation.services.receipt_data import Bilingual, BranchHeader, FirstPrint
from workstation.services.stats_figures import Dimension, Group, ServiceStats
from workstation.services.stats_text import DASH, FIGURE_ROWS, analysis, duration, extra_text

MARGIN = 12 * mm
FORMULAS = (
    "满意率 = (非常满意+满意)/已评价；评价率 = 已评价/办结；达标 = 等候不超过业务目标。"
    " Satisfaction = (very satisfied + satisfied) / rated; rating rate = rated / finished;"
    " SLA = wait within the service's target."
)
TITLE = Bilingual("服务通报", "Service report")
OVERALL = (Column("指标", "Figure", TEXT), Column("全网点", "Branch", NUM))
FIRST = {
    Dimension.TELLER: Column("柜员", "Teller", TEXT, 1.4),
    Dimension.COUNTER: Column("窗口", "Window", TEXT),
    Dimension.SERVICE: Column("业务", "Service", TEXT, 1.6),
}
HEADINGS = {
    Dimension.TELLER: ("各柜员", "Per teller"),
    Dimension.COUNTER: ("各窗口", "Per window"),
    Dimension.SERVICE: ("各业务", "Per service"),
}
SKIP = {
    Dimension.TELLER: {"Idle time"},
    Dimension.COUNTER: set(),
    Dimension.SERVICE: {"Idle time", "Overrides asked"},
}
"""Figures a dimension does not measure: left out of its table rather than dashed."""


@dataclass(frozen=True)
class ServiceReportData(FirstPrint):
    """What the report prints: the statistics and the branch's page header."""

    stats: ServiceStats
    header: BranchHeader
    zone: tzinfo
    """The branch's zone, for the time it was computed."""


def _columns(dimension: Dimension) -> list[Column]:
    columns = [FIRST[dimension]]
    if dimension is Dimension.SERVICE:
        columns.append(Column("目标等候", "Target", NUM))
    columns += [Column(zh, en, NUM) for zh, en, _ in FIGURE_ROWS if en not in SKIP[dimension]]
    return columns


def _rows(groups: Sequence[Group], dimension: Dimension) -> list[list[str]]:
    rows = []
    for group in groups:
        row = [group.label]
        if dimension is Dimension.SERVICE:
            row.append(duration(group.target_wait))
        row += [text(group.figures) for _, en, text in FIGURE_ROWS if en not in SKIP[dimension]]
        rows.append(row)
    return rows


def _extras(stats: ServiceStats, font: str, width: float) -> list[Flowable]:
    if not stats.extra_keys:
        return []
    columns = [Column("范围", "Group", TEXT)]
    columns += [Column(zh, en, NUM) for _key, zh, en in stats.extra_keys]
    rows = [
        [group.label, *(extra_text(group.figures, key) for key, _zh, _en in stats.extra_keys)]
        for group in stats.groups()
        if group.figures.extra
    ]
    return listing("其他指标", "Other figures", columns, rows, font, width)


def render_service_report(data: ServiceReportData, font: FontChoice) -> bytes:
    """The report as PDF bytes (A4 landscape: the group tables are wide)."""
    name = register(font)
    pagesize = landscape(A4)
    width = pagesize[0] - 2 * MARGIN
    stats = data.stats
    period = f"{stats.first.isoformat()} — {stats.last.isoformat()}"
    facts = [
        Cell("统计期间", "Period", period),
        Cell("网点", "Branch", f"{data.header.branch.zh} {data.header.branch.en}"),
        Cell("生成时间", "Computed at", stamp(stats.computed_at, data.zone)),
        Cell("口径", "Definitions", "等候=取号至首次叫号 Wait = issue to first call"),
    ]
    story: list[Flowable] = [title_block(TITLE, name, width), gap(), grid(facts, name, width)]
    overall = [[f"{zh} {en}", text(stats.overall.figures)] for zh, en, text in FIGURE_ROWS]
    story += listing("全网点指标", "Branch figures", OVERALL, overall, name, width * 0.55)
    for dimension, groups in (
        (Dimension.TELLER, stats.tellers),
        (Dimension.COUNTER, stats.counters),
        (Dimension.SERVICE, stats.services),
    ):
        zh, en = HEADINGS[dimension]
        rows = _rows(groups, dimension)
        story += listing(zh, en, _columns(dimension), rows, name, width)
    story += _extras(stats, name, width)
    charts = [
        chart
        for chart in (
            satisfaction_chart(stats.tellers, name, width / 2 - 3 * mm),
            wait_chart(stats.services, name, width / 2 - 3 * mm),
        )
        if chart is not None
    ]
    if charts:
        story += section("图表", "Charts", name)
        story.append(Table([charts], colWidths=[width / 2] * len(charts), hAlign="LEFT"))
    lines = analysis(stats) or [f"{DASH} 本期无服务记录。 Nothing was served in the period."]
    story += section("分析", "Analysis", name)
    story += [plain(line, name, "body") for line in lines]
    story += [gap(), plain(FORMULAS, name, "note")]
    subject = f"{period} {TITLE.en}"
    return build_pdf(report_page(data.header, TITLE, name, pagesize, MARGIN, subject), story)


def report_data(stats: ServiceStats, branch: Bilingual, zone: tzinfo) -> ServiceReportData:
    """The report's figures with the branch's page header."""
    return ServiceReportData(stats, BranchHeader(stats.branch_code, branch), zone)
