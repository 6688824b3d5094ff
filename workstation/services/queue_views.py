"""What the queue service returns: plain frozen dataclasses, read by screens and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from forms.branch_pack import BranchPack
from forms.schema import NamedInBoth
from workstation.db.queue import Ticket
from workstation.db.queue_sql import TicketRow
from workstation.domain.i18n import Msg
from workstation.domain.queue import PauseReason, Priority, TicketStatus, WindowState


@dataclass(frozen=True)
class TicketView:
    id: int
    label: str
    service: str
    service_name_zh: str
    service_name_en: str
    priority: Priority
    status: TicketStatus
    arrived_at: datetime
    queued_at: datetime
    calls: int
    counter: str | None
    teller: str | None
    waited: timedelta
    """From arrival until it was called (or until now, while it waits)."""
    businesses: tuple[str, ...]
    """The business template codes of its service."""
    triage_error: bool = False
    parent_id: int | None = None
    for_counter: str | None = None


@dataclass(frozen=True)
class IssuedTicket:
    ticket: TicketView
    ahead: int
    estimate_minutes: int
    documents: tuple[Msg | str, ...]
    """What to have ready (``queue.document`` messages: each reads in both languages)."""
    service_phone: str
    opinion_book: Msg
    business_date: str
    """The business date the number belongs to, ``2026-11-27``."""


@dataclass(frozen=True)
class Estimate:
    ahead: int
    minutes: int


@dataclass(frozen=True)
class CallView:
    """One call, as the display shows and speaks it."""

    ticket_label: str
    counter: str
    at: datetime
    service: str
    recall: bool
    event_id: int = 0


@dataclass(frozen=True)
class ZoneView(NamedInBoth):
    zone: str
    name_zh: str
    name_en: str
    waiting: int
    longest_wait: timedelta
    target: timedelta
    """The shortest target wait of the zone's services."""
    open_windows: tuple[str, ...]
    paused_windows: tuple[str, ...]


@dataclass(frozen=True)
class QueueBoard:
    zones: tuple[ZoneView, ...]
    last_calls: tuple[CallView, ...]
    """Newest first, at most eight."""
    paused: tuple[tuple[str, PauseReason], ...]
    quota_full: tuple[str, ...]
    """The services whose daily quota is reached (keys)."""
    latest_event_id: int
    opened: bool = True
    """Whether the branch has opened today (营业前准备 done or overridden)."""
    flexible: tuple[tuple[str, str], ...] = ()
    """(counter, zone) of each open flexible window (弹性窗口) a supervisor opened for a zone."""


@dataclass(frozen=True)
class WindowView:
    counter: str
    state: WindowState
    reason: PauseReason | None
    current: TicketView | None
    waiting: tuple[TicketView, ...]
    """This counter's queue, in the order the rule calls it."""
    parked: tuple[TicketView, ...]
    staff: str | None = None


def ticket_view(ticket: Ticket | TicketRow, pack: BranchPack, now: datetime) -> TicketView:
    service = pack.service(ticket.service)
    status = TicketStatus(ticket.status)
    until = now if status is TicketStatus.WAITING else (ticket.called_at or now)
    return TicketView(
        id=ticket.id,
        label=ticket.label,
        service=ticket.service,
        service_name_zh=service.name_zh if service else ticket.service,
        service_name_en=service.name_en if service else ticket.service,
        priority=Priority(ticket.priority),
        status=status,
        arrived_at=ticket.arrived_at,
        queued_at=ticket.queued_at,
        calls=ticket.calls,
        counter=ticket.counter,
        teller=ticket.teller,
        waited=max(timedelta(0), until - ticket.arrived_at),
        businesses=service.businesses if service else (),
        triage_error=ticket.triage_error,
        parent_id=ticket.parent_id,
        for_counter=ticket.for_counter,
    )
