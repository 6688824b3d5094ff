"""What every part of the queue service shares: the refusals, the event, the checks.

Every change of a ticket or a window is one ``ticket_events`` row and one
journal entry (``queue.<kind>``, carrying the event's id) in the same
transaction, and a notification so displays wake at once on PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.branch_pack import BranchPack, ServiceSpec
from forms.search import TemplateIndex
from workstation.db.checklists import branch_opened
from workstation.db.engine import Database
from workstation.db.prepared import Prepared
from workstation.db.queue import QueueWindow, Ticket, at_window, has_open_shift, heads_query
from workstation.db.queue_sql import TicketRow, WindowRow, insert_event, window_state
from workstation.db.unit import Unit
from workstation.db.watch import QUEUE, notify
from workstation.domain.clock import Clock, local_date
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Msg, msg
from workstation.domain.queue import (
    PauseReason,
    Priority,
    TicketEventKind,
    TicketStatus,
    WindowState,
)
from workstation.domain.queue_rule import Candidate
from workstation.services.auth import SignedIn
from workstation.services.flexible import primary_services
from workstation.services.journal import Journal, Where
from workstation.services.queue_views import TicketView, ticket_view


class QueueError(WorkstationError):
    """A queue action was refused; nothing was stored. The message says why."""


WAITING = str(TicketStatus.WAITING)
BUSINESS_DATE = "queue_business_date"


def spec_name(spec: ServiceSpec) -> Msg:
    """A service's name, as a message that reads in either language."""
    return msg("queue.bilingual", zh=spec.name_zh, en=spec.name_en)


class QueueCore:
    def __init__(
        self,
        db: Database,
        journal: Journal,
        clock: Clock,
        branch_code: str,
        counter: str,
        pack: BranchPack,
        templates: TemplateIndex,
    ) -> None:
        self.db, self.journal, self.clock = db, journal, clock
        self.branch_code, self.station_counter = branch_code, counter
        self.pack, self.templates = pack, templates
        self._targets = {spec.key: spec.target_wait for spec in pack.services}
        self._heads_queries: dict[str, Prepared] = {}

    # -- look-ups that refuse -------------------------------------------------------------

    def _service(self, key: str) -> ServiceSpec:
        spec = self.pack.service(key)
        if spec is None:
            raise QueueError("queue.error.unknown_service", service=key)
        return spec

    def _counter(self, number: str) -> str:
        if self.pack.counter(number) is None:
            raise QueueError("queue.error.unknown_counter", counter=number)
        return number

    def _ticket(self, s: Session, ticket_id: int, *, lock: bool = True) -> Ticket:
        ticket = s.get(Ticket, ticket_id, with_for_update=lock)
        if ticket is None or ticket.branch_code != self.branch_code:
            raise QueueError("queue.error.unknown_ticket", ticket=str(ticket_id))
        return ticket

    def _day(self, s: Unit) -> date:
        """The business date: the branch's local date, asked without a statement, as every
        call at a window asks. ``current_business_date`` answers the same but for a date a
        supervisor opened ahead of the calendar after a close (``NextDayService.open_early``):
        until the calendar reaches that date the queue does not see it, so issuing is refused
        (today is closed) and a window cannot open (the teller's shift is on the other date).
        A Saturday duty day, opened on the day itself, is the calendar's date and queues."""
        day = s.info.get(BUSINESS_DATE)
        if day is None:
            day = s.info[BUSINESS_DATE] = local_date(self.clock)
        return day

    def _opened(self, s: Session, day: date) -> None:
        """Refused until the branch opened on ``day`` (营业前准备, services/checklists.py)."""
        if not branch_opened(s, self.branch_code, day):
            raise QueueError("checklist.error.not_open", date=day.isoformat())

    def _window(self, s: Session, counter: str, *, lock: bool = False) -> QueueWindow | None:
        return s.get(QueueWindow, (self.branch_code, counter), with_for_update=lock)

    def _shift(self, s: Unit, who: SignedIn, counter: str) -> None:
        staff = who.staff.staff_id
        if not has_open_shift(s, self.branch_code, counter, staff, self._day(s)):
            raise QueueError("queue.error.no_shift", counter=counter)

    def _ready(self, s: Unit, who: SignedIn, counter: str) -> WindowRow:
        """The window (its row locked), open, staffed by someone with an open shift there:
        one statement, which also says what is at the window now."""
        self._counter(counter)
        staff = who.staff.staff_id
        window = window_state(s, self.branch_code, counter, staff, self._day(s))
        if window is None or not window.shift:
            self._shift(s, who, counter)  # refuses without a shift, before a closed window
            raise QueueError("queue.error.window_closed", counter=counter)
        if window.state == WindowState.CLOSED:
            raise QueueError("queue.error.window_closed", counter=counter)
        if window.state == WindowState.PAUSED:
            reason = PauseReason(window.reason or PauseReason.BREAK).label
            raise QueueError("queue.error.window_paused", counter=counter, reason=reason)
        return window

    @staticmethod
    def _free(window: WindowRow, counter: str) -> None:
        """Refused while the window still has a ticket called or being served."""
        if window.serving is not None:
            raise QueueError("queue.error.still_serving", ticket=window.serving, counter=counter)

    def _current(self, s: Session, counter: str) -> Ticket:
        """The ticket at the window now, locked; refused when there is none."""
        ticket = at_window(s, self.branch_code, self._counter(counter), lock=True)
        if ticket is None:
            raise QueueError("queue.error.nothing_at_window", counter=counter)
        return ticket

    def _idle(self, s: Session, counter: str) -> None:
        """Refused while the window still has a ticket called or being served."""
        ticket = at_window(s, self.branch_code, counter)
        if ticket is not None:
            raise QueueError("queue.error.still_serving", ticket=ticket.label, counter=counter)

    # -- writing -------------------------------------------------------------------------

    def _event(
        self,
        s: Unit,
        kind: TicketEventKind,
        who: SignedIn,
        counter: str | None,
        ticket: Ticket | TicketRow | None = None,
        detail: Mapping[str, object] | None = None,
    ) -> int:
        """The event row, its journal entry and the displays' wake-up, in ``s``; its id."""
        staff = who.staff.staff_id
        body = dict(detail or {})
        event = insert_event(
            s,
            {
                "branch_code": self.branch_code,
                "ticket_id": None if ticket is None else ticket.id,
                "kind": str(kind),
                "at": self.clock.now(),
                "counter": counter,
                "staff": staff,
                "detail": json.dumps(body, ensure_ascii=False, sort_keys=True),
            },
        )
        payload: dict[str, object] = {"event": event, **body}
        if ticket is not None:
            payload |= {"ticket": ticket.label, "status": ticket.status, "service": ticket.service}
        where = Where(self.branch_code, counter, staff)
        self.journal.append(s, kind.journal_event, payload, where)
        notify(s, QUEUE)
        return event

    # -- reading -------------------------------------------------------------------------

    def _view(self, ticket: Ticket | TicketRow) -> TicketView:
        return ticket_view(ticket, self.pack, self.clock.now())

    def _candidates(self, s: Session, counter: str, day: date) -> list[Candidate]:
        """All the waiting tickets ``counter`` may call, as the rule sees them."""
        primary, overflow = self.pack.services_for(counter)
        t = Ticket.__table__.c
        rows = s.execute(
            select(t.id, t.label, t.service, t.priority, t.queued_at, t.for_counter).where(
                t.branch_code == self.branch_code,
                t.business_date == day,
                t.status == WAITING,
                (t.service.in_((*primary, *overflow)) & t.for_counter.is_(None))
                | (t.for_counter == counter),
            )
        ).all()
        now_primary = primary_services(s, self.pack, self.branch_code, counter)  # 弹性窗口
        return self._as_candidates(counter, rows, now_primary)

    def _heads(
        self, s: Unit, counter: str, day: date, primary: tuple[str, ...] | None = None
    ) -> list[Candidate]:
        """Only the tickets the rule could pick next at ``counter`` (see ``heads_query``):
        the same choice as over all of them, at a cost that does not grow with the queue.
        ``primary``: the counter's primary services now, when the caller has its window;
        else they are read with the window's row, through the ORM unit of work ``s``."""
        if primary is None:
            assert isinstance(s, Session), "a flexible window's zone is read through the ORM"
            primary = primary_services(s, self.pack, self.branch_code, counter)
        query = self._heads_queries.get(counter)
        if query is None:
            calls = self.pack.services_for(counter)  # a flexible window's zone is among them
            heads = heads_query(counter, (*calls[0], *calls[1]))
            query = self._heads_queries[counter] = Prepared(heads)
        rows = query.rows(s.connection(), {"branch": self.branch_code, "day": day})
        return self._as_candidates(counter, rows, primary)

    def _as_candidates(
        self, counter: str, rows: Iterable[Any], primary: tuple[str, ...]
    ) -> list[Candidate]:
        """``primary``: the counter's primary services now (弹性窗口: a flexible window's
        zone is on its row)."""
        targets = self._targets
        return [
            Candidate(
                ticket_id=ticket_id,
                label=label,
                service=service,
                priority=Priority(priority),
                queued_at=queued_at,
                target=targets[service],
                overflow=service not in primary,
                for_counter=for_counter,
            )
            for ticket_id, label, service, priority, queued_at, for_counter in rows
        ]
