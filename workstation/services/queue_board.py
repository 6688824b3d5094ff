"""What the queue looks like: a window's queue, the zone board, the calls for the display."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db.checklists import branch_opened
from workstation.db.queue import QueueWindow, Ticket, TicketEvent, TicketNumber, at_window
from workstation.domain.queue import (
    CALL_KINDS,
    PauseReason,
    TicketEventKind,
    TicketStatus,
    WindowState,
)
from workstation.domain.queue_rule import Candidate, QueueRule, choose_next, is_priority
from workstation.services.queue_core import WAITING, QueueCore
from workstation.services.queue_views import (
    CallView,
    QueueBoard,
    TicketView,
    WindowView,
    ZoneView,
)

LAST_CALLS = 8
SHOWN_WAITING = 50
"""A window's queue lists at most this many tickets (the rule orders them all)."""
_CALLS = tuple(str(kind) for kind in CALL_KINDS)


def rule_order(
    cands: Sequence[Candidate], counter: str, now: datetime, run: int, pack_rule: QueueRule
) -> list[Candidate]:
    """The candidates in the order the rule would call them, one call after another."""
    left, order = list(cands), list[Candidate]()
    while left and len(order) < SHOWN_WAITING:
        chosen = choose_next(left, counter=counter, now=now, priority_run=run, rule=pack_rule)
        if chosen is None:
            break
        order.append(chosen)
        left.remove(chosen)
        run = run + 1 if is_priority(pack_rule, chosen.priority) else 0
    return order


class QueueBoardReads(QueueCore):
    def serving(self, counter: str) -> TicketView | None:
        """The ticket called to or being served at ``counter``, if any."""
        with self.db.read() as s:
            ticket = at_window(s, self.branch_code, counter)
            return None if ticket is None else self._view(ticket)

    def window(self, counter: str) -> WindowView:
        """``counter``'s window: its state, its ticket, its queue in rule order, its parked."""
        self._counter(counter)
        with self.db.read() as s:
            return self._window_view(s, counter)

    def _window_view(self, s: Session, counter: str) -> WindowView:
        window = self._window(s, counter)
        state = WindowState(window.state) if window else WindowState.CLOSED
        reason = PauseReason(window.reason) if window and window.reason else None
        run = window.priority_run if window else 0
        day, now = self._day(s), self.clock.now()
        order = rule_order(self._candidates(s, counter, day), counter, now, run, self.pack.rule)
        tickets = {
            t.id: t
            for t in s.scalars(select(Ticket).where(Ticket.id.in_([c.ticket_id for c in order])))
        }
        parked = s.scalars(
            select(Ticket)
            .where(
                Ticket.branch_code == self.branch_code,
                Ticket.counter == counter,
                Ticket.status == TicketStatus.PARKED,
            )
            .order_by(Ticket.id)
        )
        current = at_window(s, self.branch_code, counter)
        return WindowView(
            counter=counter,
            state=state,
            reason=reason,
            current=None if current is None else self._view(current),
            waiting=tuple(self._view(tickets[c.ticket_id]) for c in order),
            parked=tuple(self._view(t) for t in parked),
            staff=window.staff if window else None,
        )

    def board(self) -> QueueBoard:
        """Per zone: waiting, longest wait against target, open and paused windows; the
        last calls, paused windows and services whose quota is reached."""
        with self.db.read() as s:
            day, now = self._day(s), self.clock.now()
            windows = {
                w.counter: w
                for w in s.scalars(
                    select(QueueWindow).where(QueueWindow.branch_code == self.branch_code)
                )
            }
            rows = s.execute(
                select(Ticket.service, func.count(), func.min(Ticket.queued_at))
                .where(
                    Ticket.branch_code == self.branch_code,
                    Ticket.business_date == day,
                    Ticket.status == WAITING,
                )
                .group_by(Ticket.service)
            ).all()
            waiting = {service: (count, oldest) for service, count, oldest in rows}
            issued = dict(
                s.execute(
                    select(TicketNumber.service, TicketNumber.last).where(
                        TicketNumber.branch_code == self.branch_code,
                        TicketNumber.business_date == day,
                    )
                ).all()
            )
            calls = self._calls(s, None, LAST_CALLS, day)
            latest = s.scalar(
                select(func.max(TicketEvent.id)).where(TicketEvent.branch_code == self.branch_code)
            )
            opened = branch_opened(s, self.branch_code, day)
        zones = tuple(self._zone(z.key, waiting, windows, now) for z in self.pack.zones)
        paused = tuple(
            (c, PauseReason(w.reason or PauseReason.BREAK))
            for c, w in sorted(windows.items())
            if w.state == WindowState.PAUSED
        )
        full = tuple(sv.key for sv in self.pack.services if issued.get(sv.key, 0) >= sv.daily_quota)
        flexible = tuple(
            (c, w.flexible_zone) for c, w in sorted(windows.items())
            if w.flexible_zone and w.state == WindowState.OPEN
        )  # fmt: skip
        last = tuple(reversed(calls))
        return QueueBoard(zones, last, paused, full, latest or 0, opened, flexible)

    def _zone(
        self,
        zone: str,
        waiting: dict[str, tuple[int, datetime]],
        windows: dict[str, QueueWindow],
        now: datetime,
    ) -> ZoneView:
        spec = self.pack.zone(zone)
        assert spec is not None
        services = [sv for sv in self.pack.services if sv.zone == zone]
        counts = [waiting[sv.key] for sv in services if sv.key in waiting]
        oldest = min((at for _, at in counts), default=None)
        serving = {c for sv in services for c in self.pack.counters_for(sv.key)}

        def in_state(state: WindowState) -> tuple[str, ...]:
            return tuple(c for c in sorted(serving) if c in windows and windows[c].state == state)

        return ZoneView(
            zone=zone,
            name_zh=spec.name_zh,
            name_en=spec.name_en,
            waiting=sum(n for n, _ in counts),
            longest_wait=timedelta(0) if oldest is None else max(timedelta(0), now - oldest),
            target=min((sv.target_wait for sv in services), default=timedelta(0)),
            open_windows=in_state(WindowState.OPEN),
            paused_windows=in_state(WindowState.PAUSED),
        )

    def triage_errors(self, day: date | None = None) -> dict[str, int]:
        """Tickets sent back to the lobby on ``day`` (default: today's business date), per
        lobby staff who issued them: each one a service chosen wrongly at triage (分诊差错)."""
        t = Ticket.__table__.c
        with self.db.read() as s:
            rows = s.execute(
                select(t.issued_by, func.count())
                .where(
                    t.branch_code == self.branch_code,
                    t.business_date == (day or self._day(s)),
                    t.triage_error.is_(True),
                )
                .group_by(t.issued_by)
                .order_by(t.issued_by)
            ).all()
        return {staff: int(count) for staff, count in rows}

    def calls_since(self, event_id: int) -> tuple[CallView, ...]:
        """The calls after event ``event_id``, oldest first (for the display's announcer)."""
        with self.db.read() as s:
            return tuple(self._calls(s, event_id, None))

    def _calls(
        self, s: Session, after: int | None, newest: int | None, day: date | None = None
    ) -> list[CallView]:
        """Calls oldest first: those after ``after``, or the ``newest`` few (of ``day``'s
        tickets: the display does not show yesterday's calls as recent)."""
        query = (
            select(TicketEvent, Ticket.label, Ticket.service)
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(TicketEvent.branch_code == self.branch_code, TicketEvent.kind.in_(_CALLS))
        )
        if day is not None:
            query = query.where(Ticket.business_date == day)
        if after is not None:
            query = query.where(TicketEvent.id > after).order_by(TicketEvent.id)
        else:
            query = query.order_by(TicketEvent.id.desc()).limit(newest)
        rows = [
            CallView(
                ticket_label=label,
                counter=event.counter or "",
                at=event.at,
                service=service,
                recall=event.kind != TicketEventKind.CALL,
                event_id=event.id,
            )
            for event, label, service in s.execute(query).all()
        ]
        return sorted(rows, key=lambda call: call.event_id)
