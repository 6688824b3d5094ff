"""The scripted surge of the advisor's tests: the cash zone busier than its one window."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tests.conftest import FAST, make_config
from tests.queue_support import at_window, issue_all, lobby
from workstation.domain.queue import Priority
from workstation.station import Station, open_station


@contextmanager
def at_counter(station: Station, counter: str) -> Iterator[Station]:
    """Another workstation on ``station``'s database and clock, at ``counter``."""
    config = make_config(station.config.database.url, counter=counter)
    other = open_station(config, station.secrets, station.clock, FAST)
    try:
        yield other
    finally:
        other.close()


def cash_surge(station) -> None:
    """Window 01 (cash) serves three tickets of 3 minutes while 15 arrive within 30 minutes:
    Erlang C asks for 2 windows, and the flexible window 04 would bring the wait to 4 minutes."""
    desk, clock, payment = lobby(station), station.clock, ("payment", Priority.NONE)
    teller = at_window(station)
    issue_all(station, desk, *[payment] * 3, step=10)
    for _ in range(3):
        station.queue.call_next(teller, "01")
        station.queue.start(teller, "01")
        clock.advance(seconds=180)
        station.queue.finish(teller, "01")
    issue_all(station, desk, *[payment] * 12, step=100)
