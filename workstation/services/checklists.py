"""The opening and closing checklists (营业前准备 / 营业终了) and the branch's opening.

The items come from the branch pack (``[[checklist.opening]]``,
``[[checklist.closing]]``). Lobby staff, tellers and supervisors tick and
untick them; each change keeps who and when and is journaled in its own
transaction. The branch opens for the business date when every opening item is
done (:meth:`ChecklistService.open_branch`), or when a supervisor, checked as for
any override (never the person asking, at least :data:`OVERRIDE_LEVEL`), lets it
open with items outstanding for a reason (:meth:`ChecklistService.open_anyway`).
Until then the queue refuses to issue a ticket or open a window
(``workstation.db.checklists.branch_opened``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.branch_pack import BranchPack
from forms.checklist_pack import ChecklistItem
from workstation.db.checklists import BranchOpening, ChecklistTick
from workstation.db.models import Staff
from workstation.db.watch import QUEUE, notify
from workstation.domain.checklist import ChecklistKind, OpeningMode
from workstation.domain.clock import Clock
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import listed
from workstation.domain.staff import Role
from workstation.domain.text import in_both
from workstation.services.auth import SignedIn, refuse
from workstation.services.calendar import current_business_date
from workstation.services.checklist_views import (
    ChecklistRecord,
    ChecklistView,
    ItemView,
    OpeningView,
    record_of,
)
from workstation.services.desk import CounterDesk
from workstation.services.journal import Journal, Where
from workstation.services.overrides import REASONS
from workstation.services.receipt_data import BranchHeader

__all__ = ["OVERRIDE_LEVEL", "ChecklistError", "ChecklistService", "open_checked"]

OVERRIDE_LEVEL = 1
"""The supervisor level that may let the branch open with items outstanding."""
TICKERS = frozenset({Role.LOBBY, Role.TELLER, Role.SUPERVISOR})
"""Who does the day's checklists."""


class ChecklistError(WorkstationError):
    """A checklist change or an opening was refused; nothing was stored."""


def _names(s: Session, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = s.execute(select(Staff.staff_id, Staff.name).where(Staff.staff_id.in_(wanted)))
    return {staff_id: name for staff_id, name in rows}


def open_checked(
    s: Session,
    journal: Journal,
    clock: Clock,
    branch_code: str,
    items: Iterable[ChecklistItem],
    staff_id: str,
) -> date:
    """Tick every opening item and open the branch, in ``s`` (the demo's morning): one
    journal entry, ``branch.opened``, naming the items ticked."""
    day, now = current_business_date(s, clock, branch_code), clock.now()
    keys = [item.key for item in items]
    for key in keys:
        s.add(
            ChecklistTick(
                branch_code=branch_code, business_date=day, kind=ChecklistKind.OPENING,
                item=key, done=True, staff=staff_id, at=now, note=None,
            )
        )  # fmt: skip
    s.add(
        BranchOpening(
            branch_code=branch_code, business_date=day, opened_at=now, opened_by=staff_id,
            mode=OpeningMode.NORMAL, outstanding="[]",
        )
    )  # fmt: skip
    payload = {"date": day.isoformat(), "mode": "normal", "outstanding": [], "ticked": keys}
    journal.append(s, "branch.opened", payload, Where(branch_code, None, staff_id))
    notify(s, QUEUE)
    return day


@dataclass(eq=False)
class ChecklistService(CounterDesk):
    pack: BranchPack

    # -- reading --------------------------------------------------------------------------

    def today(self, kind: ChecklistKind = ChecklistKind.OPENING) -> ChecklistView:
        """Today's checklist ``kind``: every item of the pack, done or not, and the opening."""
        with self.db.read() as s:
            return self._view(s, current_business_date(s, self.clock, self.branch_code), kind)

    def opened(self) -> bool:
        """Whether the branch has opened on today's business date."""
        return self.today().opened

    def _view(self, s: Session, day: date, kind: ChecklistKind) -> ChecklistView:
        ticks = {
            t.item: t
            for t in s.scalars(
                select(ChecklistTick).where(
                    ChecklistTick.branch_code == self.branch_code,
                    ChecklistTick.business_date == day,
                    ChecklistTick.kind == kind,
                )
            )
        }
        opening = s.get(BranchOpening, (self.branch_code, day))
        ids: list[str | None] = [t.staff for t in ticks.values()]
        if opening is not None:
            ids += [opening.opened_by, opening.approver]
        names = _names(s, ids)
        items = []
        for item in self.pack.checklists.items(kind):
            tick = ticks.get(item.key)
            who = tick.staff if tick else None
            items.append(
                ItemView(
                    item.key, item.name_zh, item.name_en, bool(tick and tick.done), who,
                    names.get(who or ""), tick.at if tick else None, tick.note if tick else None,
                )
            )  # fmt: skip
        return ChecklistView(day, kind, tuple(items), self._opening(opening, names))

    @staticmethod
    def _opening(row: BranchOpening | None, names: dict[str, str]) -> OpeningView | None:
        if row is None:
            return None
        return OpeningView(
            row.opened_at, row.opened_by, names.get(row.opened_by, row.opened_by),
            OpeningMode(row.mode), row.approver, names.get(row.approver or ""), row.reason,
            row.reason_code, row.note, tuple(json.loads(row.outstanding)),
        )  # fmt: skip

    # -- ticking --------------------------------------------------------------------------

    def tick(
        self,
        who: SignedIn,
        kind: ChecklistKind,
        key: str,
        done: bool = True,
        note: str | None = None,
    ) -> ChecklistView:
        """Mark item ``key`` done (or not done again), as ``who``, now; journaled."""
        if who.staff.role not in TICKERS:
            raise ChecklistError("checklist.error.role")
        item = self.pack.checklists.item(kind, key)
        if item is None:
            raise ChecklistError("checklist.error.unknown_item", item=key)
        staff = who.staff.staff_id
        with self.db.write() as s:
            day = current_business_date(s, self.clock, self.branch_code)
            pk = (self.branch_code, day, str(kind), key)
            row = s.get(ChecklistTick, pk, with_for_update=True)
            if bool(row and row.done) == done:
                what = "checklist.error.already_done" if done else "checklist.error.not_done"
                raise ChecklistError(what, item=item.name_zh)
            if row is None:
                row = ChecklistTick(
                    branch_code=self.branch_code, business_date=day, kind=kind, item=key
                )
                s.add(row)
            row.done, row.staff, row.at = done, staff, self.clock.now()
            row.note = (note or "").strip() or None
            payload = {"date": day.isoformat(), "kind": str(kind), "item": key, "note": row.note}
            event = "checklist.ticked" if done else "checklist.unticked"
            self.journal.append(s, event, payload, Where(self.branch_code, self.counter, staff))
            s.flush()
            return self._view(s, day, kind)

    # -- opening the branch ---------------------------------------------------------------

    def _unopened(self, s: Session) -> tuple[date, ChecklistView]:
        day = current_business_date(s, self.clock, self.branch_code)
        if s.get(BranchOpening, (self.branch_code, day), with_for_update=True) is not None:
            raise ChecklistError("checklist.error.already_open", date=day.isoformat())
        return day, self._view(s, day, ChecklistKind.OPENING)

    def open_branch(self, who: SignedIn) -> ChecklistView:
        """Open the branch for today's business: refused while an opening item is not done."""
        if who.staff.role not in TICKERS:
            raise ChecklistError("checklist.error.role")
        with self.db.write() as s:
            day, view = self._unopened(s)
            if view.outstanding:
                items = listed(in_both(i.name_zh, i.name_en) for i in view.outstanding)
                raise ChecklistError(
                    "checklist.error.outstanding", count=len(view.outstanding), items=items
                )
            self._record(s, day, who, OpeningMode.NORMAL, (), {})
            return self._view(s, day, ChecklistKind.OPENING)

    def open_anyway(
        self,
        who: SignedIn,
        reason: str,
        approver_id: str,
        password: str,
        reason_code: str,
        note: str | None = None,
    ) -> ChecklistView:
        """Open with items outstanding: ``who`` says why, a supervisor (not ``who``) approves."""
        if who.staff.role not in TICKERS:
            raise ChecklistError("checklist.error.role")
        if not reason.strip():
            raise ChecklistError("checklist.error.reason_needed")
        if reason_code not in REASONS:
            raise ChecklistError("override.bad_reason", code=reason_code)
        if reason_code == "other" and not (note or "").strip():
            raise ChecklistError("override.reason_text_needed")
        with self.db.write() as s:
            day, view = self._unopened(s)
            if not view.outstanding:
                raise ChecklistError("checklist.error.nothing_outstanding")
            staff = who.staff.staff_id
            approver = self.auth.verify_approver(s, approver_id, password, staff, OVERRIDE_LEVEL)
            if isinstance(approver, Staff):
                outstanding = tuple(i.key for i in view.outstanding)
                override = {
                    "approver": approver.staff_id, "approver_level": approver.level,
                    "reason": reason.strip(), "reason_code": reason_code,
                    "note": (note or "").strip() or None,
                }  # fmt: skip
                self._record(s, day, who, OpeningMode.OVERRIDE, outstanding, override)
                return self._view(s, day, ChecklistKind.OPENING)
        refuse(approver)

    def _record(
        self,
        s: Session,
        day: date,
        who: SignedIn,
        mode: OpeningMode,
        outstanding: tuple[str, ...],
        override: dict[str, object],
    ) -> None:
        staff = who.staff.staff_id
        row = BranchOpening(
            branch_code=self.branch_code, business_date=day, opened_at=self.clock.now(),
            opened_by=staff, mode=mode, outstanding=json.dumps(list(outstanding)), **override,
        )  # fmt: skip
        s.add(row)
        s.flush()
        payload = {"date": day.isoformat(), "mode": str(mode), "outstanding": list(outstanding)}
        event = "branch.opened" if mode is OpeningMode.NORMAL else "branch.opened_override"
        where = Where(self.branch_code, self.counter, staff)
        self.journal.append(s, event, payload | override, where)
        notify(s, QUEUE)

    # -- the printout ---------------------------------------------------------------------

    def record(self, day: date, header: BranchHeader) -> ChecklistRecord:
        """Both checklists of ``day`` and how the branch opened, as the printout shows them."""
        with self.db.read() as s:
            opening = self._view(s, day, ChecklistKind.OPENING)
            closing = self._view(s, day, ChecklistKind.CLOSING)
        return record_of(opening, closing, header, self.clock.zone)
