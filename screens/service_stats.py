"""Today's service statistics (今日服务统计), for a supervisor: the branch, then each teller,
window and service, in one table; ``r`` reads them again.

The figures and their definitions come from the statistics service
(``workstation/services/service_stats.py``); their text is the report's
(``workstation/services/stats_text.py``), so the screen and the paper agree.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Label, Static

from screens.base import BACK, WorkstationScreen, footer_key, headed
from workstation.domain.clock import time_of_day
from workstation.services.stats_figures import Dimension, Group, ServiceStats
from workstation.services.stats_text import FIGURE_ROWS, analysis, extra_text


class ServiceStatsScreen(WorkstationScreen):
    CSS_PATH = "service_stats.tcss"
    AUTO_FOCUS = "#stats"
    BINDINGS = [
        footer_key("r", "refresh"),
        BACK,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stats: ServiceStats | None = None

    def compose(self) -> ComposeResult:
        yield from headed(self.t("stats.heading"))
        yield DataTable(id="stats", cursor_type="row", zebra_stripes=True)
        yield Static("", id="analysis")
        yield Label(self.t("stats.hint"), id="keys-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        station = self.app.require_station()
        self.call_service(station.stats.today, self._show)

    def _show(self, stats: ServiceStats) -> None:
        t, zh = self.t, self.t.lang == "zh"
        self.stats = stats
        at = time_of_day(stats.computed_at, self.app.clock.zone, seconds=False)
        heading = t("stats.heading_at", date=stats.first.isoformat(), time=at)
        self.query_one("#heading", Label).update(heading)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column(t("stats.col.group"), key="group")
        for row_zh, row_en, _text in FIGURE_ROWS:
            table.add_column(row_zh if zh else row_en, key=row_en)
        for key, key_zh, key_en in stats.extra_keys:
            table.add_column(key_zh if zh else key_en, key=f"extra:{key}")
        for group in stats.groups():
            cells = [self._label(group)]
            cells += [text(group.figures) for _zh, _en, text in FIGURE_ROWS]
            cells += [extra_text(group.figures, key) for key, _zh, _en in stats.extra_keys]
            table.add_row(*cells, key=f"{group.dimension}:{group.key}")
        self.query_one("#analysis", Static).update("\n".join(analysis(stats)))

    def _label(self, group: Group) -> str:
        if group.dimension is Dimension.OVERALL:
            return self.t("stats.dimension.overall")
        return f"{self.t(f'stats.dimension.{group.dimension}')} {group.label}"
