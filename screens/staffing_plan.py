"""The staffing plan by hour (排班建议), for a supervisor, with a what-if.

Tomorrow's plan opens (the next working day when the branch is closed tomorrow,
and the screen says so): one row an opening hour with each zone's arrivals and
windows, the handling time, the windows needed, the staff to roster, the windows
rostered, and the expected wait and service level with the windows in the row.
On a zone's column ``+`` and ``-`` change that hour's windows of the zone and the
wait follows at once (:func:`workstation.services.staffing_plan.what_if`, pure:
no service call); ``0`` puts the rostered windows back. ``D`` plans another date,
``P`` prints the plan (the rostered windows, not the what-if) through the pipeline.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Label, Static

from screens.base import BACK, WorkstationScreen, headed
from screens.dialogs.text_line import TextLineModal
from screens.printouts import run_print
from workstation.domain.prints import DocumentKind
from workstation.domain.workdays import day_type
from workstation.services.staffing_plan import (
    HourOutcome,
    PlanDay,
    PlanHour,
    StaffingPlan,
    StaffingPlanService,
    what_if,
)
from workstation.services.staffing_text import (
    arrivals_text,
    hour_text,
    level_text,
    minutes_text,
    wait_text,
)

ZONE = "zone:"
"""The key prefix of a zone's column (``zone:cash``)."""


class StaffingPlanScreen(WorkstationScreen):
    CSS_PATH = "staffing_plan.tcss"
    AUTO_FOCUS = "#plan"
    BINDINGS = [
        Binding("plus,equals_sign", "windows(1)", "staffing.key_more", key_display="+", id="more"),
        Binding("minus", "windows(-1)", "staffing.key_less", key_display="-", id="less"),
        Binding("0", "reset", "staffing.key_reset", key_display="0", id="reset"),
        Binding("d", "choose_date", "staffing.key_date", key_display="D", id="date"),
        Binding("p", "print", "staffing.key_print", key_display="P", id="print"),
        BACK,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plan: StaffingPlan | None = None
        self.windows: dict[tuple[int, str], int] = {}
        self.skipped: date | None = None

    def compose(self) -> ComposeResult:
        yield from headed(self.t("document.kind.staffing_plan"))
        yield Static("", id="note")
        yield DataTable(id="plan", cursor_type="cell", zebra_stripes=True)
        yield Label(self.t("staffing.hint"), id="keys-hint")
        yield Footer()

    def _plans(self) -> StaffingPlanService:
        station = self.app.require_station()
        return station.staffing

    def on_mount(self) -> None:
        plans = self._plans()

        def first() -> tuple[PlanDay, StaffingPlan]:
            day = plans.default_day()
            return day, plans.plan(day.day)

        self.call_service(first, self._first)

    def _first(self, found: tuple[PlanDay, StaffingPlan]) -> None:
        self.skipped = found[0].skipped
        self._show(found[1])

    def _show(self, plan: StaffingPlan) -> None:
        t = self.t
        self.plan, self.windows = plan, plan.windows()
        kind = t(f"staffing.day_type.{plan.day_type}")
        self.query_one("#heading", Label).update(
            t(
                "staffing.heading",
                date=plan.day.isoformat(),
                weekday=f"{plan.day:%a}",
                day_type=kind,
            )
        )
        self.query_one("#note", Static).update("\n".join(self._notes(plan)))
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column(t("staffing.col.hour"), key="hour")
        for zone in plan.zones:
            table.add_column(t("staffing.col.zone", zone=zone.name(t.lang)), key=ZONE + zone.key)
        for key in ("aht", "needed", "to_roster", "rostered", "wait", "level"):
            table.add_column(t(f"staffing.col.{key}"), key=key)
        outcomes = what_if(plan, self.windows)
        for hour, out in zip(plan.hours, outcomes, strict=True):
            fixed = [minutes_text(hour.handling_seconds), *map(str, (hour.needed, hour.to_roster))]
            table.add_row(
                hour_text(hour.hour),
                *self._zone_cells(hour, out),
                *fixed,
                str(hour.rostered),
                *self._outcome_cells(hour, out),
                key=str(hour.hour),
            )

    def _notes(self, plan: StaffingPlan) -> list[str]:
        t = self.t
        notes = []
        if self.skipped is not None and plan.day != self.skipped:
            closed = t(f"staffing.day_type.{day_type(self.skipped)}")
            notes.append(t("staffing.skipped", skipped=self.skipped.isoformat(), day_type=closed))
        if not plan.has_history:
            kind = t(f"staffing.day_type.{plan.day_type}")
            notes.append(t("staffing.no_history", day_type=kind))
        dates = ", ".join(f"{d:%m-%d}" for d in plan.history) or "—"
        goals = plan.goals
        notes.append(
            t(
                "staffing.history", dates=dates, with_tickets=plan.days_with_tickets,
                total=len(plan.history), level=f"{goals.service_level:.0%}",
                shrinkage=f"{goals.shrinkage:.0%}",
            )
        )  # fmt: skip
        return notes

    @staticmethod
    def _zone_cells(hour: PlanHour, out: HourOutcome) -> list[str]:
        return [
            f"{arrivals_text(z.arrivals)}·{o.windows}"
            for z, o in zip(hour.zones, out.zones, strict=True)
        ]

    @staticmethod
    def _outcome_cells(hour: PlanHour, out: HourOutcome) -> list[str]:
        wait = wait_text(out.wait_seconds) if hour.arrivals else "—"
        return [wait, level_text(out.service_level, hour)]

    # -- the what-if ----------------------------------------------------------------------

    def action_windows(self, change: int) -> None:
        table = self.query_one(DataTable)
        if self.plan is None or not self.plan.hours:
            return
        row, column = table.cursor_coordinate
        key = str(table.ordered_columns[column].key.value)
        if not key.startswith(ZONE):
            self.notify(self.t("staffing.pick_zone"), severity="warning")
            return
        hour = self.plan.hours[row]
        cell = (hour.hour, key.removeprefix(ZONE))
        self.windows[cell] = max(0, self.windows.get(cell, 0) + change)
        self._update_row(hour)

    def action_reset(self) -> None:
        if self.plan is not None:
            self._show(self.plan)

    def _update_row(self, hour: PlanHour) -> None:
        assert self.plan is not None
        out = what_if(self.plan, self.windows)[self.plan.hours.index(hour)]
        table, row = self.query_one(DataTable), str(hour.hour)
        for zone, text in zip(self.plan.zones, self._zone_cells(hour, out), strict=True):
            table.update_cell(row, ZONE + zone.key, text)
        outcome = self._outcome_cells(hour, out)
        for key, text in zip(("wait", "level"), outcome, strict=True):
            table.update_cell(row, key, text)

    # -- another date, the paper ----------------------------------------------------------

    def action_choose_date(self) -> None:
        current = "" if self.plan is None else self.plan.day.isoformat()
        plans = self._plans()

        def chosen(text: str | None) -> None:
            if text is not None:
                self.call_service(lambda: plans.plan_on(text), self._show)

        dialog = TextLineModal(
            self.t("staffing.date_prompt"), current, self.t("staffing.date_hint"), max_length=10
        )
        self.app.push_screen(dialog, chosen)

    def action_print(self) -> None:
        """The plan of the date shown, as the service reads it (the what-if is not printed)."""
        from printing.pipeline import print_document  # loaded when the first plan prints

        if self.plan is not None:
            station, who, day = self.app.require_station(), self.app.require_who(), self.plan.day
            job = partial(print_document, station, who, DocumentKind.STAFFING_PLAN, str(day))
            run_print(self, job, lambda _outcome: None)
