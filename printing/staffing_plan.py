"""The staffing plan (排班建议, A4): one date's windows needed and rostered, hour by hour.

The facts (date, day type, the past dates read, the goals), one table row an
opening hour (arrivals per zone, handling time, windows needed, staff to roster,
windows rostered, the expected wait and service level with them), and a bar chart
of needed against rostered windows per hour in the house style of the service
report's charts (``printing/service_charts.py``). The figures are the plan
service's (``workstation/services/staffing_plan.py``); the screen reads the same.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from printing.base import A4, build_pdf
from printing.columns import CODE, NUM, Column
from printing.fonts import FontChoice, register
from printing.grid import Cell
from printing.report_parts import (
    A4_MARGIN,
    A4_WIDTH,
    gap,
    listing,
    plain,
    report_head,
    report_page,
)
from printing.service_charts import BAR, HEIGHT, TARGET
from workstation.domain.i18n import Catalog
from workstation.services.receipt_data import Bilingual
from workstation.services.staffing_plan import PlanHour, StaffingPlan
from workstation.services.staffing_text import (
    arrivals_text,
    hour_text,
    level_text,
    minutes_text,
    wait_text,
)

TITLE = Bilingual("排班建议", "Staffing plan")
ZH, EN = Catalog.load("zh"), Catalog.load("en")
FIXED = (
    Column("平均办理(分)", "AHT (min)", NUM),
    Column("需开窗口", "Needed", NUM),
    Column("需排班", "To roster", NUM),
    Column("已排窗口", "Rostered", NUM),
    Column("预计等候", "Exp. wait", NUM),
    Column("达标率", "Within target", NUM),
)


def _columns(data: StaffingPlan) -> list[Column]:
    zones = [Column(f"{z.name_zh}到达", f"{z.name_en} arr.", NUM) for z in data.zones]
    return [Column("时段", "Hour", CODE), *zones, *FIXED]


def _row(hour: PlanHour) -> list[str]:
    out = hour.expected
    return [
        hour_text(hour.hour),
        *(arrivals_text(z.arrivals) for z in hour.zones),
        minutes_text(hour.handling_seconds),
        str(hour.needed),
        str(hour.to_roster),
        str(hour.rostered),
        wait_text(out.wait_seconds) if hour.arrivals else "—",
        level_text(out.service_level, hour),
    ]


def _facts(data: StaffingPlan) -> list[Cell]:
    kind = f"{ZH(f'staffing.day_type.{data.day_type}')} {EN(f'staffing.day_type.{data.day_type}')}"
    goals = data.goals
    read = ", ".join(f"{d:%m-%d}" for d in data.history) or "—"
    return [
        Cell("日期", "Date", f"{data.day.isoformat()} {data.day:%a}"),
        Cell("日类型", "Day type", kind),
        Cell("参照日期", "History dates", read),
        Cell("有数据天数", "Dates with tickets", f"{data.days_with_tickets}/{len(data.history)}"),
        Cell(
            "目标",
            "Goals",
            f"服务水平 SL {goals.service_level:.0%} · 占用≤ occupancy {goals.max_occupancy:.0%}"
            f" · 缺勤 shrinkage {goals.shrinkage:.0%}",
            wide=True,
        ),
        Cell("编制时间", "Computed", f"{data.computed_at:%Y-%m-%d %H:%M}"),
    ]


def needed_chart(data: StaffingPlan, font: str, width: float) -> Drawing:
    """Windows needed (blue) beside windows rostered (grey) per opening hour."""
    drawing = Drawing(width, HEIGHT)
    drawing.add(String(0, HEIGHT - 9, "各时段需开窗口与已排窗口", fontName=font, fontSize=9.5))
    drawing.add(
        String(
            0, HEIGHT - 18, "Windows needed vs rostered per hour", fontName=font,
            fontSize=7, fillColor=colors.grey,
        )
    )  # fmt: skip
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 12 * mm
    chart.width, chart.height = width - 20 * mm, HEIGHT - 30 * mm
    chart.categoryAxis.categoryNames = [f"{h.hour:02d}" for h in data.hours]
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels, chart.barLabels):
        labels.fontName, labels.fontSize = font, 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = 1 if max((h.needed for h in data.hours), default=0) < 8 else 2
    chart.barLabels.nudge = 6
    chart.data = [[h.needed for h in data.hours], [h.rostered for h in data.hours]]
    chart.barLabelFormat = "%d"
    chart.bars[0].fillColor, chart.bars[1].fillColor = BAR, TARGET
    legend = Legend()
    legend.x, legend.y, legend.alignment, legend.columnMaximum = width * 0.5, HEIGHT - 4, "right", 1
    legend.fontName, legend.fontSize, legend.dx = font, 7, 6
    legend.colorNamePairs = [(BAR, "需开窗口 Needed"), (TARGET, "已排窗口 Rostered")]
    drawing.add(chart)
    drawing.add(legend)
    return drawing


def render_staffing_plan(data: StaffingPlan, font: FontChoice) -> bytes:
    """The plan as PDF bytes: facts, the table by hour, the chart."""
    name = register(font)
    subject = f"{TITLE.en} {data.day.isoformat()}"
    setup = report_page(data.header, TITLE, name, A4, A4_MARGIN, subject)
    story: list[Flowable] = report_head(data, TITLE, name, A4_WIDTH, _facts(data))
    if not data.has_history:
        kind = data.day_type
        story += [
            gap(4 * mm),
            plain(ZH("staffing.no_history", day_type=ZH(f"staffing.day_type.{kind}")), name),
            plain(EN("staffing.no_history", day_type=EN(f"staffing.day_type.{kind}")), name),
        ]
    rows = [_row(hour) for hour in data.hours]
    story += listing("各时段", "By hour", _columns(data), rows, name, A4_WIDTH)
    story += [gap(4 * mm), needed_chart(data, name, A4_WIDTH)]  # titled in both languages
    story.append(
        plain(
            "需开窗口：Erlang C 下达到服务水平与占用上限的最少窗口；"
            "需排班：需开窗口 ÷ (1 − 缺勤率)；"
            "已排窗口：参照日期该时段实际服务的柜台数（平均）；预计等候：按已排窗口。"
            " Needed: the fewest windows meeting the service level and occupancy (Erlang C);"
            " to roster: needed ÷ (1 − shrinkage); rostered: counters that served in the hour on"
            " the history dates (mean); expected wait: with the rostered windows.",
            name,
            "small",
        )
    )
    return build_pdf(setup, story)
