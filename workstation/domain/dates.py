"""Dates typed at the counter, and calendar arithmetic for policy terms."""

from __future__ import annotations

import calendar
import re
from datetime import date

from workstation.domain.errors import InvalidValue

# Year, month, day with one separator used twice; or eight digits in a row.
_SEPARATED = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")


def parse_date(text: str) -> date:
    """Read a date typed as ``2026-11-27``, ``2026/11/27``, ``2026.11.27``, ``20261127``
    or ``2026-1-5``.

    A well-formed date that is not in the calendar (``2026-02-30``, month 13) raises
    ``invalid.date.not_exist``; anything else that is not a date raises
    ``invalid.date.format``.
    """
    stripped = text.strip()
    if found := _SEPARATED.fullmatch(stripped):
        year, month, day = found.group(1, 3, 4)
    elif found := _COMPACT.fullmatch(stripped):
        year, month, day = found.group(1, 2, 3)
    else:
        raise InvalidValue("invalid.date.format")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise InvalidValue("invalid.date.not_exist", text=stripped) from None


def check_not_future(d: date, today: date) -> None:
    """Refuse a date after ``today`` (``invalid.date.future``); ``today`` itself is fine."""
    if d > today:
        raise InvalidValue("invalid.date.future")


def check_not_past(d: date, today: date) -> None:
    """Refuse a date before ``today`` (``invalid.date.past``); ``today`` itself is fine."""
    if d < today:
        raise InvalidValue("invalid.date.past")


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (or earlier when negative), clamped to the
    month's last day: 2026-01-31 plus one month is 2026-02-28.

    Raises ``ValueError`` outside the years 1–9999.
    """
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise ValueError(f"{d.isoformat()} plus {months} months is outside the calendar")
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


def add_years(d: date, years: int) -> date:
    """The same day ``years`` later (or earlier); 29 February becomes 28 February
    in a year that has none.

    Raises ``ValueError`` outside the years 1–9999.
    """
    return add_months(d, 12 * years)
