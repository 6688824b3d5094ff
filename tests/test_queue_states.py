"""A Hypothesis state machine over issue, call, recall, no-show, transfer and finish.

Whatever the order: every ticket ends in exactly one final state, numbers are
gapless per service and day, and no ticket is served by two counters.
"""

from __future__ import annotations

import contextlib
from collections import Counter

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from tests.conftest import FAST, make_config, start_time
from tests.ledger_support import on_shift
from workstation.db.queue import Ticket, TicketEvent
from workstation.domain.clock import ManualClock
from workstation.domain.queue import AT_WINDOW, FINAL_STATUSES, Priority, TicketStatus
from workstation.secrets import Secrets
from workstation.services.queue import QueueError
from workstation.station import open_station

pytestmark = pytest.mark.db
SERVICES = ("payment", "policy_service", "consultation")
COUNTERS = ("01", "02")
FINAL_EVENT = {
    TicketStatus.DONE: "finish",
    TicketStatus.TRANSFERRED: "transfer",
    TicketStatus.CANCELLED: "cancel",
    TicketStatus.NO_SHOW: "no_show",
}

WINDOW_STEPS = ("call_next", "recall", "no_show", "start", "finish")
"""What a teller does at the window, each a QueueService method taking (teller, counter)."""


def test_the_queue_keeps_its_invariants_whatever_happens(databases, memory_keyring):
    class Branch(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.url = databases.copy()
            self.clock = ManualClock(start_time())
            self.stations = {
                c: open_station(
                    make_config(self.url, counter=c), Secrets(memory_keyring), self.clock, FAST
                )
                for c in COUNTERS
            }
            self.tellers = {}
            for counter, staff in zip(COUNTERS, ("T001", "T002"), strict=True):
                self.tellers[counter] = on_shift(self.stations[counter], staff)
                self.stations[counter].queue.open_window(self.tellers[counter], counter)
            self.desk = self.stations["01"].auth.sign_in("L001", "demo1234")
            self.queue = self.stations["01"].queue

        def _try(self, call, *args, **kwargs) -> None:
            with contextlib.suppress(QueueError):  # a refusal stores nothing: the invariants say
                call(*args, **kwargs)
            self.clock.advance(seconds=7)

        @rule(service=st.sampled_from(SERVICES), priority=st.sampled_from(list(Priority)))
        def issue(self, service, priority):
            self._try(self.queue.issue, self.desk, service, priority)

        def _at(self, counter, step, **where) -> None:
            """The teller at ``counter`` does ``step`` (a QueueService method) there."""
            queue = self.stations[counter].queue
            self._try(getattr(queue, step), self.tellers[counter], counter, **where)

        @rule(counter=st.sampled_from(COUNTERS), step=st.sampled_from(WINDOW_STEPS))
        def at_window(self, counter, step):
            self._at(counter, step)

        @rule(counter=st.sampled_from(COUNTERS), to=st.sampled_from((*SERVICES, "lobby")))
        def transfer(self, counter, to):
            where = {"to_lobby": True} if to == "lobby" else {"to_service": to}
            self._at(counter, "transfer", **where)

        def _tickets(self):
            with self.queue.db.read() as s:
                tickets = s.scalars(select(Ticket)).all()
                events = s.execute(
                    select(TicketEvent.ticket_id, TicketEvent.kind, TicketEvent.counter)
                ).all()
            return tickets, events

        @invariant()
        def one_ticket_per_window_and_gapless_numbers(self):
            tickets, events = self._tickets()
            at = Counter(t.counter for t in tickets if t.status in AT_WINDOW)
            assert all(n == 1 for n in at.values()), at
            for service in SERVICES:
                numbers = sorted(t.number for t in tickets if t.service == service)
                assert numbers == list(range(1, len(numbers) + 1))
            served = {}
            for ticket_id, kind, counter in events:
                if kind in ("call", "start", "finish", "recall", "no_show", "transfer"):
                    assert served.setdefault(ticket_id, counter) == counter, ticket_id

        def teardown(self) -> None:
            try:
                for counter in COUNTERS:
                    self._at(counter, "finish")
                tickets, _ = self._tickets()
                for ticket in tickets:
                    if ticket.status in (TicketStatus.WAITING, TicketStatus.PARKED):
                        self.queue.cancel(self.desk, ticket.id)
                tickets, events = self._tickets()
                finals = Counter((e.ticket_id, e.kind) for e in events)
                for ticket in tickets:
                    status = TicketStatus(ticket.status)
                    assert status in FINAL_STATUSES, ticket.label
                    ending = [k for k in FINAL_EVENT.values() if finals[(ticket.id, k)]]
                    assert ending == [FINAL_EVENT[status]], (ticket.label, ending)
                assert self.queue.journal.verify(self.queue.db).ok
            finally:
                for station in self.stations.values():
                    station.close()
                databases.drop(self.url)

    run_state_machine_as_test(
        Branch,
        settings=settings(
            max_examples=12,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
