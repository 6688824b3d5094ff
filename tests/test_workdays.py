"""Due dates on the business calendar: national holidays off, 调休 weekend days on.

The 2026 notice (as ``chinese_calendar`` has it): 国庆 with 中秋 runs Thursday 1 to
Wednesday 7 October; Saturday 10 October is a 调休 working day; 中秋 itself fell on
25–27 September (Friday to Sunday). Counting starts the day after the recording day.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from workstation.domain import workdays
from workstation.domain.workdays import (
    DayType,
    add_working_days,
    day_type,
    is_working_day,
    known,
)


def test_the_calendar_knows_the_days_these_tests_rely_on():
    """If a release of chinese-calendar changed them, the hand counts below would be wrong."""
    assert not any(chinese_calendar.is_workday(date(2026, 10, d)) for d in range(1, 8))
    assert chinese_calendar.is_workday(date(2026, 10, 10))  # a Saturday, 调休
    assert date(2026, 10, 10).weekday() == 5
    assert not chinese_calendar.is_workday(date(2026, 10, 11))


def test_fifteen_working_days_across_national_day_and_a_make_up_saturday():
    """Recorded Monday 2026-09-28. Working days after it:
    1 Tue 09-29, 2 Wed 09-30, (10-01 … 10-07 国庆 off), 3 Thu 10-08, 4 Fri 10-09,
    5 Sat 10-10 (调休), (Sun 10-11 off), 6–10 Mon 10-12 … Fri 10-16,
    11–15 Mon 10-19 … Fri 10-23. Due: Friday 2026-10-23.
    Weekends alone would give 2026-10-19: the holiday adds seven days, the Saturday takes one."""
    assert add_working_days(date(2026, 9, 28), 15) == date(2026, 10, 23)


def test_the_make_up_saturday_is_counted_and_the_holiday_is_not():
    """Recorded Wednesday 2026-09-30: 1 Thu 10-08, 2 Fri 10-09, 3 Sat 10-10 (调休)."""
    assert add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)
    # Recorded Friday 2026-10-09: 1 Sat 10-10, 2 Mon 10-12 (Sunday 10-11 is off).
    assert add_working_days(date(2026, 10, 9), 2) == date(2026, 10, 12)


def test_recorded_during_the_holiday_the_count_starts_after_it():
    """Recorded Saturday 2026-10-03, in the holiday: 1 Thu 10-08, 2 Fri 10-09, 3 Sat 10-10."""
    assert add_working_days(date(2026, 10, 3), 3) == date(2026, 10, 10)
    assert add_working_days(date(2026, 10, 3), 0) == date(2026, 10, 3)


def test_every_counted_day_is_a_workday_of_the_library():
    start = date(2026, 9, 20)
    for n in range(1, 40):
        due = add_working_days(start, n)
        assert chinese_calendar.is_workday(due)
        between = [start + timedelta(days=d) for d in range(1, (due - start).days + 1)]
        assert sum(chinese_calendar.is_workday(day) for day in between) == n


def test_a_year_the_library_does_not_know_falls_back_to_monday_to_friday():
    """2099 is in no holiday notice: Friday 2099-01-02 + 3 → Mon 5, Tue 6, Wed 7 January."""
    assert not known(date(2099, 1, 2)) and known(date(2026, 10, 1))
    assert add_working_days(date(2099, 1, 2), 3) == date(2099, 1, 7)
    assert not is_working_day(date(2099, 1, 3))  # a Saturday


def test_the_fallback_is_used_only_when_the_library_refuses(monkeypatch):
    """A library answer is taken as it is (a Saturday it calls a workday is one)."""
    monkeypatch.setattr(workdays.chinese_calendar, "is_workday", lambda day: True)
    assert add_working_days(date(2026, 10, 1), 2) == date(2026, 10, 3)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 10, 1), -1)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-09-30", DayType.WORKDAY),  # the Wednesday before 国庆
        ("2026-10-01", DayType.HOLIDAY),
        ("2026-10-03", DayType.HOLIDAY),  # a Saturday inside the holiday is the holiday
        ("2026-10-07", DayType.HOLIDAY),
        ("2026-10-08", DayType.FIRST_AFTER_HOLIDAY),
        ("2026-10-09", DayType.WORKDAY),
        ("2026-10-10", DayType.WORKDAY),  # the 调休 Saturday works like a weekday
        ("2026-10-11", DayType.SUNDAY),
        ("2026-10-12", DayType.WORKDAY),  # after an ordinary weekend: not after a holiday
        ("2026-11-28", DayType.SATURDAY),
        ("2099-03-02", DayType.WORKDAY),  # a year the library does not know: by weekday
    ],
)
def test_day_types_across_national_day_and_its_make_up_saturday(day, expected):
    assert day_type(date.fromisoformat(day)) is expected
