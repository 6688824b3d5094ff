"""How the staffing plan's figures read, on the screen and on paper alike."""

from __future__ import annotations

import math

from workstation.services.staffing_plan import PlanHour
from workstation.services.stats_text import DASH, duration, percent

OVERLOADED = "∞"
"""The expected wait when the windows cannot keep up: the queue grows all hour."""


def hour_text(hour: int) -> str:
    """``10:00``: the hour from 10:00 to 11:00."""
    return f"{hour:02d}:00"


def arrivals_text(arrivals: float) -> str:
    """``12.0`` a hour; a dash for none."""
    return f"{arrivals:.1f}" if arrivals else DASH


def minutes_text(seconds: float) -> str:
    """A handling time in minutes, ``5.5``; a dash for none."""
    return f"{seconds / 60:.1f}" if seconds else DASH


def wait_text(seconds: float) -> str:
    """``2:05``; ∞ when the queue grows without end."""
    return OVERLOADED if math.isinf(seconds) else duration(seconds)


def level_text(level: float, hour: PlanHour) -> str:
    """The share served within the target; a dash for an hour with no arrivals."""
    return percent(level) if hour.arrivals else DASH
