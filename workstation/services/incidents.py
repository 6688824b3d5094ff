"""Service incidents (服务应急): started from a playbook, steps ticked, actions logged, closed.

Supervisors and lobby staff run them. Each change is a row and a journal entry
(``incident.started``, ``incident.step``, ``incident.action``, ``incident.closed``)
in one transaction, and wakes whoever follows the queue (the calling display
shows an open incident's notice). Refusals, each storing nothing: a playbook the
service pack does not have, a second open incident of the same playbook, a step
it does not have or already ticked, an empty note, anything on a closed incident,
anyone but a supervisor or lobby staff.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from forms.schema import Text
from forms.service_pack import Playbook, ServicePack
from workstation.db.incidents import Incident, IncidentAction, IncidentStep
from workstation.db.models import Staff
from workstation.db.watch import QUEUE, notify
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Msg
from workstation.domain.incident import IncidentStatus
from workstation.domain.staff import Role
from workstation.services.auth import SignedIn
from workstation.services.desk import PackDesk
from workstation.services.incident_views import (
    ActionView,
    Done,
    IncidentReport,
    IncidentView,
    StepView,
)
from workstation.services.journal import Where
from workstation.services.queue_views import QueueBoard
from workstation.services.receipt_data import BranchHeader
from workstation.services.report_data import Person
from workstation.services.suggestions import suggestions

__all__ = ["IncidentError", "IncidentService"]

RUNS_INCIDENTS = frozenset({Role.SUPERVISOR, Role.LOBBY})
OPEN = str(IncidentStatus.OPEN)
NOTE_MAX = 500


class IncidentError(WorkstationError):
    """An incident action was refused; nothing was stored. The message says why."""


class IncidentService(PackDesk[ServicePack]):
    def playbooks(self) -> tuple[Playbook, ...]:
        return self.pack.playbooks

    def suggestions(self, board: QueueBoard) -> tuple[Msg, ...]:
        """The crowd-surge suggestions of ``board`` by the pack's thresholds."""
        return suggestions(board, self.pack.thresholds)

    # -- what changes --------------------------------------------------------------

    def start(self, who: SignedIn, playbook: str) -> IncidentView:
        """Start an incident of ``playbook``; refused if one of it is open already."""
        self._may(who)
        book = self._playbook(playbook)
        try:
            with self.db.write() as s:
                if self._open_of(s, book.key) is not None:
                    raise IncidentError("incident.error.already_open", playbook=_name(book))
                row = Incident(
                    branch_code=self.branch_code, playbook=book.key, status=OPEN,
                    started_by=who.staff.staff_id, started_at=self.clock.now(),
                )  # fmt: skip
                s.add(row)
                s.flush()
                self._journal(s, who, "started", row, {"playbook": book.key})
                return self._view(s, row)
        except IntegrityError:  # started at another station meanwhile
            raise IncidentError("incident.error.already_open", playbook=_name(book)) from None

    def tick(self, who: SignedIn, incident_id: int, step: int, note: str = "") -> IncidentView:
        """Step ``step`` (from 0) of the incident's playbook done, now, by ``who``."""
        self._may(who)
        with self.db.write() as s:
            row = self._open(s, incident_id)
            book = self._playbook(row.playbook)
            if not 0 <= step < len(book.steps):
                raise IncidentError("incident.error.no_step", step=step + 1, count=len(book.steps))
            done = s.scalar(
                select(IncidentStep.id).where(
                    IncidentStep.incident_id == row.id, IncidentStep.step == step
                )
            )
            if done is not None:
                raise IncidentError("incident.error.step_done", step=step + 1)
            now, text = self.clock.now(), _clean(note) or None
            s.add(IncidentStep(incident_id=row.id, step=step, done_by=who.staff.staff_id,
                               done_at=now, note=text))  # fmt: skip
            self._journal(s, who, "step", row, {"step": step + 1, "note": text})
            s.flush()
            return self._view(s, row)

    def log(self, who: SignedIn, incident_id: int, note: str) -> IncidentView:
        """A free action, in the incident's log with the time."""
        self._may(who)
        text = _clean(note)
        if not text:
            raise IncidentError("incident.error.empty_note")
        with self.db.write() as s:
            row = self._open(s, incident_id)
            s.add(IncidentAction(incident_id=row.id, by=who.staff.staff_id,
                                 at=self.clock.now(), note=text))  # fmt: skip
            self._journal(s, who, "action", row, {"note": text})
            s.flush()
            return self._view(s, row)

    def close(self, who: SignedIn, incident_id: int) -> IncidentView:
        """Close the incident; its notice leaves the display and its report can print."""
        self._may(who)
        with self.db.write() as s:
            row = self._open(s, incident_id)
            row.status = str(IncidentStatus.CLOSED)
            row.closed_by, row.closed_at = who.staff.staff_id, self.clock.now()
            self._journal(s, who, "closed", row, {"playbook": row.playbook})
            s.flush()
            return self._view(s, row)

    # -- what is read --------------------------------------------------------------

    def open_incidents(self) -> tuple[IncidentView, ...]:
        with self.db.read() as s:
            rows = s.scalars(
                select(Incident)
                .where(Incident.branch_code == self.branch_code, Incident.status == OPEN)
                .order_by(Incident.id)
            )
            return tuple(self._view(s, row) for row in rows)

    def incident(self, incident_id: int) -> IncidentView:
        with self.db.read() as s:
            return self._view(s, self._row(s, incident_id))

    def notices(self) -> tuple[Text, ...]:
        """What the calling display tells customers: the notices of the open incidents."""
        return tuple(
            i.playbook.notice for i in self.open_incidents() if i.playbook.notice is not None
        )

    def report(self, incident_id: int, header: BranchHeader) -> IncidentReport:
        return IncidentReport(header, self.incident(incident_id), self.clock.zone)

    # -- the plumbing --------------------------------------------------------------

    def _may(self, who: SignedIn) -> None:
        if who.staff.role not in RUNS_INCIDENTS:
            raise IncidentError("incident.error.role")

    def _playbook(self, key: str) -> Playbook:
        found = self.pack.playbook(key)
        if found is None:
            raise IncidentError("incident.error.unknown_playbook", playbook=key)
        return found

    def _open_of(self, s: Session, playbook: str) -> Incident | None:
        return s.scalar(
            select(Incident).where(
                Incident.branch_code == self.branch_code,
                Incident.playbook == playbook,
                Incident.status == OPEN,
            )
        )

    def _row(self, s: Session, incident_id: int, *, lock: bool = False) -> Incident:
        row = s.get(Incident, incident_id, with_for_update=lock)
        if row is None or row.branch_code != self.branch_code:
            raise IncidentError("incident.error.unknown", incident=incident_id)
        return row

    def _open(self, s: Session, incident_id: int) -> Incident:
        row = self._row(s, incident_id, lock=True)
        if row.status != OPEN:
            raise IncidentError("incident.error.closed", incident=incident_id)
        return row

    def _journal(
        self, s: Session, who: SignedIn, what: str, row: Incident, payload: dict[str, object]
    ) -> None:
        where = Where(self.branch_code, None, who.staff.staff_id)
        self.journal.append(s, f"incident.{what}", {"incident": row.id, **payload}, where)
        notify(s, QUEUE)

    def _view(self, s: Session, row: Incident) -> IncidentView:
        book = self._playbook(row.playbook)
        steps = {
            step.step: step
            for step in s.scalars(select(IncidentStep).where(IncidentStep.incident_id == row.id))
        }
        actions = list(
            s.scalars(
                select(IncidentAction)
                .where(IncidentAction.incident_id == row.id)
                .order_by(IncidentAction.id)
            )
        )
        ids = {row.started_by, row.closed_by, *(x.done_by for x in steps.values())}
        people = _people(s, {i for i in ids | {a.by for a in actions} if i})
        return IncidentView(
            id=row.id, playbook=book, status=IncidentStatus(row.status),
            started=Done(people[row.started_by], row.started_at),
            closed=_done(people, row.closed_by, row.closed_at),
            steps=tuple(_step(i, text, steps.get(i), people) for i, text in enumerate(book.steps)),
            actions=tuple(ActionView(people[a.by], a.at, a.note) for a in actions),
        )  # fmt: skip


def _done(people: dict[str, Person], by: str | None, at: datetime | None) -> Done | None:
    return Done(people[by], at) if by and at else None


def _step(index: int, text: Text, step: IncidentStep | None, people: dict[str, Person]) -> StepView:
    if step is None:
        return StepView(index, text, None, None)
    return StepView(index, text, Done(people[step.done_by], step.done_at), step.note)


def _people(s: Session, ids: Iterable[str]) -> dict[str, Person]:
    wanted = set(ids)
    rows = s.execute(select(Staff.staff_id, Staff.name).where(Staff.staff_id.in_(wanted)))
    names = {staff_id: name for staff_id, name in rows}
    return {i: Person(str(names.get(i, i)), i) for i in wanted}


def _clean(note: str) -> str:
    return " ".join(note.split())[:NOTE_MAX]


def _name(book: Playbook) -> str:
    return f"{book.name.zh} / {book.name.en}"
