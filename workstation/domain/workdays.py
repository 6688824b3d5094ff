"""The business calendar: working days as the State Council's holiday notice sets them.

A due date counts working days with ``chinese_calendar.is_workday``: the national
holidays are off and the 调休 weekend days that make up for them are working days
(2026-10-10, a Saturday after 国庆, is one). The library knows only the years whose
notice has been published (it raises ``NotImplementedError`` for others); for a day
outside them the fallback is Monday to Friday, with no holidays. That fallback only
ever shortens a due date (a holiday it does not know is counted as working), so a
complaint is never given more time than the rules allow; installing the next
release of ``chinese-calendar`` once the year's notice is out makes it exact again.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar  # type: ignore[import-untyped]

SATURDAY = 5


def is_working_day(day: date) -> bool:
    """Whether the branch's back office works on ``day`` (holidays and 调休 known)."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # a year whose holiday notice the library does not have
        return day.weekday() < SATURDAY


def known(day: date) -> bool:
    """Whether ``day``'s year is in the library (else :func:`is_working_day` falls back)."""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted; 0: ``start``).

    Recorded on Monday 2026-09-28, 15 working days: 29, 30 September, 8, 9, 10 (调休
    Saturday), 12–16, 19–23 October, so 2026-10-23 (国庆 1–7 October is off).
    """
    if n < 0:
        raise ValueError(f"working days to add must not be negative: {n}")
    day = start
    while n:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day
