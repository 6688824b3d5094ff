"""The lobby by keyboard: L001 finds 退保 by ``tb``, marks the priority, sees the documents and
the wait, issues; the ticket is stored as chosen and its PDF printed through the pipeline."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from screens.lobby import LobbyScreen
from screens.lock import LockScreen
from screens.signin import SignInScreen
from tests.flows import PASSWORD
from tests.pilot import SIZE, make_app, ready, screen_text, settle, sign_in, type_text
from tests.printing_support import pdf_text
from workstation.db.queue import Ticket, TicketEvent
from workstation.domain.queue import Priority
from workstation.station import Station

pytestmark = pytest.mark.db
OLD_ID = "110105195003010024"
"""Born 1950-03-01: 65 or older on any demo date."""


def _tickets(station: Station) -> list[Ticket]:
    with station.db.read() as s:
        return list(s.scalars(select(Ticket).order_by(Ticket.id)))


async def _at_the_lobby(pilot) -> LobbyScreen:
    await ready(pilot)
    await sign_in(pilot, "L001", PASSWORD)
    screen = pilot.app.screen
    assert isinstance(screen, LobbyScreen), screen
    await settle(pilot)
    return screen


async def test_lobby_issues_an_elderly_surrender_ticket_and_prints_it(station: Station):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await _at_the_lobby(pilot)
        assert "①转给本窗口的号最先叫" in screen_text(app)  # the queue rule is on screen
        assert "上海浦东客户服务中心 · 大堂" in screen_text(app)  # no window: the lobby
        await type_text(pilot, "tb")
        await settle(pilot)
        text = screen_text(app)
        assert "退保申请书（投保人签名）" in text and "保险合同原件" in text, text
        assert "前面 0 人" in text, text
        await pilot.press("enter")  # the service: on to the priority
        await pilot.press("2")  # 2. 老年人: picked, on to the ID
        await settle(pilot)
        assert app.screen.priority is Priority.ELDERLY
        await pilot.press("enter")  # no ID: issue
        await settle(pilot)
        await settle(pilot)  # the print that follows the issue
        result = screen_text(app)
    (ticket,) = _tickets(station)
    assert (ticket.service, ticket.priority, ticket.label) == ("policy_service", "elderly", "B001")
    assert ticket.issued_by == "L001"
    assert "已取号 B001" in result and "号票已打印" in result, result
    (pdf,) = station.config.output.folder.glob("*-ticket.pdf")
    printed = pdf_text(pdf)
    assert "B001" in printed and "保全" in printed and "退保申请书" in printed


async def test_an_id_of_someone_65_or_older_suggests_elderly(station: Station):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await _at_the_lobby(pilot)
        await type_text(pilot, "tb")
        await settle(pilot)
        await pilot.press("enter", "enter")  # the service; the priority left at none
        await type_text(pilot, OLD_ID)
        await settle(pilot)
        assert "按身份证年龄建议：老年人" in screen_text(app)
        assert app.screen.priority is Priority.ELDERLY
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
    (ticket,) = _tickets(station)
    assert ticket.priority == "elderly"
    (pdf,) = station.config.output.folder.glob("*-ticket.pdf")
    assert OLD_ID not in pdf_text(pdf) and "195003" not in pdf_text(pdf)


async def test_a_refusal_is_said_and_nothing_typed_is_lost(station: Station, monkeypatch):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await _at_the_lobby(pilot)
        pack = station.queue.pack
        spec = pack.service("policy_service")
        full = type(spec)(**{**spec.__dict__, "daily_quota": 0})
        monkeypatch.setattr(
            type(pack), "service", lambda self, key: full if key == spec.key else spec
        )
        await type_text(pilot, "tb")
        await settle(pilot)
        await pilot.press("enter", "3")  # 3. 残疾人
        await pilot.press("f10")
        await settle(pilot)
        assert "“保全”今日号已发完" in screen_text(app), screen_text(app)
        assert app.screen.priority is Priority.DISABLED  # still chosen, to issue elsewhere
    assert _tickets(station) == []


async def test_lobby_staff_lock_and_sign_out_from_the_lobby(station: Station):
    """The lobby is their home: F12 locks over it, F4 signs out (the follower stops with it)."""
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        lobby = await _at_the_lobby(pilot)
        await pilot.press("f12")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        await type_text(pilot, PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is lobby
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen) and app.who is None
        assert lobby.follower is not None and lobby.follower.stopped


async def test_enter_typed_right_after_the_search_acts_on_what_was_typed(station: Station):
    """A quick hand: ``tb`` and Enter with no pause queue for 退保 (3101), not for what was
    highlighted in the list before (保全 itself)."""
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await _at_the_lobby(pilot)
        await pilot.press("down")  # the list of every service: 保全 highlighted
        await pilot.press("t", "b", "enter", "2", "enter")  # no pause between the keys
        await settle(pilot)
        await settle(pilot)
    (ticket,) = _tickets(station)
    with station.db.read() as s:
        detail = s.scalar(select(TicketEvent.detail).where(TicketEvent.ticket_id == ticket.id))
    assert (ticket.service, ticket.priority) == ("policy_service", "elderly")
    assert json.loads(detail)["business"] == "3101"
