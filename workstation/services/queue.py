"""The lobby and the queue: tickets issued, windows opened and paused, the rule shown.

``QueueService`` is one object over four modules: what they share
(:mod:`workstation.services.queue_core`), what happens at a window
(:mod:`workstation.services.queue_calls`), what the board and the display read
(:mod:`workstation.services.queue_board`), and here issuing and the windows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from functools import cached_property
from math import ceil
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.branch_pack import ServiceSpec
from workstation.db.prepared import Prepared
from workstation.db.queue import QueueWindow, Ticket, TicketEvent, next_number
from workstation.db.queue_sql import TicketRow, ahead_query, day_state, insert_ticket
from workstation.db.unit import Unit
from workstation.domain.clock import local_date
from workstation.domain.i18n import Msg, msg
from workstation.domain.queue import (
    PauseReason,
    Priority,
    TicketEventKind,
    TicketStatus,
    WindowState,
)
from workstation.domain.queue_rule import rule_lines
from workstation.services.auth import SignedIn
from workstation.services.calendar import BusinessDateClosed, open_business_date
from workstation.services.queue_board import QueueBoardReads
from workstation.services.queue_calls import QueueCalls
from workstation.services.queue_core import BUSINESS_DATE, QueueError, spec_name
from workstation.services.queue_search import ServiceSearch
from workstation.services.queue_views import Estimate, IssuedTicket, TicketView, WindowView

__all__ = ["QueueError", "QueueService"]

CHECKLIST = ("always", "in_person")
"""The documents a ticket lists: those every customer who comes in person needs."""


class QueueService(QueueCalls, QueueBoardReads):
    @cached_property
    def _documents_of(self) -> dict[tuple[str, str | None], tuple[Msg | str, ...]]:
        return {}

    @cached_property
    def _ahead_queries(self) -> dict[tuple[str, Priority], Prepared]:
        """The estimate's statement per service and priority, built once each."""
        return {}

    @property
    def _search(self) -> ServiceSearch:
        found = self.__dict__.get("_search_index")
        if found is None:
            found = self.__dict__["_search_index"] = ServiceSearch(self.pack, self.templates)
        return found

    def services(self) -> tuple[ServiceSpec, ...]:
        return self.pack.services

    def search(self, text: str) -> list[ServiceSpec]:
        """By business code, pinyin or name: ``tb`` finds 退保 and so 保全."""
        return self._search.find(text)

    def rule_lines(self) -> list[Msg]:
        return rule_lines(self.pack.rule)

    # -- issuing --------------------------------------------------------------------------

    def estimate(self, service: str, priority: Priority = Priority.NONE) -> Estimate:
        """How many would be called before a new ticket, and about how long that takes."""
        spec = self._service(service)
        with self.db.read() as s:
            return self._estimate(s, spec, priority, self._day(s), exclude=None)

    def _estimate(
        self, s: Unit, spec: ServiceSpec, priority: Priority, day: date, exclude: int | None
    ) -> Estimate:
        """One statement: the service's waiting tickets of this priority weight or more
        (a range of ``ix_tickets_queue``) and the open windows that serve it."""
        query = self._ahead_queries.get((spec.key, priority))
        if query is None:
            rule = self.pack.rule
            weights = [str(p) for p in Priority if rule.weight(p) >= rule.weight(priority)]
            query = ahead_query(weights, self.pack.counters_for(spec.key))
            self._ahead_queries[spec.key, priority] = query
        params = {"branch": self.branch_code, "day": day, "service": spec.key}
        found = query.first(s.connection(), params | {"exclude": exclude or 0})
        assert found is not None  # two counts: always one row
        people, open_windows = int(found[0] or 0), int(found[1] or 0)
        return Estimate(people, ceil(people * spec.minutes_each / max(1, open_windows)))

    def issue(
        self, who: SignedIn, service: str, priority: Priority, *, business: str | None = None
    ) -> IssuedTicket:
        """A numbered ticket for ``service``; refused once the day's quota is reached."""
        spec = self._service(service)
        if business is not None and business not in spec.businesses:
            raise QueueError("queue.error.unknown_business", code=business, service=spec_name(spec))

        def made(s: Unit, day: date) -> tuple[TicketView, Estimate]:
            ticket = self._new_ticket(s, who, spec, priority, day, business)
            return self._view(ticket), self._estimate(s, spec, priority, day, exclude=ticket.id)

        with self.db.write_core() as unit:  # all day long: no ORM (workstation/db/unit.py)
            day = self._day_if_open(unit)
            outcome = None if day is None else made(unit, day)
        if day is None or outcome is None:  # the day's first write opens it, through the ORM
            with self.db.write() as s:
                day = self._open_day(s, who)
                outcome = made(s, day)
        return self._issued(*outcome, spec, business, day)

    def issued(self, ticket_id: int) -> IssuedTicket:
        """Ticket ``ticket_id`` as its printout tells it: what :meth:`issue` returned, with
        the people ahead and the wait as they stand now (the business chosen at issue)."""
        with self.db.read() as s:
            ticket = self._ticket(s, ticket_id, lock=False)
            spec = self._service(ticket.service)
            detail = s.scalar(
                select(TicketEvent.detail).where(
                    TicketEvent.ticket_id == ticket.id, TicketEvent.kind == TicketEventKind.ISSUE
                )
            )
            business = json.loads(detail).get("business") if detail else None
            estimate = self._estimate(
                s, spec, Priority(ticket.priority), ticket.business_date, exclude=ticket.id
            )
            return self._issued(self._view(ticket), estimate, spec, business, ticket.business_date)

    def _issued(
        self,
        view: TicketView,
        estimate: Estimate,
        spec: ServiceSpec,
        business: str | None,
        day: date,
    ) -> IssuedTicket:
        pack = self.pack
        return IssuedTicket(
            ticket=view,
            ahead=estimate.ahead,
            estimate_minutes=estimate.minutes,
            documents=self._documents(spec, business),
            service_phone=pack.service_phone,
            opinion_book=msg("queue.bilingual", zh=pack.opinion_book_zh, en=pack.opinion_book_en),
            business_date=day.isoformat(),
        )

    def issue_many(self, who: SignedIn, orders: Sequence[tuple[str, Priority]]) -> list[TicketView]:
        """Several tickets in one unit of work, numbered, evented and journaled as
        :meth:`issue` does each (a group arriving together; seeding a test or a benchmark).
        All or none: a refusal of one stores none."""
        specs = [(self._service(service), priority) for service, priority in orders]
        with self.db.write() as s:
            day = self._open_day(s, who)
            tickets = [self._new_ticket(s, who, spec, p, day, None) for spec, p in specs]
            return [self._view(ticket) for ticket in tickets]

    def _open_day(self, s: Session, who: SignedIn) -> date:
        """Today's business date, open and with the branch opened (营业前准备): one
        statement, once the day's row exists (its first write opens it, journaled)."""
        today = self._day_if_open(s)
        if today is None:
            staff = who.staff.staff_id
            today = open_business_date(s, self.journal, self.clock, self.branch_code, staff)
            self._opened(s, today)
            s.info[BUSINESS_DATE] = today
        return today

    def _day_if_open(self, s: Unit) -> date | None:
        """Today's business date, open and with the branch opened; None before the day's row
        exists (opening it is :meth:`_open_day`'s, in an ORM unit of work)."""
        today = local_date(self.clock)
        state = day_state(s, self.branch_code, today)
        if state is None:
            return None
        if state.closed:
            raise BusinessDateClosed("calendar.closed", date=today.isoformat())
        if not state.opened:
            raise QueueError("checklist.error.not_open", date=today.isoformat())
        s.info[BUSINESS_DATE] = today
        return today

    def _new_ticket(
        self,
        s: Unit,
        who: SignedIn,
        spec: ServiceSpec,
        priority: Priority,
        day: date,
        business: str | None,
    ) -> TicketRow:
        """The next number of ``spec`` (refused past the quota), its ticket and event."""
        number = next_number(s, self.branch_code, day, spec.key)
        if number > spec.daily_quota:
            raise QueueError(
                "queue.error.quota_reached", service=spec_name(spec), quota=spec.daily_quota
            )
        now = self.clock.now()
        values: dict[str, Any] = dict(
            branch_code=self.branch_code, business_date=day, service=spec.key, number=number,
            label=f"{spec.prefix}{number:03d}", priority=str(priority),
            status=str(TicketStatus.WAITING), arrived_at=now, queued_at=now,
            issued_by=who.staff.staff_id, issued_counter=self.station_counter, calls=0,
            triage_error=False,
        )  # fmt: skip
        ticket = TicketRow(id=insert_ticket(s, values), **values)  # written; no ORM object
        detail = {"priority": str(priority), "business": business}
        self._event(s, TicketEventKind.ISSUE, who, None, ticket, detail)
        return ticket

    def _documents(self, spec: ServiceSpec, business: str | None) -> tuple[Msg | str, ...]:
        """The documents to have ready: of the chosen business, or of all the service's
        (the templates do not change while the station runs: worked out once)."""
        found = self._documents_of.get((spec.key, business))
        if found is None:
            found = self._documents_of[spec.key, business] = self._checklist(spec, business)
        return found

    def _checklist(self, spec: ServiceSpec, business: str | None) -> tuple[Msg | str, ...]:
        codes = (business,) if business else spec.businesses
        seen: dict[str, Msg | str] = {}
        for code in codes:
            template = self.templates.by_code(code)
            for doc in template.documents if template else ():
                if doc.when in CHECKLIST and doc.label.zh not in seen:
                    seen[doc.label.zh] = msg("queue.bilingual", zh=doc.label.zh, en=doc.label.en)
        return tuple(seen.values())

    def reinstate(self, who: SignedIn, label_or_id: str | int) -> TicketView:
        """A no-show back in the queue, at its end (queued now)."""
        with self.db.write() as s:
            ticket = self._by_label(s, label_or_id)
            if ticket.status != TicketStatus.NO_SHOW:
                raise QueueError("queue.error.not_no_show", ticket=ticket.label)
            ticket.status, ticket.queued_at = TicketStatus.WAITING, self.clock.now()
            ticket.counter = ticket.teller = ticket.called_at = ticket.finished_at = None
            ticket.calls = 0
            self._event(s, TicketEventKind.REINSTATE, who, None, ticket)
            return self._view(ticket)

    def _by_label(self, s: Session, label_or_id: str | int) -> Ticket:
        if isinstance(label_or_id, int) or label_or_id.isdigit():
            return self._ticket(s, int(label_or_id))
        found = s.scalar(
            select(Ticket.id).where(
                Ticket.branch_code == self.branch_code,
                Ticket.business_date == self._day(s),
                Ticket.label == label_or_id.strip().upper(),
            )
        )
        if found is None:
            raise QueueError("queue.error.unknown_ticket", ticket=label_or_id)
        return self._ticket(s, found)

    # -- windows --------------------------------------------------------------------------

    def open_window(self, who: SignedIn, counter: str) -> WindowView:
        """Open ``counter``'s window for calling: needs an open shift there."""
        return self._set_window(who, counter, WindowState.OPEN, None, TicketEventKind.WINDOW_OPEN)

    def pause_window(self, who: SignedIn, counter: str, reason: PauseReason) -> WindowView:
        """Pause (暂停服务) with a reason: the window is skipped until it resumes."""
        kind = TicketEventKind.WINDOW_PAUSE
        return self._set_window(who, counter, WindowState.PAUSED, reason, kind)

    def resume_window(self, who: SignedIn, counter: str) -> WindowView:
        kind = TicketEventKind.WINDOW_RESUME
        return self._set_window(who, counter, WindowState.OPEN, None, kind)

    def close_window(self, who: SignedIn, counter: str) -> WindowView:
        kind = TicketEventKind.WINDOW_CLOSE
        return self._set_window(who, counter, WindowState.CLOSED, None, kind)

    def _set_window(
        self,
        who: SignedIn,
        counter: str,
        state: WindowState,
        reason: PauseReason | None,
        kind: TicketEventKind,
    ) -> WindowView:
        self._counter(counter)
        with self.db.write() as s:
            self._shift(s, who, counter)
            if kind is TicketEventKind.WINDOW_OPEN:
                self._opened(s, self._day(s))
            window = self._window(s, counter, lock=True)
            was = WindowState(window.state) if window else WindowState.CLOSED
            if kind is TicketEventKind.WINDOW_RESUME and was is not WindowState.PAUSED:
                raise QueueError("queue.error.not_paused", counter=counter)
            if kind is TicketEventKind.WINDOW_PAUSE and was is not WindowState.OPEN:
                raise QueueError("queue.error.window_closed", counter=counter)
            if state is not WindowState.OPEN:
                self._idle(s, counter)
            now, staff = self.clock.now(), who.staff.staff_id
            if window is None:
                window = QueueWindow(branch_code=self.branch_code, counter=counter, priority_run=0)
                s.add(window)
            window.state, window.reason, window.since, window.staff = state, reason, now, staff
            if was is not state:
                detail = {"reason": None if reason is None else str(reason)}
                self._event(s, kind, who, counter, None, detail)
            s.flush()
            return self._window_view(s, counter)
