"""The figures of service statistics (服务统计): plain values, how each is defined.

A group is the whole branch, one teller, one counter or one service over a
period of business dates. Every rate is a count over a count, kept as both
counts so a reader (the CSV, the PDF, a test) can check it; a rate over
nothing is ``None`` (shown as a dash), never 0.

Definitions (what the tests hand-compute):

- **served**: tickets of the period finished (``done``) at a window.
- **wait**: from the ticket's issue to its first call (a transfer's ticket:
  from the transfer); p50 and p90 over the served tickets, by nearest rank
  (the value at rank ⌈p·n⌉ of the n sorted waits).
- **serve time**: from start to finish of a served ticket; p50 (nearest rank)
  and the mean.
- **SLA attainment**: share of the served whose wait is at most their
  service's target wait (the branch pack's ``target_wait_minutes``).
- **no-show rate**: tickets closed as no-shows over those closed at a window
  (served + no-shows); a reinstated no-show served later counts as served.
- **idle time** (counters and the branch only): window open time (open or
  resumed until paused or closed, within the day, up to now) minus the
  serving time of the tickets served there.
- **满意率** (satisfaction): (非常满意 + 满意) / rated; **评价率** (rating
  rate): rated / finished; **late ratings**: answered after the counter had
  called a newer ticket.
- **overrides asked**: supervisor approvals requested (remote requests, and
  local approvals given at the counter); not per service.

**Extension point.** Figures owned by other parts of the branch (opinions
received and closed on time, incidents) are not computed here: a
:class:`FigureProvider` given to the statistics service returns them as
:class:`ExtraFigure` values, which each group carries in ``extra`` and every
output (screen, CSV, PDF) shows after the figures above. Without a provider
there is no such figure at all: nothing is shown as zero that was not counted.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol


class Dimension(enum.StrEnum):
    """How figures are grouped."""

    OVERALL = "overall"
    TELLER = "teller"
    COUNTER = "counter"
    SERVICE = "service"


@dataclass(frozen=True)
class ExtraFigure:
    """A figure another part of the branch supplies (opinions, incidents) for one group."""

    key: str
    """Stable, for the CSV column: ``opinions_received``."""
    zh: str
    en: str
    dimension: Dimension
    group: str
    """The group's key (a staff ID, a counter number, a service key; ``""`` overall)."""
    value: int | float


class FigureProvider(Protocol):
    """Supplies extra figures for a period; the statistics service asks each one it was given."""

    def figures(self, branch_code: str, first: date, last: date) -> Sequence[ExtraFigure]: ...


def nearest_rank(ordered: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0 < p ≤ 100) of already sorted values by nearest rank; None if empty."""
    if not ordered:
        return None
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Figures:
    """One group's figures over the period. Seconds are floats (durations, not money)."""

    served: int = 0
    no_shows: int = 0
    wait_p50: float | None = None
    wait_p90: float | None = None
    serve_p50: float | None = None
    serve_mean: float | None = None
    serve_total: float = 0.0
    sla_met: int = 0
    rated: int = 0
    satisfied: int = 0
    """Rated 非常满意 or 满意."""
    late_ratings: int = 0
    open_seconds: float | None = None
    """Window open time: counters and the branch only (None: not measured for this group)."""
    overrides: int | None = None
    """Approvals asked: not measured per service (None)."""
    extra: tuple[ExtraFigure, ...] = ()

    @property
    def sla_rate(self) -> float | None:
        return ratio(self.sla_met, self.served)

    @property
    def no_show_rate(self) -> float | None:
        return ratio(self.no_shows, self.served + self.no_shows)

    @property
    def satisfaction(self) -> float | None:
        """满意率 = (非常满意 + 满意) / rated."""
        return ratio(self.satisfied, self.rated)

    @property
    def rating_rate(self) -> float | None:
        """评价率 = rated / finished (a finished ticket is a served one)."""
        return ratio(self.rated, self.served)

    @property
    def idle_seconds(self) -> float | None:
        if self.open_seconds is None:
            return None
        return max(0.0, self.open_seconds - self.serve_total)


@dataclass(frozen=True)
class Group:
    """One group's name and figures."""

    dimension: Dimension
    key: str
    name_zh: str
    name_en: str
    figures: Figures
    target_wait: float | None = None
    """A service's target wait in seconds (the SLA's bound); None for other groups."""

    @property
    def label(self) -> str:
        """``T001 张敏``, ``01``, ``缴费 Payments``, ``全网点 Branch``."""
        if self.dimension is Dimension.TELLER:
            return f"{self.key} {self.name_zh}".strip()
        if self.dimension is Dimension.COUNTER:
            return self.key
        return f"{self.name_zh} {self.name_en}".strip()


@dataclass(frozen=True)
class ServiceStats:
    """The statistics of a branch over business dates ``first`` … ``last``."""

    branch_code: str
    first: date
    last: date
    computed_at: datetime
    overall: Group
    tellers: tuple[Group, ...]
    counters: tuple[Group, ...]
    services: tuple[Group, ...]
    extra_keys: tuple[tuple[str, str, str], ...] = field(default=())
    """(key, zh, en) of every extra figure a provider supplied, in first-seen order."""

    def groups(self) -> tuple[Group, ...]:
        """Every group: the branch, then tellers, counters and services."""
        return (self.overall, *self.tellers, *self.counters, *self.services)
