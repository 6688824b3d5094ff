"""Pilot: signing in and out, wrong passwords and lockout, English mode."""

from __future__ import annotations

from sqlalchemy import select
from textual.widgets import OptionList

from screens.home import HomeScreen
from screens.signin import SignInScreen
from screens.textual_compat import bindings_for
from tests.flows import signed_in
from tests.pilot import (
    SIZE,
    burst,
    make_app,
    notices,
    ready,
    screen_text,
    settle,
    sign_in,
    type_text,
)
from workstation.db.models import JournalEntry


def _journal(station, event: str) -> list[str]:
    with station.db.read() as s:
        return s.scalars(select(JournalEntry.payload).where(JournalEntry.event == event)).all()


async def test_sign_in_shows_the_home_screen(station):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert "上海浦东客户服务中心" in screen_text(app)
        await sign_in(pilot, "T001", "demo1234")
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "张敏（T001）· 柜员" in text
        assert "上海浦东客户服务中心 · 01号窗口" in text
        assert "2026-11-27 09:00:00" in text  # the clock, from the injected clock
        options = app.screen.query_one("#actions", OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("锁定屏幕" in label for label in labels)
        assert any("签退" in label for label in labels)
    assert _journal(station, "sign_in")


async def test_supervisor_home_shows_the_authority_level(station):
    async with signed_in(station, "M001", SIZE) as pilot:
        app = pilot.app
        text = screen_text(app)
        assert "陈刚（M001）· 主管" in text and "授权级别\n2 级" in text


async def test_wrong_password_shows_an_error_and_is_journaled(station):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await sign_in(pilot, "T001", "wrongpass")
        assert isinstance(app.screen, SignInScreen)
        assert "工号或密码错误，还可尝试 4 次" in screen_text(app)
        # the password field is cleared and focused for the next try
        assert app.focused.id == "password" and app.focused.value == ""
    failed = _journal(station, "sign_in_failed")
    assert len(failed) == 1 and '"staff_id":"T001"' in failed[0]
    assert "wrongpass" not in failed[0]


async def test_fifth_failure_locks_the_account_and_says_for_how_long(station):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await sign_in(pilot, "T002", "bad1")
        for attempt in range(2, 6):
            await type_text(pilot, f"bad{attempt}")
            await pilot.press("enter")
            await settle(pilot)
        text = screen_text(app)
        assert "账户已锁定，15 分钟后再试" in text
        # the right password does not help now; the screen says how long is left
        station.clock.advance(minutes=5)
        await type_text(pilot, "demo1234")
        await pilot.press("enter")
        await settle(pilot)
        assert "还需等待 10 分钟" in screen_text(app)
        assert isinstance(app.screen, SignInScreen)
    assert len(_journal(station, "lockout")) == 1


async def test_empty_fields_are_refused_without_a_service_call(station):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert "请输入工号和密码" in screen_text(app)
    assert _journal(station, "sign_in_failed") == []


async def test_sign_out_returns_to_the_sign_in_screen(station):
    async with signed_in(station, "T001", SIZE) as pilot:
        app = pilot.app
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert app.who is None
        assert "已签退" in notices(app)
        assert app.focused.id == "staff-id"
    assert len(_journal(station, "sign_out")) == 1


async def test_english_mode_shows_english(station):
    app = make_app(station, lang="en", demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "Staff sign-in" in text
        assert "Shanghai Pudong Service Centre · Window 01" in text
        assert "Demo accounts (password demo1234 for each)" in text
        assert "员工登录" not in text
        await sign_in(pilot, "S001", "demo1234")
        text = screen_text(app)
        assert "王强 (S001) · Supervisor" in text and "Authority\nlevel 1" in text
        footer = [b.description for b in bindings_for(app.screen, "f4")]
        assert footer == ["Sign out"]


async def test_demo_lists_the_accounts_and_warns_nothing_is_kept(station):
    app = make_app(station, demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        table = app.screen.query_one("#demo-accounts")
        assert table.row_count == 6
        assert table.region.height >= 6  # header and five rows, on screen
        assert "演示模式" in screen_text(app)


async def test_a_burst_of_keys_lands_in_the_right_fields(station):
    """A card reader types the ID and Enter at once: the password must not join the ID."""
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await burst(pilot, "T001", "<enter>", "demo1234", "<enter>")
        assert isinstance(app.screen, HomeScreen)
        assert app.who.staff.staff_id == "T001"
