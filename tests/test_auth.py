"""Sign-in, lockout, unlock, take-over and sign-out, as the service enforces them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import FAST
from tests.ledger_support import on_shift, surrender
from workstation.config import SecuritySection
from workstation.db.models import JournalEntry, SignOn, Staff
from workstation.domain.staff import Role
from workstation.domain.statuses import Purpose
from workstation.services.approvals import Ask
from workstation.services.auth import AccountLocked, AuthError, AuthService
from workstation.services.staff import StaffAdmin
from workstation.station import open_station

pytestmark = pytest.mark.db


def _events(station, since: int = 0) -> list[tuple[str, str | None]]:
    with station.db.read() as s:
        rows = s.execute(
            select(JournalEntry.event, JournalEntry.payload).where(JournalEntry.seq > since)
        ).all()
    return [(event, payload) for event, payload in rows]


def _last_seq(station) -> int:
    return station.journal.verify(station.db).last_seq


def _staff(station, staff_id: str) -> Staff:
    with station.db.read() as s:
        return s.get(Staff, staff_id)


def test_sign_in_returns_the_person_and_journals_it(station):
    mark = _last_seq(station)
    who = station.auth.sign_in(" t001 ", "demo1234")
    assert (who.staff.staff_id, who.staff.name, who.staff.role) == ("T001", "张敏", Role.TELLER)
    assert [e for e, _ in _events(station, mark)] == ["sign_in"]
    with station.db.read() as s:
        sign_on = s.get(SignOn, who.sign_on_id)
    assert (sign_on.counter, sign_on.ended_at) == ("01", None)


def test_wrong_password_is_refused_counted_and_journaled(station):
    mark = _last_seq(station)
    with pytest.raises(AuthError) as refused:
        station.auth.sign_in("T001", "nope")
    assert refused.value.msg.key == "auth.wrong_password"
    assert refused.value.msg.params["left"] == 4
    assert _staff(station, "T001").failed_attempts == 1
    events = _events(station, mark)
    assert events[0][0] == "sign_in_failed"
    assert '"reason":"wrong_password"' in events[0][1]
    assert "nope" not in events[0][1]


def test_unknown_staff_gets_the_same_message(station):
    with pytest.raises(AuthError) as refused:
        station.auth.sign_in("T999", "demo1234")
    assert refused.value.msg.key == "auth.wrong_credentials"


def test_fifth_failure_locks_for_fifteen_minutes(station, clock):
    for _ in range(4):
        with pytest.raises(AuthError):
            station.auth.sign_in("T001", "wrong")
    with pytest.raises(AccountLocked) as locked:
        station.auth.sign_in("T001", "wrong")
    assert locked.value.msg.key == "auth.now_locked"
    assert locked.value.msg.params["minutes"] == 15
    # even the right password is refused while locked, with the time left
    clock.advance(minutes=6)
    with pytest.raises(AccountLocked) as still:
        station.auth.sign_in("T001", "demo1234")
    assert still.value.msg.params["minutes"] == 9
    clock.advance(minutes=9, seconds=1)
    assert station.auth.sign_in("T001", "demo1234").staff.staff_id == "T001"
    assert _staff(station, "T001").failed_attempts == 0


def test_a_success_resets_the_count(station):
    for _ in range(4):
        with pytest.raises(AuthError):
            station.auth.sign_in("T001", "wrong")
    station.auth.sign_in("T001", "demo1234")
    with pytest.raises(AuthError) as refused:
        station.auth.sign_in("T001", "wrong")
    assert refused.value.msg.params["left"] == 4


def test_lockout_policy_comes_from_the_configuration(config, secrets, clock):
    strict = config.model_copy(
        update={"security": SecuritySection(max_failed_sign_ins=2, lockout_minutes=30)}
    )
    station = open_station(strict, secrets, clock, FAST)
    try:
        with pytest.raises(AuthError):
            station.auth.sign_in("T002", "wrong")
        with pytest.raises(AccountLocked) as locked:
            station.auth.sign_in("T002", "wrong")
    finally:
        station.close()
    assert locked.value.msg.params["minutes"] == 30


def test_administrator_unlock_clears_a_lockout(station):
    for _ in range(5):
        with pytest.raises(AuthError):
            station.auth.sign_in("T001", "wrong")
    admin = StaffAdmin(station.db, station.journal, station.passwords, station.clock, "os:test")
    admin.unlock("t001")
    assert station.auth.sign_in("T001", "demo1234").staff.name == "张敏"
    assert "staff_unlocked" in [e for e, _ in _events(station)]


def test_only_the_same_persons_password_unlocks(station):
    admin = StaffAdmin(station.db, station.journal, station.passwords, station.clock, "os:test")
    admin.set_password("S001", "other5678")
    who = station.auth.sign_in("T001", "demo1234")
    station.auth.lock(who, "idle")
    with pytest.raises(AuthError):
        station.auth.unlock(who, "other5678")
    station.auth.unlock(who, "demo1234")
    events = [e for e, _ in _events(station)]
    assert events[-3:] == ["lock", "sign_in_failed", "unlock"]


def test_failures_at_the_lock_screen_lock_the_account_and_end_the_sign_on(station):
    who = station.auth.sign_in("T001", "demo1234")
    for _ in range(4):
        with pytest.raises(AuthError):
            station.auth.unlock(who, "wrong")
    with pytest.raises(AccountLocked):
        station.auth.unlock(who, "wrong")
    with station.db.read() as s:
        sign_on = s.get(SignOn, who.sign_on_id)
    assert sign_on.end_reason == "locked_out"


def test_take_over_signs_the_first_person_out_and_records_who(station):
    first = station.auth.sign_in("T001", "demo1234")
    station.auth.lock(first, "manual")
    second = station.auth.take_over(first, "t002", "demo1234")
    assert second.staff.staff_id == "T002"
    with station.db.read() as s:
        old = s.get(SignOn, first.sign_on_id)
    assert (old.end_reason, old.ended_by) == ("forced", "T002")
    forced = [p for e, p in _events(station) if e == "forced_sign_out"]
    assert forced and '"signed_out":"T001"' in forced[0]


def test_take_over_with_a_wrong_password_changes_nothing(station):
    first = station.auth.sign_in("T001", "demo1234")
    with pytest.raises(AuthError):
        station.auth.take_over(first, "T002", "wrong")
    with station.db.read() as s:
        assert s.get(SignOn, first.sign_on_id).ended_at is None


def test_sign_out_ends_the_sign_on(station, clock):
    who = station.auth.sign_in("T001", "demo1234")
    clock.advance(minutes=30)
    station.auth.sign_out(who)
    with station.db.read() as s:
        sign_on = s.get(SignOn, who.sign_on_id)
    assert sign_on.end_reason == "sign_out"
    assert (sign_on.ended_at - sign_on.started_at).total_seconds() == 1800


def test_a_new_sign_in_supersedes_a_stale_one_at_the_same_counter(station):
    crashed = station.auth.sign_in("T001", "demo1234")  # the app died without signing out
    station.auth.sign_in("T002", "demo1234")
    with station.db.read() as s:
        assert s.get(SignOn, crashed.sign_on_id).end_reason == "superseded"


def test_staff_of_another_branch_cannot_sign_in_here(station):
    other = AuthService(station.db, station.journal, station.passwords, station.clock, "BJ01", "01")
    with pytest.raises(AuthError) as refused:
        other.sign_in("T001", "demo1234")
    assert refused.value.msg.key == "auth.wrong_credentials"


def test_change_password_needs_the_old_one_and_a_strong_new_one(station):
    who = station.auth.sign_in("T001", "demo1234")
    with pytest.raises(AuthError):
        station.auth.change_password(who, "wrong", "newpass99")
    with pytest.raises(Exception) as weak:
        station.auth.change_password(who, "demo1234", "short")
    assert weak.value.msg.key == "password.weak"
    station.auth.change_password(who, "demo1234", "newpass99")
    assert station.auth.sign_in("T001", "newpass99").staff.staff_id == "T001"


def test_passwords_are_stored_as_argon2id_only(station):
    stored = _staff(station, "T001").password_hash
    assert stored.startswith("$argon2id$")
    assert "demo1234" not in stored


def test_wrong_approval_passwords_that_lock_come_from_the_configuration(config, secrets, clock):
    strict = config.model_copy(update={"security": SecuritySection(max_failed_overrides=1)})
    station = open_station(strict, secrets, clock, FAST)
    try:
        teller = on_shift(station, "T001")
        sub = surrender(station)
        ask = Ask(Purpose.POSTING, sub.idempotency_key, sub.digest(clock.now().date()), 1)
        with pytest.raises(AccountLocked):  # the first wrong one locks, not the third
            station.overrides.approve_local(teller, ask, "S001", "wrong", "identity_verified")
    finally:
        station.close()
