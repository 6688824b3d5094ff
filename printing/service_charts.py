"""The service report's bar charts (reportlab graphics): 满意率 per teller, wait p90 per
service against its target.

Each chart is a :class:`Drawing` (a flowable) labelled in the embedded CJK font;
values are printed above the bars, so the figures read without the axis.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from workstation.services.stats_figures import Group
from workstation.services.stats_text import duration

HEIGHT = 62 * mm
BAR = colors.HexColor("#4A6FA5")
TARGET = colors.HexColor("#BBBBBB")
CROWDED = 6
"""More categories than this: labels slanted, tellers by staff ID only."""


def _chart(width: float, font: str, names: Sequence[str]) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 14 * mm
    chart.width, chart.height = width - 20 * mm, HEIGHT - 32 * mm
    chart.categoryAxis.categoryNames = list(names)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "n"
    if len(names) > CROWDED:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 6
    chart.barLabelFormat = "%s"
    return chart


def _titled(width: float, font: str, zh: str, en: str) -> Drawing:
    drawing = Drawing(width, HEIGHT)
    drawing.add(String(0, HEIGHT - 9, zh, fontName=font, fontSize=9.5))
    drawing.add(String(0, HEIGHT - 18, en, fontName=font, fontSize=7, fillColor=colors.grey))
    return drawing


def satisfaction_chart(tellers: Sequence[Group], font: str, width: float) -> Drawing | None:
    """满意率 per teller in percent; None when nobody was rated."""
    rated = [g for g in tellers if g.figures.satisfaction is not None]
    if not rated:
        return None
    drawing = _titled(width, font, "各柜员满意率（%）", "Satisfaction per teller (%)")
    names = [g.key if len(rated) > CROWDED else g.label for g in rated]
    chart = _chart(width, font, names)
    values = [round((g.figures.satisfaction or 0) * 100, 1) for g in rated]
    chart.data = [values]
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.bars[0].fillColor = BAR
    chart.barLabelArray = [[f"{v:.1f}" for v in values]]
    drawing.add(chart)
    return drawing


def wait_chart(services: Sequence[Group], font: str, width: float) -> Drawing | None:
    """Wait p90 per service beside its target, in minutes; None when nobody was served."""
    served = [g for g in services if g.figures.wait_p90 is not None]
    if not served:
        return None
    drawing = _titled(
        width, font, "各业务等候P90与目标（分钟）", "Wait p90 per service vs target (min)"
    )
    chart = _chart(width, font, [g.name_zh for g in served])
    p90 = [round((g.figures.wait_p90 or 0) / 60, 1) for g in served]
    target = [round((g.target_wait or 0) / 60, 1) for g in served]
    chart.data = [p90, target]
    chart.bars[0].fillColor = BAR
    chart.bars[1].fillColor = TARGET
    chart.barLabelArray = [
        [duration(g.figures.wait_p90) for g in served],
        [duration(g.target_wait) for g in served],
    ]
    legend = Legend()
    legend.x, legend.y = width * 0.5, HEIGHT - 4
    legend.columnMaximum = 1
    legend.alignment = "right"
    legend.dx = 6
    legend.fontName, legend.fontSize = font, 7
    legend.colorNamePairs = [(BAR, "等候P90 Wait p90"), (TARGET, "目标 Target")]
    drawing.add(chart)
    drawing.add(legend)
    return drawing
