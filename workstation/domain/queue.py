"""The queue's stored values: ticket statuses, priority classes, window states, events.

A ticket moves WAITING → CALLED → SERVING → DONE; it may be parked (挂起) and
called back, marked a no-show (过号) after enough calls and reinstated at the
end of the queue, transferred (closed, with a child in the target service) or
cancelled. Final: DONE, TRANSFERRED, CANCELLED, and NO_SHOW unless reinstated.
"""

from __future__ import annotations

import enum
from datetime import date

from workstation.domain.errors import InvalidValue
from workstation.domain.identity import parse_resident_id
from workstation.domain.labelled import Labelled


class TicketStatus(Labelled, prefix="queue.status"):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    PARKED = "parked"
    DONE = "done"
    NO_SHOW = "no_show"
    TRANSFERRED = "transferred"
    CANCELLED = "cancelled"

    @property
    def final(self) -> bool:
        """Nothing more happens to it (a no-show only if nobody reinstates it)."""
        return self in FINAL_STATUSES


FINAL_STATUSES = frozenset(
    {TicketStatus.DONE, TicketStatus.TRANSFERRED, TicketStatus.CANCELLED, TicketStatus.NO_SHOW}
)
AT_WINDOW = (TicketStatus.CALLED, TicketStatus.SERVING)
"""The statuses of the ticket a window is busy with."""


class Priority(Labelled, prefix="queue.priority"):
    NONE = "none"
    ELDERLY = "elderly"
    DISABLED = "disabled"
    PREGNANT = "pregnant"
    VIP = "vip"


class WindowState(Labelled, prefix="queue.window"):
    CLOSED = "closed"
    OPEN = "open"
    PAUSED = "paused"


class PauseReason(Labelled, prefix="queue.pause"):
    BREAK = "break"
    BACK_OFFICE = "back_office"
    HANDOVER = "handover"
    FAULT = "fault"


class TicketEventKind(enum.StrEnum):
    ISSUE = "issue"
    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    REINSTATE = "reinstate"
    PARK = "park"
    CALL_BACK = "call_back"
    TRANSFER = "transfer"
    CANCEL = "cancel"
    WINDOW_OPEN = "window_open"
    WINDOW_PAUSE = "window_pause"
    WINDOW_RESUME = "window_resume"
    WINDOW_CLOSE = "window_close"

    @property
    def journal_event(self) -> str:
        """The journal entry's event name: ``queue.call``."""
        return f"queue.{self.value}"


CALL_KINDS = (TicketEventKind.CALL, TicketEventKind.RECALL, TicketEventKind.CALL_BACK)
"""The events a display shows and speaks: a customer is asked to a window."""
QUEUE_EVENTS = tuple(kind.journal_event for kind in TicketEventKind)

ELDERLY_AGE = 65


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def suggest_priority(id_number: str, today: date) -> Priority | None:
    """ELDERLY when a valid resident ID shows age >= 65, else None (bad ID: None)."""
    try:
        resident = parse_resident_id(id_number, today)
    except InvalidValue:
        return None
    return Priority.ELDERLY if age_on(resident.birth_date, today) >= ELDERLY_AGE else None
