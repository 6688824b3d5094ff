"""Staff administration: validation, and a journal entry for every change."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from workstation.db.models import JournalEntry
from workstation.domain.staff import Role
from workstation.services.passwords import WeakPassword
from workstation.services.staff import Person, StaffAdmin, StaffError

pytestmark = pytest.mark.db


@pytest.fixture
def admin(station):
    return StaffAdmin(station.db, station.journal, station.passwords, station.clock, "os:tester")


def test_add_list_and_sign_in(admin, station):
    row = admin.add("SH01", Person("t003", "王芳", Role.TELLER, "pass1234"))
    assert (row.staff_id, row.level) == ("T003", 0)
    assert [r.staff_id for r in admin.list("SH01")] == [
        "A001",
        "L001",
        "M001",
        "S001",
        "T001",
        "T002",
        "T003",
    ]
    assert station.auth.sign_in("T003", "pass1234").staff.name == "王芳"
    with station.db.read() as s:
        payload = s.scalars(
            select(JournalEntry.payload).where(JournalEntry.event == "staff_created")
        ).all()[-1]
    assert '"by":"os:tester"' in payload and "pass1234" not in payload


@pytest.mark.parametrize(
    ("staff_id", "name", "role", "level", "key"),
    [
        ("T001", "重复", Role.TELLER, None, "staff.exists"),
        ("T-1", "某人", Role.TELLER, None, "staff.bad_id"),
        ("T004", " ", Role.TELLER, None, "staff.bad_name"),
        ("S009", "主管", Role.SUPERVISOR, 3, "staff.bad_level"),
        ("T004", "柜员", Role.TELLER, 1, "staff.level_for_supervisors"),
    ],
)
def test_bad_staff_is_refused(admin, staff_id, name, role, level, key):
    with pytest.raises(StaffError) as refused:
        admin.add("SH01", Person(staff_id, name, role, "pass1234", level))
    assert refused.value.msg.key == key


def test_weak_password_is_refused(admin):
    with pytest.raises(WeakPassword):
        admin.add("SH01", Person("T005", "弱密码", Role.TELLER, "12345678"))


def test_supervisor_defaults_to_level_one(admin):
    assert admin.add("SH01", Person("S002", "新主管", Role.SUPERVISOR, "pass1234")).level == 1


def test_unknown_staff_unlock_is_refused(admin):
    with pytest.raises(StaffError) as refused:
        admin.unlock("NOBODY")
    assert refused.value.msg.key == "staff.unknown"
