"""The rule through the service: flexible and paused windows, transfers, no-shows, refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import FAST, make_config
from tests.ledger_support import in_both_languages, on_shift
from tests.queue_support import at_window, issue_all, lobby
from workstation.db.models import JournalEntry
from workstation.db.queue import Ticket, TicketEvent
from workstation.domain.clock import local_date
from workstation.domain.queue import PauseReason, Priority, TicketStatus
from workstation.domain.queue_rule import choose_next
from workstation.services.queue import QueueError
from workstation.station import open_station

pytestmark = pytest.mark.db
N, E = Priority.NONE, Priority.ELDERLY


@pytest.fixture
def station4(config, secrets, clock):
    """A workstation at counter 04, the flexible window."""
    opened = open_station(make_config(config.database.url, counter="04"), secrets, clock, FAST)
    yield opened
    opened.close()


def counts(station):
    with station.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Ticket)),
            s.scalar(select(func.count()).select_from(TicketEvent)),
            s.scalar(select(func.count()).select_from(JournalEntry)),
        )


def refused(key, call, *args, **kwargs):
    with pytest.raises(QueueError) as caught:
        call(*args, **kwargs)
    assert caught.value.msg.key == key
    assert in_both_languages(caught.value.msg)


def test_the_flexible_window_serves_every_zone_only_while_open(station, station4):
    desk = lobby(station)
    issue_all(station, desk, ("consultation", N), ("vip", N))
    teller = on_shift(station4, "T002")
    refused("queue.error.window_closed", station4.queue.call_next, teller, "04")
    assert station.queue.board().zones[2].open_windows == ()
    station4.queue.open_window(teller, "04")
    assert station.queue.board().zones[2].open_windows == ("04",)
    assert station4.queue.call_next(teller, "04").label == "D001"
    station4.queue.finish(teller, "04")
    assert station4.queue.call_next(teller, "04").label == "V001"


def test_a_paused_window_is_skipped_and_refuses_to_call(station, station2):
    desk = lobby(station)
    issue_all(station, desk, ("policy_service", N), ("policy_service", N))
    paused = at_window(station2, "T002")
    station2.queue.pause_window(paused, "02", PauseReason.BREAK)
    assert station.queue.board().paused == (("02", PauseReason.BREAK),)
    before = counts(station)
    refused("queue.error.window_paused", station2.queue.call_next, paused, "02")
    assert counts(station) == before
    station2.queue.resume_window(paused, "02")
    assert station2.queue.call_next(paused, "02").label == "B001"


def test_a_teller_without_an_open_shift_cannot_call(station):
    station.queue.issue(lobby(station), "payment", N)
    teller = station.auth.sign_in("T001", "demo1234")
    before = counts(station)
    refused("queue.error.no_shift", station.queue.open_window, teller, "01")
    refused("queue.error.no_shift", station.queue.call_next, teller, "01")
    assert counts(station) == before


def test_a_reinstated_no_show_goes_to_the_end(station):
    desk = lobby(station)
    issue_all(station, desk, ("payment", N), ("payment", N), ("payment", N))
    teller = at_window(station)
    assert station.queue.call_next(teller, "01").label == "A001"
    refused("queue.error.too_few_calls", station.queue.no_show, teller, "01")
    refused("queue.error.recall_too_soon", station.queue.recall, teller, "01")
    station.clock.advance(seconds=16)
    station.queue.recall(teller, "01")
    assert station.queue.no_show(teller, "01").status is TicketStatus.NO_SHOW
    station.queue.reinstate(desk, "A001")
    labels = [t.label for t in station.queue.window("01").waiting]
    assert labels == ["A002", "A003", "A001"]


def test_a_transfer_keeps_the_arrival_and_goes_ahead_of_later_arrivals(station, station2):
    desk = lobby(station)
    issue_all(station, desk, ("payment", N), step=60)
    station.clock.advance(minutes=5)
    issue_all(station, desk, ("policy_service", N), ("policy_service", N))
    cashier, clerk = at_window(station), at_window(station2, "T002")
    first = station.queue.call_next(cashier, "01")
    child = station.queue.transfer(cashier, "01", to_service="policy_service")
    assert child.arrived_at == first.arrived_at and child.label == "B003"
    assert station.queue.window("01").current is None
    assert station2.queue.call_next(clerk, "02").label == "B003"


def test_a_transfer_to_a_counter_is_called_there_first(station, station2):
    desk = lobby(station)
    issue_all(station, desk, ("policy_service", N), ("payment", N))
    cashier, clerk = at_window(station), at_window(station2, "T002")
    station.queue.call_next(cashier, "01")
    child = station.queue.transfer(cashier, "01", to_counter="02")
    assert child.for_counter == "02"
    assert station2.queue.call_next(clerk, "02").label == child.label


def test_a_transfer_to_a_closed_service_stores_nothing(station):
    issue_all(station, lobby(station), ("payment", N))
    teller = at_window(station)
    station.queue.call_next(teller, "01")
    before = counts(station)
    refused("queue.error.service_closed", station.queue.transfer, teller, "01", to_service="claims")
    refused("queue.error.counter_closed", station.queue.transfer, teller, "01", to_counter="03")
    refused("queue.error.unknown_service", station.queue.transfer, teller, "01", to_service="x")
    assert counts(station) == before
    assert station.queue.serving("01").status is TicketStatus.CALLED


def test_a_transfer_to_the_lobby_is_a_triage_error_of_the_issuing_staff(station):
    issue_all(station, lobby(station), ("payment", N))
    teller = at_window(station)
    station.queue.call_next(teller, "01")
    back = station.queue.transfer(teller, "01", to_lobby=True)
    assert back.status is TicketStatus.TRANSFERRED and back.triage_error
    with station.db.read() as s:
        ticket = s.get(Ticket, back.id)
        assert (ticket.issued_by, ticket.triage_error) == ("L001", True)


def test_triage_errors_are_counted_per_lobby_staff_and_day(station, station2):
    desk = lobby(station)
    issue_all(station, desk, ("payment", N), ("payment", N), ("policy_service", N))
    teller, other = at_window(station), at_window(station2, "T002")
    assert station.queue.triage_errors() == {}
    station.queue.call_next(teller, "01")
    station.queue.transfer(teller, "01", to_lobby=True)  # an error: counted
    station.queue.call_next(teller, "01")
    station.queue.finish(teller, "01")  # served where it was sent: not an error
    station2.queue.call_next(other, "02")
    station2.queue.transfer(other, "02", to_service="claims")  # moved on: not an error
    today = local_date(station.clock)
    assert station.queue.triage_errors() == {"L001": 1}
    assert station2.queue.triage_errors(today) == {"L001": 1}
    assert station.queue.triage_errors(today - timedelta(days=1)) == {}


def test_the_quota_refuses_the_next_ticket_and_the_board_says_so(station):
    desk = lobby(station)
    quota = station.queue.pack.service("claims").daily_quota
    for _ in range(quota):
        station.queue.issue(desk, "claims", N)
    before = counts(station)
    refused("queue.error.quota_reached", station.queue.issue, desk, "claims", N)
    assert counts(station) == before
    assert station.queue.board().quota_full == ("claims",)


def test_a_ticket_called_elsewhere_cannot_be_called_back_or_cancelled(station, station2):
    desk = lobby(station)
    issue_all(station, desk, ("policy_service", N))
    clerk, other = at_window(station2, "T002"), at_window(station)
    called = station2.queue.call_next(clerk, "02")
    refused("queue.error.called_elsewhere", station.queue.cancel, desk, called.id)
    station2.queue.start(clerk, "02")
    station2.queue.park(clerk, "02")
    refused("queue.error.called_elsewhere", station.queue.call_back, other, "01", called.id)
    assert station2.queue.call_back(clerk, "02", called.id).status is TicketStatus.CALLED


def test_priority_and_aging_through_the_service(station):
    desk = lobby(station)
    issue_all(station, desk, ("payment", N), ("payment", E), ("payment", E), ("payment", E))
    teller = at_window(station)
    order = []
    for _ in range(4):
        order.append(station.queue.call_next(teller, "01").label)
        station.queue.finish(teller, "01")
    assert order == ["A002", "A003", "A001", "A004"]
    issue_all(station, desk, ("payment", N))
    station.clock.advance(minutes=16)
    issue_all(station, desk, ("payment", E))
    assert station.queue.call_next(teller, "01").label == "A005"


def test_every_queue_event_is_journaled_and_verify_covers_them(station):
    from workstation.services.journal_audit import audit

    issue_all(station, lobby(station), ("payment", N))
    teller = at_window(station)
    station.queue.call_next(teller, "01")
    station.queue.finish(teller, "01")
    assert station.journal.verify(station.db).ok and audit(station.db).ok
    with station.db.write() as s:
        s.add(TicketEvent(branch_code="SH01", kind="call", at=station.clock.now(), staff="T001"))
    problem = audit(station.db).problem
    assert problem is not None and problem.params["what"].key == "journal.audit.kind.ticket_event"


def test_calling_from_the_heads_chooses_as_the_rule_over_every_waiting_ticket(station):
    """call_next reads only the head of each service and priority (and the transfers to
    the counter): for any queue it must pick what the rule picks over them all."""
    services = ("payment", "policy_service", "claims", "consultation", "vip")
    mixes = [
        (services[(i * 7) % 5], list(Priority)[(i * 3) % 5 if i % 3 else 0]) for i in range(60)
    ]
    issue_all(station, lobby(station), *mixes, step=37)
    queue, rule = station.queue, station.queue.pack.rule
    with station.db.write() as s:  # two tickets sent to counter 03 by a transfer
        for ticket in s.scalars(select(Ticket).where(Ticket.service == "claims").limit(2)):
            ticket.for_counter = "03"
    seen = []
    for step in range(48):  # take each chosen ticket away, at varying lateness and runs
        counter, run = ("01", "02", "03", "04")[step % 4], step % 3
        now = station.clock.now() + timedelta(minutes=(0, 20, 45, 90)[step // 4 % 4])
        args = {"counter": counter, "now": now, "priority_run": run, "rule": rule}
        with station.db.write() as s:
            day = queue._day(s)
            every = queue._candidates(s, counter, day)
            heads = queue._heads(s, counter, day)
            assert len(heads) < len(every) or len(every) <= 1
            chosen = choose_next(heads, **args)
            assert chosen == choose_next(every, **args)
            if chosen is not None:
                s.get(Ticket, chosen.ticket_id).status = TicketStatus.CALLED
                seen.append(chosen.ticket_id)
    assert len(set(seen)) == len(seen) > 40
