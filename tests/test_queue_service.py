"""The queue service: issue, call, serve and finish; refusals store nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.ledger_support import (
    contact_change,
    in_both_languages,
    journal_payloads,
    post_acknowledged,
)
from tests.queue_support import at_window, lobby
from workstation.db.queue import Ticket, TicketEvent
from workstation.domain.queue import Priority, TicketStatus, WindowState
from workstation.services.queue import QueueError

pytestmark = pytest.mark.db


def test_a_ticket_is_issued_called_served_and_finished(station):
    desk = lobby(station)
    issued = station.queue.issue(desk, "policy_service", Priority.ELDERLY, business="3101")
    assert issued.ticket.label == "B001"
    assert issued.ahead == 0
    assert issued.documents, "the surrender's checklist"
    teller = at_window(station)
    # counter 01 serves payments only: the flexible window or 02/03 call B
    assert station.queue.window("01").state is WindowState.OPEN
    assert station.queue.search("tb")[0].key == "policy_service"
    with pytest.raises(QueueError) as refused:
        station.queue.call_next(teller, "01")
    assert refused.value.msg.key == "queue.error.none_waiting"
    payment = station.queue.issue(desk, "payment", Priority.NONE)
    called = station.queue.call_next(teller, "01")
    assert called.label == payment.ticket.label == "A001"
    assert station.queue.serving("01").id == called.id
    station.queue.start(teller, "01")
    done = station.queue.finish(teller, "01")
    assert done.status is TicketStatus.DONE
    assert [p["ticket"] for p in journal_payloads(station, "queue.finish")] == ["A001"]
    assert station.journal.verify(station.db).ok
    assert in_both_languages(station.queue.rule_lines()[3])


def test_a_posting_made_while_serving_is_linked_to_the_ticket(station):
    desk = lobby(station)
    station.queue.issue(desk, "payment", Priority.NONE)
    teller = at_window(station)
    ticket = station.queue.call_next(teller, "01")
    result = post_acknowledged(station, contact_change(station), teller)
    assert result.ticket_id == ticket.id
    station.queue.finish(teller, "01")
    other = post_acknowledged(station, contact_change(station), teller)
    assert other.ticket_id is None


def test_an_unknown_service_is_refused_and_nothing_is_stored(station):
    desk = lobby(station)
    with pytest.raises(QueueError) as refused:
        station.queue.issue(desk, "loans", Priority.NONE)
    assert refused.value.msg.key == "queue.error.unknown_service"
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == 0
        assert s.scalar(select(func.count()).select_from(TicketEvent)) == 0


def test_a_group_is_issued_in_one_go_numbered_on_from_single_tickets_all_or_none(station):
    desk = lobby(station)
    station.queue.issue(desk, "claims", Priority.NONE)
    group = station.queue.issue_many(desk, [("claims", Priority.NONE), ("payment", Priority.VIP)])
    assert [t.label for t in group] == ["C002", "A001"]
    assert group[1].priority is Priority.VIP
    quota = station.queue.pack.service("claims").daily_quota
    with pytest.raises(QueueError) as refused:
        station.queue.issue_many(
            desk, [("payment", Priority.NONE)] + [("claims", Priority.NONE)] * quota
        )
    assert refused.value.msg.key == "queue.error.quota_reached"
    assert station.queue.issue(desk, "payment", Priority.NONE).ticket.label == "A002"
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == 4
        assert s.scalar(select(func.count()).where(TicketEvent.kind == "issue")) == 4
