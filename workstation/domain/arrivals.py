"""The demo branch's customers: when they come, for what, and how long each takes.

A model, not a measurement: the figures below are the demo's choice, plausible for an
insurance service centre, and the generated history (``services/demo_history.py``)
draws from them with a seeded :class:`random.Random`, so one seed gives one past.

* **When** — a non-homogeneous Poisson process: :func:`expected_arrivals` is the rate
  per service and branch-time hour, ``BASE_PER_DAY`` spread over the opening hours
  08:00-17:00 (the pack's ``[staffing] opening_hours``) by ``HOUR_SHAPE``: a morning
  peak at 10:00, a lunch dip 12:00-13:00, an afternoon peak at 15:00. The day scales it
  (:func:`day_factor`, by :func:`workstation.domain.workdays.day_type`): Monday ×1.3,
  the first working day after a holiday ×1.5 (customers saved up), Saturdays ×0.5 (the
  demo branch opens on Saturdays, same hours, quieter), a 调休 Saturday is a working
  day; Sundays and statutory holidays closed (0). :func:`draw_arrivals` draws each
  hour's arrivals with exponential gaps at that hour's rate (exact for a piecewise
  constant rate, the process being memoryless).
* **For what** — the pack's services (``forms/branches/insurance.toml``): payment,
  policy_service (保全), claims, consultation, vip. The vip service's customers are
  VIPs; the others are elderly, disabled or pregnant by :data:`PRIORITY_MIX`.
* **How long** — :func:`handling`: lognormal per service (median and spread in
  ``HANDLING``), clamped to 45 s … four medians; ``mean_seconds`` is the clamped
  distribution's exact mean.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from statistics import NormalDist
from types import MappingProxyType

from workstation.domain.queue import Priority
from workstation.domain.workdays import DayType, day_type

OPENING_HOURS = (8, 17)
"""Tickets are issued from 08:00 to 17:00 branch time (the hours with a rate)."""
HOUR_SHAPE: Mapping[int, float] = MappingProxyType(
    {8: 0.6, 9: 1.1, 10: 1.5, 11: 1.2, 12: 0.55, 13: 0.8, 14: 1.15, 15: 1.35, 16: 0.75}
)
"""Each opening hour's share of the day, relative (they sum to 9, one per hour)."""
BASE_PER_DAY: Mapping[str, float] = MappingProxyType(
    {"payment": 50.0, "policy_service": 32.0, "claims": 9.0, "consultation": 18.0, "vip": 6.0}
)
"""Customers of each service on an ordinary Tuesday (115 in all, about 670 a week)."""
WEEKDAY_FACTOR = (1.3, 1.0, 0.95, 0.95, 1.1, 1.0, 1.0)
"""Monday … Sunday on a working day (a 调休 weekend day works as an ordinary day)."""
TYPE_FACTOR: Mapping[DayType, float] = MappingProxyType(
    {
        DayType.FIRST_AFTER_HOLIDAY: 1.5,
        DayType.SATURDAY: 0.5,
        DayType.SUNDAY: 0.0,
        DayType.HOLIDAY: 0.0,
    }
)
HANDLING: Mapping[str, tuple[float, float]] = MappingProxyType(
    {
        "payment": (3.5, 0.45),
        "policy_service": (7.0, 0.5),
        "claims": (11.0, 0.55),
        "consultation": (2.5, 0.6),
        "vip": (9.0, 0.5),
    }
)
"""Per service: the median handling time in minutes and the lognormal's sigma (means
about 4, 8, 12.5, 3 and 10 minutes)."""
FLOOR_SECONDS = 45.0
CAP_MEDIANS = 4.0
PRIORITY_MIX: Mapping[Priority, float] = MappingProxyType(
    {
        Priority.NONE: 0.87,
        Priority.ELDERLY: 0.10,
        Priority.DISABLED: 0.015,
        Priority.PREGNANT: 0.015,
    }
)
"""The share of each priority class among the non-vip services' customers (the vip
service's customers are all :attr:`Priority.VIP`)."""
VIP_SERVICE = "vip"


def day_factor(day: date) -> float:
    """How busy ``day`` is against an ordinary Tuesday (0: the branch is closed)."""
    kind = day_type(day)
    if kind in TYPE_FACTOR:
        return TYPE_FACTOR[kind]
    return WEEKDAY_FACTOR[day.weekday()]


def expected_arrivals(service: str, day: date, hour: int) -> float:
    """Customers of ``service`` expected in branch-time ``hour`` of ``day`` (0 outside the
    opening hours, on Sundays and holidays, and for a service the model does not know)."""
    return _rate(service, day_factor(day) if hour in HOUR_SHAPE else 0.0, hour)


def _rate(service: str, factor: float, hour: int) -> float:
    per_day = BASE_PER_DAY.get(service, 0.0) * factor
    return per_day * HOUR_SHAPE.get(hour, 0.0) / sum(HOUR_SHAPE.values())


@dataclass(frozen=True)
class HandlingTime:
    """A lognormal handling time in seconds, clamped to ``floor`` … ``cap``."""

    median_seconds: float
    sigma: float
    floor: float
    cap: float

    @property
    def mean_seconds(self) -> float:
        """The clamped distribution's mean: floor·P(X<floor) + cap·P(X>cap) + the
        lognormal's partial expectation between them."""
        mu, s = math.log(self.median_seconds), self.sigma
        z = NormalDist()
        lo, hi = (math.log(self.floor) - mu) / s, (math.log(self.cap) - mu) / s
        inner = math.exp(mu + s * s / 2) * (z.cdf(hi - s) - z.cdf(lo - s))
        return self.floor * z.cdf(lo) + self.cap * (1 - z.cdf(hi)) + inner

    def draw(self, rng: random.Random) -> float:
        seconds = rng.lognormvariate(math.log(self.median_seconds), self.sigma)
        return min(self.cap, max(self.floor, seconds))


def handling(service: str) -> HandlingTime:
    """``service``'s handling time (an unknown service is handled like a payment)."""
    minutes, sigma = HANDLING.get(service, HANDLING["payment"])
    median = minutes * 60
    return HandlingTime(median, sigma, FLOOR_SECONDS, median * CAP_MEDIANS)


@dataclass(frozen=True)
class Arrival:
    at: datetime
    """UTC."""
    service: str
    priority: Priority
    handling_seconds: float


def _priority(rng: random.Random, service: str) -> Priority:
    if service == VIP_SERVICE:
        return Priority.VIP
    return rng.choices(tuple(PRIORITY_MIX), tuple(PRIORITY_MIX.values()))[0]


def draw_arrivals(rng: random.Random, day: date, zone: tzinfo) -> list[Arrival]:
    """``day``'s customers of every service, by time (an empty list when it is closed)."""
    arrivals: list[Arrival] = []
    midnight = datetime.combine(day, time(), zone)
    factor = day_factor(day)
    for service in BASE_PER_DAY:
        spread = handling(service)
        for hour in range(*OPENING_HOURS):
            rate = _rate(service, factor, hour) / 3600  # per second
            if rate <= 0:
                continue
            offset = rng.expovariate(rate)
            while offset < 3600:
                at = midnight + timedelta(hours=hour, seconds=offset)
                arrival = Arrival(
                    at.astimezone(UTC), service, _priority(rng, service), spread.draw(rng)
                )
                arrivals.append(arrival)
                offset += rng.expovariate(rate)
    arrivals.sort(key=lambda a: (a.at, a.service))
    return arrivals
