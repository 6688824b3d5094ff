"""Staff administration: what ``workstation staff`` does. Every change is journaled."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.engine import Database
from workstation.db.models import Branch, Staff
from workstation.domain.clock import Clock
from workstation.domain.errors import WorkstationError
from workstation.domain.staff import MAX_LEVEL, Role, default_level
from workstation.services.auth import normalise_id
from workstation.services.journal import Journal, Where
from workstation.services.passwords import Passwords, check_strength

STAFF_ID = re.compile(r"^[A-Z0-9]{2,16}$")


class StaffError(WorkstationError):
    """A staff change was refused."""


@dataclass(frozen=True)
class StaffRow:
    staff_id: str
    name: str
    role: Role
    level: int
    active: bool
    failed_attempts: int
    locked_until: datetime | None


@dataclass(frozen=True)
class Person:
    """A staff member to add, as typed: the ID is normalised and the name trimmed on adding."""

    staff_id: str
    name: str
    role: Role
    password: str
    level: int | None = None
    """A supervisor's authority level; None: the role's default."""


class StaffAdmin:
    """Used by administrators (CLI); ``actor`` says who ran it, e.g. ``os:alice``."""

    def __init__(
        self, db: Database, journal: Journal, passwords: Passwords, clock: Clock, actor: str
    ) -> None:
        self.db, self.journal, self.passwords, self.clock = db, journal, passwords, clock
        self.actor = actor

    def _get(self, s: Session, staff_id: str) -> Staff:
        staff = s.get(Staff, normalise_id(staff_id), with_for_update=True)
        if staff is None:
            raise StaffError("staff.unknown", staff_id=staff_id)
        return staff

    def _log(self, s: Session, event: str, staff: Staff, **payload: object) -> None:
        body = {"staff_id": staff.staff_id, "by": self.actor, **payload}
        self.journal.append(s, event, body, Where(staff.branch_code))

    def add(self, branch_code: str, person: Person) -> StaffRow:
        with self.db.write() as s:
            return _row(self.create(s, branch_code, person))

    def create(self, s: Session, branch_code: str, person: Person) -> Staff:
        """Add a staff member inside the caller's transaction."""
        role, password, level = person.role, person.password, person.level
        staff_id = normalise_id(person.staff_id)
        if not STAFF_ID.match(staff_id):
            raise StaffError("staff.bad_id", staff_id=staff_id)
        name = person.name.strip()
        if not name or len(name) > 50:
            raise StaffError("staff.bad_name")
        level = default_level(role) if level is None else level
        if role is Role.SUPERVISOR and not 1 <= level <= MAX_LEVEL:
            raise StaffError("staff.bad_level", max=MAX_LEVEL)
        if role is not Role.SUPERVISOR and level != 0:
            raise StaffError("staff.level_for_supervisors")
        check_strength(password)
        if s.get(Branch, branch_code) is None:
            raise StaffError("staff.unknown_branch", branch=branch_code)
        if s.get(Staff, staff_id) is not None:
            raise StaffError("staff.exists", staff_id=staff_id)
        now = self.clock.now()
        staff = Staff(
            staff_id=staff_id,
            branch_code=branch_code,
            name=name,
            role=role.value,
            level=level,
            password_hash=self.passwords.hash(password),
            failed_attempts=0,
            active=True,
            created_at=now,
            password_changed_at=now,
        )
        s.add(staff)
        s.flush()
        self._log(s, "staff_created", staff, name=name, role=role.value, level=level)
        return staff

    def set_password(self, staff_id: str, password: str) -> None:
        check_strength(password)
        with self.db.write() as s:
            staff = self._get(s, staff_id)
            staff.password_hash = self.passwords.hash(password)
            staff.password_changed_at = self.clock.now()
            self._log(s, "staff_changed", staff, change="password")

    def unlock(self, staff_id: str) -> StaffRow:
        with self.db.write() as s:
            staff = self._get(s, staff_id)
            was_locked = staff.locked_until is not None
            staff.locked_until, staff.failed_attempts = None, 0
            self._log(s, "staff_unlocked", staff, was_locked=was_locked)
            return _row(staff)

    def list(self, branch_code: str | None = None) -> list[StaffRow]:
        with self.db.read() as s:
            query = select(Staff).order_by(Staff.staff_id)
            if branch_code:
                query = query.where(Staff.branch_code == branch_code)
            return [_row(staff) for staff in s.scalars(query)]


def _row(staff: Staff) -> StaffRow:
    return StaffRow(
        staff.staff_id,
        staff.name,
        Role(staff.role),
        staff.level,
        staff.active,
        staff.failed_attempts,
        staff.locked_until,
    )
