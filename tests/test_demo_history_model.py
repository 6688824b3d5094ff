"""The demo's generated past read back from the database: a realistic day and week.

Generated once for the module: 2026-10-01 … 10-21 at the demo's windows (国庆 1-7
October off, Thursday 10-08 the first day after it, Saturday 10-10 a 调休 working day).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from statistics import mean

import pytest
from sqlalchemy import select

from forms.branch_pack import load_branch_pack
from tests.conftest import SHANGHAI, start_time
from tests.databases import Databases
from workstation.db.engine import Database
from workstation.db.queue import Ticket, TicketEvent
from workstation.domain.arrivals import handling
from workstation.services.demo import DEMO_WINDOWS
from workstation.services.demo_history import write_history

LAST, DAYS = date(2026, 10, 21), 21
HOLIDAY = {date(2026, 10, 1) + timedelta(days=n) for n in range(7)}
MONDAYS = {date(2026, 10, 12), date(2026, 10, 19)}
MIDWEEK = {date(2026, 10, d) for d in (13, 14, 15, 20, 21)}


@pytest.fixture(scope="module")
def history(databases: Databases) -> Iterator[tuple[list[Ticket], list[TicketEvent]]]:
    url = databases.copy()
    db = Database(url)
    try:
        with db.write() as s:
            write_history(s, None, load_branch_pack(), "SH01", DEMO_WINDOWS, LAST, DAYS,
                          SHANGHAI, start_time())  # fmt: skip
        with db.read() as s:
            tickets = list(s.scalars(select(Ticket)))
            events = list(s.scalars(select(TicketEvent).where(TicketEvent.ticket_id.is_not(None))))
            s.expunge_all()
        yield tickets, events
    finally:
        db.dispose()
        databases.drop(url)


def _issued(ticket: Ticket) -> datetime:
    at = ticket.arrived_at
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(SHANGHAI)


def test_arrivals_peak_near_ten_and_fifteen_with_a_lunch_dip(history) -> None:
    tickets, _ = history
    hours = Counter(_issued(t).hour for t in tickets)
    assert set(hours) <= set(range(8, 17))
    assert max(range(8, 12), key=hours.__getitem__) == 10
    assert max(range(13, 17), key=hours.__getitem__) == 15
    assert hours[12] < hours[11] and hours[12] < hours[13] < hours[14]


def test_mondays_are_busier_the_holiday_and_sundays_empty(history) -> None:
    tickets, _ = history
    per_day = Counter(t.business_date for t in tickets)
    assert not set(per_day) & HOLIDAY
    assert all(day.weekday() != 6 for day in per_day)  # no Sunday
    assert date(2026, 10, 10) in per_day  # the 调休 Saturday works
    midweek = mean(per_day[d] for d in MIDWEEK)
    assert mean(per_day[d] for d in MONDAYS) > 1.15 * midweek
    assert per_day[date(2026, 10, 8)] > 1.3 * midweek  # the first day after 国庆
    assert 0 < per_day[date(2026, 10, 17)] < 0.7 * midweek  # an ordinary Saturday
    assert all(_issued(t).date() == t.business_date for t in tickets)


def test_service_times_are_near_each_services_mean(history) -> None:
    tickets, _ = history
    seconds = defaultdict(list)
    for t in tickets:
        if t.started_at is not None and t.finished_at is not None:
            seconds[t.service].append((t.finished_at - t.started_at).total_seconds())
    assert set(seconds) == {"payment", "policy_service", "claims", "consultation", "vip"}
    for service, spent in seconds.items():
        assert mean(spent) == pytest.approx(handling(service).mean_seconds, rel=0.15), service


def test_every_tickets_events_are_in_order_and_numbered_per_service_and_day(history) -> None:
    tickets, events = history
    for t in tickets:
        assert t.called_at is not None and t.finished_at is not None
        assert t.arrived_at <= t.called_at <= t.finished_at
        assert t.started_at is None or t.called_at <= t.started_at <= t.finished_at
        assert (t.status == "no_show") == (t.started_at is None)
    order = {"issue": 0, "call": 1, "recall": 2, "start": 2, "finish": 3, "no_show": 3}
    by_ticket = defaultdict(list)
    for e in events:
        by_ticket[e.ticket_id].append(e)
    assert set(by_ticket) == {t.id for t in tickets}
    for evs in by_ticket.values():
        ranked = sorted(evs, key=lambda e: (e.at, order[e.kind]))
        assert [order[e.kind] for e in ranked] == sorted(order[e.kind] for e in evs)
    numbers = defaultdict(list)
    for t in sorted(tickets, key=lambda t: t.arrived_at):
        numbers[(t.business_date, t.service)].append(t.number)
    assert all(n == list(range(1, len(n) + 1)) for n in numbers.values())
    no_shows = sum(t.status == "no_show" for t in tickets) / len(tickets)
    assert 0.02 < no_shows < 0.08


def test_the_flexible_window_opens_only_when_needed_and_serves_the_vip_zone(history) -> None:
    tickets, _ = history
    counters = Counter(t.counter for t in tickets)
    assert set(counters) == {"01", "02", "03", "04"}
    assert counters["04"] < min(counters["01"], counters["02"], counters["03"])
    assert {t.counter for t in tickets if t.service == "vip"} == {"04"}
    assert {t.counter for t in tickets if t.service == "payment"} <= {"01", "04"}


def test_the_queue_rule_calls_priority_customers_sooner(history) -> None:
    tickets, _ = history

    def waited(priority: str) -> float:
        return mean(
            (t.called_at - t.arrived_at).total_seconds()
            for t in tickets
            if t.priority == priority and t.service != "vip" and t.called_at is not None
        )

    assert waited("elderly") < 0.85 * waited("none")  # 0.75 with this seed
