"""The branch's clock and the one way its times are shown.

Times are stored in UTC; a branch has a time zone (``[branch] timezone``,
default ``Asia/Shanghai``), and every time a person reads — on a screen, a
receipt, a report, the journal listing — is in that zone, whatever zone the
machine is set to. Services take a clock, so tests move time instead of
sleeping.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_ZONE = ZoneInfo(DEFAULT_TIMEZONE)


class Clock(Protocol):
    @property
    def zone(self) -> tzinfo:
        """The branch's time zone."""
        ...

    def now(self) -> datetime:
        """The current time, timezone-aware, in :attr:`zone`."""
        ...


class SystemClock:
    """Wall-clock time, in the branch's zone (not the machine's)."""

    def __init__(self, zone: tzinfo = DEFAULT_ZONE) -> None:
        self.zone = zone

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone(self.zone)


class ManualClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime | None = None, zone: tzinfo | None = None) -> None:
        self.zone = zone or (start.tzinfo if start and start.tzinfo else DEFAULT_ZONE)
        self._now = (start or datetime(2026, 11, 27, 9, 0, tzinfo=self.zone)).astimezone(self.zone)

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)


def local_date(clock: Clock) -> date:
    """The calendar date at the branch now (business dates and limits follow it)."""
    return clock.now().astimezone(clock.zone).date()


def local(moment: datetime, zone: tzinfo) -> datetime:
    """A stored (UTC) time as the branch reads it."""
    return moment.astimezone(zone)


def stamp(moment: datetime, zone: tzinfo) -> str:
    """``2026-11-27 09:00:00`` in the branch's zone: screens, receipts, reports, the journal."""
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M:%S}"


def time_of_day(moment: datetime, zone: tzinfo, seconds: bool = True) -> str:
    """``09:00:00`` (or ``09:00``) in the branch's zone."""
    return f"{moment.astimezone(zone):%H:%M:%S}" if seconds else f"{moment.astimezone(zone):%H:%M}"


def short_stamp(moment: datetime, zone: tzinfo) -> str:
    """``11-27 09:00`` in the branch's zone, for narrow lists."""
    return f"{moment.astimezone(zone):%m-%d %H:%M}"


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone ``name``; raises ``ValueError`` for an unknown or malformed name."""
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError) as exc:  # ZoneInfoNotFoundError is a KeyError
        raise ValueError(f"unknown time zone {name!r}") from exc
