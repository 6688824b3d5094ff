"""At the window: call next, recall, no-show, start, finish, park, call back, transfer.

Two counters calling next at the same instant never get the same ticket: the
ticket is taken by an UPDATE that only succeeds while it still waits; a
counter that lost the race chooses again from what is left.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workstation.db.queue import Ticket, next_number
from workstation.db.queue_sql import TicketRow, WindowRow, set_priority_run, take
from workstation.db.unit import Unit
from workstation.domain.queue import (
    AT_WINDOW,
    Priority,
    TicketEventKind,
    TicketStatus,
    WindowState,
)
from workstation.domain.queue_rule import choose_next, is_priority
from workstation.services.auth import SignedIn
from workstation.services.flexible import primary_of
from workstation.services.queue_core import QueueCore, QueueError, spec_name
from workstation.services.queue_views import TicketView
from workstation.services.ratings import ask as ask_rating

RACES = 8
"""How often a counter that lost a ticket to another counter chooses again."""


class QueueCalls(QueueCore):
    def call_next(self, who: SignedIn, counter: str) -> TicketView:
        """The next ticket by the rule, called to ``counter``."""
        with self.db.write_core() as s:  # all day long: no ORM (workstation/db/unit.py)
            window = self._ready(s, who, counter)
            self._free(window, counter)
            ticket = self._take(s, who, counter, window)
            priority = is_priority(self.pack.rule, Priority(ticket.priority))
            run = window.priority_run + 1 if priority else 0
            if run != window.priority_run:
                set_priority_run(s, self.branch_code, counter, run)
            self._event(s, TicketEventKind.CALL, who, counter, ticket)
            return self._view(ticket)

    def _take(self, s: Unit, who: SignedIn, counter: str, window: WindowRow) -> TicketRow:
        """Choose by the rule and take the ticket while it still waits (one UPDATE that
        returns the row, no ORM object); choose again when another counter took it first."""
        day, now, rule, run = self._day(s), self.clock.now(), self.pack.rule, window.priority_run
        primary = primary_of(self.pack, counter, window.flexible_zone)
        for _ in range(RACES):
            cands = self._heads(s, counter, day, primary)
            chosen = choose_next(cands, counter=counter, now=now, priority_run=run, rule=rule)
            if chosen is None:
                raise QueueError("queue.error.none_waiting", counter=counter)
            taken = take(s, chosen.ticket_id, counter, who.staff.staff_id, now)
            if taken is not None:
                return taken
        raise QueueError("queue.error.none_waiting", counter=counter)

    def _called(self, s: Session, who: SignedIn, counter: str) -> Ticket:
        """The ticket called to ``counter`` and not started yet; the teller on shift there."""
        self._shift(s, who, counter)
        ticket = self._current(s, counter)
        if ticket.status != TicketStatus.CALLED:
            raise QueueError("queue.error.already_started", ticket=ticket.label)
        return ticket

    def recall(self, who: SignedIn, counter: str) -> TicketView:
        """Call the ticket at the window again (重呼), not sooner than the pack's cooldown."""
        with self.db.write() as s:
            ticket = self._called(s, who, counter)
            now = self.clock.now()
            cooldown = self.pack.recall_cooldown
            if ticket.called_at is not None and now - ticket.called_at < cooldown:
                seconds = int((cooldown - (now - ticket.called_at)).total_seconds()) + 1
                raise QueueError(
                    "queue.error.recall_too_soon", ticket=ticket.label, seconds=seconds
                )
            ticket.calls += 1
            ticket.called_at = now
            self._event(s, TicketEventKind.RECALL, who, counter, ticket, {"calls": ticket.calls})
            return self._view(ticket)

    def no_show(self, who: SignedIn, counter: str) -> TicketView:
        """The customer did not come (过号): allowed after the pack's number of calls."""
        with self.db.write() as s:
            ticket = self._called(s, who, counter)
            needed = self.pack.no_show_after_calls
            if ticket.calls < needed:
                raise QueueError(
                    "queue.error.too_few_calls", ticket=ticket.label, calls=ticket.calls,
                    needed=needed,
                )  # fmt: skip
            ticket.status = TicketStatus.NO_SHOW
            ticket.finished_at = self.clock.now()
            self._event(s, TicketEventKind.NO_SHOW, who, counter, ticket)
            return self._view(ticket)

    def start(self, who: SignedIn, counter: str) -> TicketView:
        """The customer is at the window: service starts."""
        with self.db.write() as s:
            ticket = self._called(s, who, counter)
            ticket.status, ticket.started_at = TicketStatus.SERVING, self.clock.now()
            self._event(s, TicketEventKind.START, who, counter, ticket)
            return self._view(ticket)

    def finish(self, who: SignedIn, counter: str) -> TicketView:
        """Done with the customer at the window (started or not); the counter's rating pad asks."""
        with self.db.write() as s:
            self._shift(s, who, counter)
            ticket = self._current(s, counter)
            now = self.clock.now()
            ticket.started_at = ticket.started_at or now
            ticket.status, ticket.finished_at = TicketStatus.DONE, now
            self._event(s, TicketEventKind.FINISH, who, counter, ticket)
            ask_rating(s, self.journal, now, ticket)  # the pad asks; the teller cannot
            return self._view(ticket)

    def park(self, who: SignedIn, counter: str) -> TicketView:
        """Set the customer aside (挂起: fetching a document); the window calls the next."""
        with self.db.write() as s:
            self._shift(s, who, counter)
            ticket = self._current(s, counter)
            if ticket.status != TicketStatus.SERVING:
                raise QueueError("queue.error.not_started", ticket=ticket.label)
            ticket.status = TicketStatus.PARKED
            self._event(s, TicketEventKind.PARK, who, counter, ticket)
            return self._view(ticket)

    def call_back(self, who: SignedIn, counter: str, ticket_id: int) -> TicketView:
        """Call a ticket this window parked back to it."""
        with self.db.write() as s:
            self._free(self._ready(s, who, counter), counter)
            ticket = self._ticket(s, ticket_id)
            if ticket.status != TicketStatus.PARKED:
                raise QueueError("queue.error.not_parked", ticket=ticket.label)
            if ticket.counter != counter:
                raise QueueError(
                    "queue.error.called_elsewhere", ticket=ticket.label, counter=ticket.counter
                )
            ticket.status, ticket.called_at = TicketStatus.CALLED, self.clock.now()
            ticket.calls += 1
            self._event(s, TicketEventKind.CALL_BACK, who, counter, ticket)
            return self._view(ticket)

    def transfer(
        self,
        who: SignedIn,
        counter: str,
        *,
        to_service: str | None = None,
        to_counter: str | None = None,
        to_lobby: bool = False,
    ) -> TicketView:
        """Close the ticket at the window; open a child (same arrival) where it goes next.

        Back to the lobby, no child is opened and the ticket counts as a triage error
        of the lobby staff who issued it.
        """
        if to_lobby == bool(to_service or to_counter):
            raise QueueError("queue.error.transfer_where")
        with self.db.write() as s:
            self._shift(s, who, counter)
            ticket = self._current(s, counter)
            now = self.clock.now()
            ticket.status, ticket.finished_at = TicketStatus.TRANSFERRED, now
            if to_lobby:
                ticket.triage_error = True
                detail = {"to": "lobby", "issued_by": ticket.issued_by}
                self._event(s, TicketEventKind.TRANSFER, who, counter, ticket, detail)
                return self._view(ticket)
            child = self._child(s, ticket, to_service or ticket.service, to_counter)
            moved: dict[str, object] = {"to_service": child.service, "to_counter": to_counter}
            moved |= {"child": child.label, "child_id": child.id}
            self._event(s, TicketEventKind.TRANSFER, who, counter, ticket, moved)
            return self._view(child)

    def _child(self, s: Session, parent: Ticket, service: str, to_counter: str | None) -> Ticket:
        """The ticket a transfer opens: a new number in ``service``, the parent's arrival."""
        spec = self._service(service)
        if to_counter is not None:
            self._counter(to_counter)
            if not self._staffed(s, to_counter):
                raise QueueError("queue.error.counter_closed", counter=to_counter)
        elif not any(self._staffed(s, c) for c in self.pack.counters_for(service)):
            raise QueueError("queue.error.service_closed", service=spec_name(spec))
        number = next_number(s, self.branch_code, parent.business_date, service)
        child = Ticket(
            branch_code=self.branch_code, business_date=parent.business_date, service=service,
            number=number, label=f"{spec.prefix}{number:03d}", priority=parent.priority,
            status=TicketStatus.WAITING, arrived_at=parent.arrived_at,
            queued_at=parent.arrived_at, issued_by=parent.issued_by,
            issued_counter=parent.issued_counter, parent_id=parent.id, for_counter=to_counter,
            calls=0, triage_error=False,
        )  # fmt: skip
        s.add(child)
        s.flush()
        return child

    def _staffed(self, s: Session, counter: str) -> bool:
        """Open or paused: someone is at that window today."""
        window = self._window(s, counter)
        return window is not None and window.state != WindowState.CLOSED

    def cancel(self, who: SignedIn, ticket_id: int) -> TicketView:
        """A waiting, parked or no-show ticket withdrawn (the customer left)."""
        with self.db.write() as s:
            ticket = self._ticket(s, ticket_id)
            if ticket.status in AT_WINDOW:
                raise QueueError(
                    "queue.error.called_elsewhere", ticket=ticket.label, counter=ticket.counter
                )
            if TicketStatus(ticket.status).final and ticket.status != TicketStatus.NO_SHOW:
                raise QueueError("queue.error.closed_ticket", ticket=ticket.label)
            ticket.status, ticket.finished_at = TicketStatus.CANCELLED, self.clock.now()
            self._event(s, TicketEventKind.CANCEL, who, ticket.counter, ticket)
            return self._view(ticket)
