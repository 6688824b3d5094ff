"""The flexible window (弹性窗口): a supervisor opens it for one zone, or closes it.

A counter the branch pack marks ``flexible`` is overflow for every service
(``BranchPack.services_for``). Opened for zone Z by a supervisor, with a reason,
it takes Z's services as primary, ahead of the other services, which stay
overflow; closed, it is overflow for all again. The state is on the window's own
row (``queue_windows.flexible_*``), which the queue reads anyway when a ticket is
called: :func:`primary_services` finds it in the session without a statement.
Each change is journaled (``flexible.opened``, ``flexible.closed``: who, why,
when) in its transaction and wakes whoever follows the queue. Refusals, each
storing nothing: anyone but a supervisor, a counter that is not flexible, a zone
the pack does not have, an empty reason, opening twice, closing when closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.branch_pack import BranchPack
from workstation.db.queue import QueueWindow
from workstation.db.watch import QUEUE, notify
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Msg, msg
from workstation.domain.queue import WindowState
from workstation.domain.staff import Role
from workstation.services.auth import SignedIn
from workstation.services.desk import PackDesk
from workstation.services.journal import Where

REASON_MAX = 200


class FlexibleError(WorkstationError):
    """Opening or closing the flexible window was refused; nothing was stored."""


@dataclass(frozen=True)
class FlexibleView:
    """A flexible window: the zone it is opened for (None: overflow for all), by whom, why."""

    counter: str
    zone: str | None
    zone_name: Msg | None
    """The zone's name in both languages (``queue.bilingual``)."""
    by: str | None
    at: datetime | None
    reason: str | None
    state: WindowState
    """The window itself: only an open window calls tickets."""

    @property
    def serving(self) -> bool:
        """Opened for a zone and its window open: it takes that zone's tickets now."""
        return self.zone is not None and self.state is WindowState.OPEN


def zone_services(pack: BranchPack, zone: str) -> tuple[str, ...]:
    return tuple(s.key for s in pack.services if s.zone == zone)


def primary_of(pack: BranchPack, counter: str, zone: str | None) -> tuple[str, ...]:
    """The services ``counter`` calls as primary while it is opened for ``zone``."""
    primary, _overflow = pack.services_for(counter)
    spec = pack.counter(counter)
    if spec is None or not spec.flexible or zone is None:
        return primary
    return (*primary, *(k for k in zone_services(pack, zone) if k not in primary))


def primary_services(s: Session, pack: BranchPack, branch: str, counter: str) -> tuple[str, ...]:
    """The queue's primary services of ``counter`` now. A flexible window's zone is read from
    its row, which the caller has loaded (``Session.get`` finds it without a statement)."""
    spec = pack.counter(counter)
    if spec is None or not spec.flexible:
        return pack.services_for(counter)[0]
    window = s.get(QueueWindow, (branch, counter))
    return primary_of(pack, counter, None if window is None else window.flexible_zone)


class FlexibleWindows(PackDesk[BranchPack]):
    def flexible_counters(self) -> tuple[str, ...]:
        return tuple(c.number for c in self.pack.counters if c.flexible)

    def flexible(self) -> tuple[FlexibleView, ...]:
        """Every flexible window of the pack, as it stands."""
        with self.db.read() as s:
            rows = {
                w.counter: w
                for w in s.scalars(
                    select(QueueWindow).where(
                        QueueWindow.branch_code == self.branch_code,
                        QueueWindow.counter.in_(self.flexible_counters()),
                    )
                )
            }
        return tuple(self._view(c, rows.get(c)) for c in self.flexible_counters())

    def open_flexible(self, who: SignedIn, counter: str, zone: str, reason: str) -> FlexibleView:
        """Open flexible window ``counter`` for ``zone``: its services become its primary."""
        self._may(who, counter)
        spec = self.pack.zone(zone)
        if spec is None:
            raise FlexibleError("advisor.error.unknown_zone", zone=zone)
        why = " ".join(reason.split())[:REASON_MAX]
        if not why:
            raise FlexibleError("advisor.error.no_reason")
        with self.db.write() as s:
            window = s.get(QueueWindow, (self.branch_code, counter), with_for_update=True)
            if window is not None and window.flexible_zone is not None:
                name = self._zone_name(window.flexible_zone)
                raise FlexibleError("advisor.error.already_open", counter=counter, zone=name)
            now = self.clock.now()
            if window is None:  # nobody opened it today yet: a closed window, given its zone
                window = QueueWindow(
                    branch_code=self.branch_code, counter=counter, state=WindowState.CLOSED,
                    since=now, priority_run=0,
                )  # fmt: skip
                s.add(window)
            window.flexible_zone, window.flexible_reason = zone, why
            window.flexible_by, window.flexible_at = who.staff.staff_id, now
            self._journal(s, who, "opened", counter, {"zone": zone, "reason": why})
            s.flush()
            return self._view(counter, window)

    def close_flexible(self, who: SignedIn, counter: str, reason: str = "") -> FlexibleView:
        """Close flexible window ``counter``: overflow for every service again."""
        self._may(who, counter)
        why = " ".join(reason.split())[:REASON_MAX] or None
        with self.db.write() as s:
            window = s.get(QueueWindow, (self.branch_code, counter), with_for_update=True)
            if window is None or window.flexible_zone is None:
                raise FlexibleError("advisor.error.not_open", counter=counter)
            zone = window.flexible_zone
            window.flexible_zone = window.flexible_reason = None
            window.flexible_by, window.flexible_at = who.staff.staff_id, self.clock.now()
            self._journal(s, who, "closed", counter, {"zone": zone, "reason": why})
            s.flush()
            return self._view(counter, window)

    # -- the plumbing --------------------------------------------------------------

    def _may(self, who: SignedIn, counter: str) -> None:
        if who.staff.role is not Role.SUPERVISOR:
            raise FlexibleError("advisor.error.role")
        spec = self.pack.counter(counter)
        if spec is None or not spec.flexible:
            raise FlexibleError("advisor.error.not_flexible", counter=counter)

    def _zone_name(self, zone: str) -> Msg:
        spec = self.pack.zone(zone)
        if spec is None:
            return msg("queue.bilingual", zh=zone, en=zone)
        return msg("queue.bilingual", zh=spec.name_zh, en=spec.name_en)

    def _journal(
        self, s: Session, who: SignedIn, what: str, counter: str, payload: dict[str, object]
    ) -> None:
        where = Where(self.branch_code, counter, who.staff.staff_id)
        self.journal.append(s, f"flexible.{what}", {"counter": counter, **payload}, where)
        notify(s, QUEUE)

    def _view(self, counter: str, window: Any) -> FlexibleView:
        """``window``: its row (a ``QueueWindow``, or a plain row of its columns), or None."""
        zone = None if window is None else window.flexible_zone
        return FlexibleView(
            counter=counter,
            zone=zone,
            zone_name=None if zone is None else self._zone_name(zone),
            by=None if window is None else window.flexible_by,
            at=None if window is None else window.flexible_at,
            reason=None if window is None else window.flexible_reason,
            state=WindowState.CLOSED if window is None else WindowState(window.state),
        )
