"""The queue's two busiest steps, issuing and calling next, as prebuilt Core statements.

Every statement here is built once, at import, with bind parameters: a call
binds values and runs it, with no SQL expression built, no ORM object loaded
and no unit of work to flush. Issuing and calling next run at every window all
day; their goal is 5 ms at the 99th percentile on SQLite (benchmarks/ticket_queue.py).
They run on the unit of work's Core connection (``s.connection()``): the session's
own ``execute`` adds an ORM layer (events, options, result wrapping) that costs
about as much again as the statement on this machine. The rest of the queue keeps
its ORM objects: they are rarer and clearer so.

The refusals stay where they were (services/queue_core.py): these functions
only read and write rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import BindParameter, Table, bindparam, exists, func, insert, select, update

from workstation.db.checklists import BranchOpening
from workstation.db.ledger import BusinessDay
from workstation.db.prepared import Prepared
from workstation.db.queue import QueueWindow, Ticket, TicketEvent
from workstation.db.tills import Shift
from workstation.db.unit import Unit
from workstation.domain.queue import AT_WINDOW, TicketStatus, WindowState
from workstation.domain.statuses import ShiftStatus

_T = cast(Table, Ticket.__table__)
_E = cast(Table, TicketEvent.__table__)
_W = cast(Table, QueueWindow.__table__)
_D = cast(Table, BusinessDay.__table__)
_O = cast(Table, BranchOpening.__table__)
_S = cast(Table, Shift.__table__)

_BRANCH: BindParameter[str] = bindparam("branch")
_DAY: BindParameter[date] = bindparam("day")
_WAITING = str(TicketStatus.WAITING)

TICKET_KEYS = (
    *("branch_code", "business_date", "service", "number", "label", "priority", "status"),
    *("arrived_at", "queued_at", "issued_by", "issued_counter", "calls", "triage_error"),
)
"""The columns an issued ticket is inserted with (the rest stay NULL)."""
EVENT_KEYS = ("branch_code", "ticket_id", "kind", "at", "counter", "staff", "detail")

_INSERT_TICKET = Prepared(insert(_T).returning(_T.c.id), TICKET_KEYS)
_INSERT_EVENT = Prepared(insert(_E).returning(_E.c.id), EVENT_KEYS)

_DAY_STATE = Prepared(
    select(
        _D.c.closed_at,
        exists().where(_O.c.branch_code == _BRANCH, _O.c.business_date == _DAY).label("opened"),
    )
    .where(_D.c.branch_code == _BRANCH, _D.c.business_date == _DAY)
    .with_for_update(read=True, of=_D)
)

_AT_WINDOW = [str(status) for status in AT_WINDOW]
_WINDOW_STATE = Prepared(
    select(
        _W.c.state,
        _W.c.reason,
        _W.c.priority_run,
        _W.c.flexible_zone,
        exists()
        .where(
            _S.c.branch_code == _BRANCH,
            _S.c.counter == bindparam("counter"),
            _S.c.business_date == _DAY,
            _S.c.teller_id == bindparam("staff"),
            _S.c.status == str(ShiftStatus.OPEN),
        )
        .label("shift"),
        select(_T.c.label)
        .where(
            _T.c.branch_code == _BRANCH,
            _T.c.counter == bindparam("counter"),
            _T.c.status.in_(_AT_WINDOW),
        )
        .limit(1)
        .scalar_subquery()
        .label("serving"),
    )
    .where(_W.c.branch_code == _BRANCH, _W.c.counter == bindparam("counter"))
    .with_for_update(of=_W)
)

_TAKE = Prepared(
    update(_T)
    .where(_T.c.id == bindparam("ticket"), _T.c.status == _WAITING)
    .values(
        status=str(TicketStatus.CALLED),
        counter=bindparam("at_counter"),
        teller=bindparam("by"),
        calls=_T.c.calls + 1,
        called_at=bindparam("now"),
    )
    .returning(*_T.c)
)

_PRIORITY_RUN = Prepared(
    update(_W)
    .where(_W.c.branch_code == _BRANCH, _W.c.counter == bindparam("at_counter"))
    .values(priority_run=bindparam("run"))
)


class TicketRow(NamedTuple):
    """A ticket as issuing or calling wrote it: its row's values, in the table's column
    order, without an ORM object (building a ``Ticket`` cost more than its INSERT)."""

    id: int
    branch_code: str
    business_date: date
    service: str
    number: int
    label: str
    priority: str
    status: str
    arrived_at: datetime
    queued_at: datetime
    issued_by: str
    issued_counter: str | None
    parent_id: int | None = None
    for_counter: str | None = None
    counter: str | None = None
    teller: str | None = None
    calls: int = 0
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    triage_error: bool = False


class DayState(NamedTuple):
    closed: bool
    opened: bool
    """The branch opened (营业前准备) on that day."""


class WindowRow(NamedTuple):
    state: str
    reason: str | None
    priority_run: int
    flexible_zone: str | None
    """The zone a supervisor opened this flexible window for (弹性窗口), if any."""
    shift: bool
    """The teller has an open shift at this counter today."""
    serving: str | None
    """The label of the ticket called to or served at the window now, if any."""


def day_state(s: Unit, branch: str, day: date) -> DayState | None:
    """The business day's row (shared lock), or None before the day's first write."""
    found = _DAY_STATE.first(s.connection(), {"branch": branch, "day": day})
    return None if found is None else DayState(found[0] is not None, bool(found[1]))


def window_state(s: Unit, branch: str, counter: str, staff: str, day: date) -> WindowRow | None:
    """The window row (locked for update) with what calling at it needs to know."""
    params = {"branch": branch, "counter": counter, "staff": staff, "day": day}
    found = _WINDOW_STATE.first(s.connection(), params)
    if found is None:
        return None
    state, reason, run, zone, shift, serving = found
    return WindowRow(state, reason, run, zone, bool(shift), serving)


def insert_ticket(s: Unit, values: dict[str, Any]) -> int:
    return int(_INSERT_TICKET.scalar(s.connection(), values))


def insert_event(s: Unit, values: dict[str, Any]) -> int:
    return int(_INSERT_EVENT.scalar(s.connection(), values))


def take(s: Unit, ticket: int, counter: str, staff: str, now: datetime) -> TicketRow | None:
    """Call ticket ``ticket`` to ``counter`` while it still waits; None when another took it.
    The row comes back as it is now (RETURNING every column, in order)."""
    params = {"ticket": ticket, "at_counter": counter, "by": staff, "now": now}
    found = _TAKE.first(s.connection(), params)
    return None if found is None else TicketRow(*found)


def set_priority_run(s: Unit, branch: str, counter: str, run: int) -> None:
    _PRIORITY_RUN.rows(s.connection(), {"branch": branch, "at_counter": counter, "run": run})


def ahead_query(weights: Sequence[str], counters: Sequence[str]) -> Prepared:
    """People ahead of a new ticket of these priority classes, and the open windows that
    serve its service: one statement, bound by ``branch``, ``day``, ``service``, ``exclude``."""
    ahead = select(func.count()).where(
        _T.c.branch_code == _BRANCH,
        _T.c.business_date == _DAY,
        _T.c.status == _WAITING,
        _T.c.service == bindparam("service"),
        _T.c.priority.in_(list(weights)),
        _T.c.id != bindparam("exclude"),
    )
    windows = select(func.count()).where(
        _W.c.branch_code == _BRANCH,
        _W.c.counter.in_(list(counters)),
        _W.c.state == str(WindowState.OPEN),
    )
    return Prepared(select(ahead.scalar_subquery(), windows.scalar_subquery()))
