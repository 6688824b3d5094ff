"""Pilot: the idle lock, unlocking, and another person taking the counter over."""

from __future__ import annotations

from sqlalchemy import select
from textual.screen import Screen

from screens.home import HomeScreen
from screens.lock import LockScreen
from screens.signin import SignInScreen
from tests.ledger_support import on_shift
from tests.pilot import SIZE, make_app, notices, ready, screen_text, settle, sign_in, type_text
from workstation.db.models import JournalEntry, SignOn
from workstation.services.staff import StaffAdmin


def _events(station) -> list[str]:
    with station.db.read() as s:
        return s.scalars(select(JournalEntry.event).order_by(JournalEntry.seq)).all()


async def _signed_in(pilot, staff_id: str = "T001") -> None:
    await ready(pilot)
    await sign_in(pilot, staff_id, "demo1234")
    assert isinstance(pilot.app.screen, HomeScreen)


async def _locked(pilot) -> Screen:
    """Signed in as T001, then locked by hand (F12); the screen the lock covers."""
    await _signed_in(pilot)
    underneath = pilot.app.screen
    await pilot.press("f12")
    await settle(pilot)
    return underneath


async def test_idle_lock_fires_after_the_configured_minutes(station):
    app = make_app(station, idle_minutes=5)
    async with app.run_test(size=SIZE) as pilot:
        await _signed_in(pilot)
        station.clock.advance(minutes=4, seconds=59)
        app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        station.clock.advance(seconds=1)
        app.idle_tick()
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        assert "因闲置 5 分钟自动锁定" in screen_text(app)
    assert _events(station)[-1] == "lock"


async def test_a_key_press_restarts_the_idle_time(station):
    app = make_app(station, idle_minutes=5)
    async with app.run_test(size=SIZE) as pilot:
        await _signed_in(pilot)
        station.clock.advance(minutes=4)
        await pilot.press("down")
        station.clock.advance(minutes=4)
        app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_only_the_same_persons_password_unlocks(station):
    admin = StaffAdmin(station.db, station.journal, station.passwords, station.clock, "os:t")
    admin.set_password("S001", "super5678")
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await _signed_in(pilot)
        station.clock.advance(minutes=5)
        app.idle_tick()
        await settle(pilot)
        assert app.focused.id == "unlock-password"
        for _ in range(6):  # keys pressed to wake the screen: no failed attempt, no lock-out
            await pilot.press("enter")
        await settle(pilot)
        assert "空白不算一次失败" in screen_text(app)
        await type_text(pilot, "super5678")  # the supervisor's password is not T001's
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        assert "工号或密码错误，还可尝试 4 次" in screen_text(app)
        await type_text(pilot, "demo1234")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.who.staff.staff_id == "T001"
    assert _events(station)[-3:] == ["lock", "sign_in_failed", "unlock"]


async def test_manual_lock_keeps_the_work_underneath(station):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        home = await _locked(pilot)
        assert isinstance(app.screen, LockScreen)
        assert "已手动锁定" in screen_text(app)
        await pilot.press("ctrl+p")  # no command palette over a locked screen
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        await type_text(pilot, "demo1234")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is home


async def test_wrong_passwords_at_the_lock_screen_end_in_sign_out(station):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await _locked(pilot)
        for _ in range(5):
            await type_text(pilot, "nope1234")
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert app.who is None
        assert any("账户已锁定" in n for n in notices(app))


async def test_another_person_signs_the_first_one_out_and_it_is_recorded(station):
    on_shift(station, "T001")  # the locked teller holds this counter's till
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await _locked(pilot)
        first = app.who
        await pilot.press("f2")
        await settle(pilot)
        assert app.focused.id == "other-id"
        # said before the new person signs in and counts, not after
        assert "请先由 张敏 解锁后交接班（F4）或日终（F9）" in screen_text(app)
        await type_text(pilot, "T002")
        await pilot.press("enter")
        await type_text(pilot, "demo1234")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.who.staff.staff_id == "T002"
        assert "张敏 已被 李娜 签退" in notices(app)
    with station.db.read() as s:
        old = s.get(SignOn, first.sign_on_id)
    assert (old.end_reason, old.ended_by) == ("forced", "T002")
    assert "forced_sign_out" in _events(station)


async def test_escape_leaves_take_over_and_returns_to_unlocking(station):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await _locked(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert "交接班（F4）" not in screen_text(app)  # no till open: nothing to say
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused.id == "unlock-password"
        assert isinstance(app.screen, LockScreen)


async def test_change_password_from_home(station):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await _signed_in(pilot)
        await pilot.press("f8")
        await pilot.pause()
        for value in ("demo1234", "fresh2026", "fresh2026"):
            await type_text(pilot, value)
            await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "密码已修改" in notices(app)
    assert station.auth.sign_in("T001", "fresh2026").staff.staff_id == "T001"
