"""Helpers for the queue tests: a lobby, tellers on shift at their windows, the clock."""

from __future__ import annotations

from datetime import timedelta

from tests.ledger_support import on_shift
from workstation.domain.queue import Priority


def lobby(station):
    """刘洋 (L001), the demo's lobby staff, signed in."""
    return station.auth.sign_in("L001", "demo1234")


def at_window(station, staff_id: str = "T001"):
    """A teller on shift at the station's counter, its window open."""
    who = on_shift(station, staff_id)
    station.queue.open_window(who, station.counter.code)
    return who


def issue_all(station, who, *orders: tuple[str, Priority], step: int = 1) -> list[str]:
    """Issue tickets in order, ``step`` seconds apart; their labels."""
    labels = []
    for service, priority in orders:
        labels.append(station.queue.issue(who, service, priority).ticket.label)
        station.clock.advance(timedelta(seconds=step))
    return labels
