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
from enum import StrEnum

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


class DayType(StrEnum):
    """How busy a day is likely to be, for staffing: days of one type are alike."""

    WORKDAY = "workday"
    """A working day (a 调休 Saturday that makes up for a holiday is one)."""
    FIRST_AFTER_HOLIDAY = "first_after_holiday"
    """The first working day after a statutory holiday: customers saved up come."""
    SATURDAY = "saturday"
    SUNDAY = "sunday"
    HOLIDAY = "holiday"
    """A statutory holiday (国庆, 春节 …), whatever the weekday."""


def _statutory(day: date) -> bool:
    try:
        off, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return False
    return bool(off and name)


def day_type(day: date) -> DayType:
    """``day``'s type: 2026-10-08 (after 国庆) is the first after a holiday, 2026-10-10 (a
    调休 Saturday) a workday, 2026-10-03 a holiday, 2026-11-28 a Saturday."""
    if _statutory(day):
        return DayType.HOLIDAY
    if not is_working_day(day):
        return DayType.SATURDAY if day.weekday() == SATURDAY else DayType.SUNDAY
    before = day - timedelta(days=1)
    while not is_working_day(before):  # the days off just before, weekend included
        if _statutory(before):
            return DayType.FIRST_AFTER_HOLIDAY
        before -= timedelta(days=1)
    return DayType.WORKDAY
