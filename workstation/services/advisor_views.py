"""What the live staffing advisor returns: per zone, the figures and the line the screens show.

Every line is a catalog message (``advisor.*``), worded here from the figures:
``现金区  30分钟到达 14  处理 4.2分  开窗 1  预计等候 18分  达标 41%  → 需 2 窗：开 04
预计等候 6分``. Nothing here reads the database or the clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from forms.schema import NamedInBoth
from workstation.domain.erlang import Staffing
from workstation.domain.i18n import Msg, msg
from workstation.services.flexible import FlexibleView

NO_ADVICE = ""
"""The advice part of a line that needs none."""


@dataclass(frozen=True)
class ZoneAdvice(NamedInBoth):
    zone: str
    name_zh: str
    name_en: str
    arrivals: int
    """Tickets queued in the last ``window_minutes`` minutes: issued, or a no-show reinstated."""
    window_minutes: int
    handling_seconds: float
    """The mean handling time: today's finished tickets, or the pack's minutes each."""
    measured: bool
    """Whether ``handling_seconds`` comes from today's finished tickets (enough of them)."""
    waiting: int
    target: timedelta
    """The shortest target wait of the zone's services."""
    windows: tuple[str, ...]
    """The open windows that call the zone's services first (primary)."""
    now: Staffing
    """Erlang C for the open windows."""
    missed: bool
    """The goal (the share within target, the occupancy) is missed with the open windows."""
    needed: Staffing | None = None
    """When missed: the fewest windows that meet the goal."""
    flexible_counter: str | None = None
    """A flexible window free to open for this zone (when missed)."""
    with_flexible: Staffing | None = None
    """When missed and a flexible window is free: the open windows and that one."""
    idle: tuple[str, ...] = ()
    """Open windows with nobody waiting and little expected to come."""
    idle_flexible: bool = False
    """The zone's flexible window is among the idle: it may close."""

    @property
    def line(self) -> Msg:
        """The zone's line on the supervisor's and the lobby's advisor panel."""
        return msg(
            "advisor.line",
            zone=msg("queue.bilingual", zh=self.name_zh, en=self.name_en),
            minutes=self.window_minutes,
            arrivals=self.arrivals,
            handling=msg(
                "advisor.handling" if self.measured else "advisor.handling_default",
                minutes=self.handling_seconds / 60,
            ),
            windows=len(self.windows),
            outlook=self._outlook(),
            advice=self._advice(),
        )

    def _outlook(self) -> Msg:
        if self.arrivals == 0:
            return msg("advisor.no_arrivals")
        return msg(
            "advisor.outlook",
            wait=wait_text(self.now),
            level=self.now.service_level,
            occupancy=min(1.0, self.now.occupancy),
        )

    def _advice(self) -> Msg | str:
        if self.idle_flexible and self.flexible_counter is not None:
            return msg("advisor.idle_flexible", counter=self.flexible_counter)
        if self.idle:
            return msg("advisor.idle", windows=" ".join(self.idle))
        if not self.missed or self.needed is None:
            return NO_ADVICE
        if self.with_flexible is not None and self.flexible_counter is not None:
            return msg(
                "advisor.need_flexible",
                needed=self.needed.windows,
                counter=self.flexible_counter,
                wait=wait_text(self.with_flexible),
                level=self.with_flexible.service_level,
            )
        return msg("advisor.need", needed=self.needed.windows)


def wait_text(staffing: Staffing) -> Msg:
    """The expected wait in whole minutes, or "growing" when the queue grows without end."""
    if math.isinf(staffing.average_wait):
        return msg("advisor.wait_growing")
    return msg("advisor.wait_minutes", minutes=round(staffing.average_wait / 60))


@dataclass(frozen=True)
class Advice:
    zones: tuple[ZoneAdvice, ...]
    flexible: tuple[FlexibleView, ...]
    """The flexible windows (弹性窗口) as they stand."""

    def lines(self) -> tuple[Msg, ...]:
        """The panel: the flexible windows' state, then one line per zone."""
        return (*(flexible_line(f) for f in self.flexible), *(z.line for z in self.zones))

    def zone(self, key: str) -> ZoneAdvice | None:
        return next((z for z in self.zones if z.zone == key), None)


def flexible_line(view: FlexibleView) -> Msg:
    if view.zone_name is None:
        return msg("advisor.flexible_closed", counter=view.counter)
    return msg(
        "advisor.flexible_open",
        counter=view.counter,
        zone=view.zone_name,
        by=view.by or "",
        reason=view.reason or "",
        state=view.state.label,
    )
