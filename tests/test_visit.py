"""The customer's whole visit, by keyboard, on one database: the lobby issues a priority ticket
for 退保 with its documents shown, the teller at counter 02 calls it, posts the surrender and
finishes, and the calling display shows the call. Three apps, as three PCs would run them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from screens.lobby import LobbyScreen
from tests.flows import post_surrender, signed_in
from tests.ledger_support import on_shift
from tests.pilot import SIZE, notices, screen_text, settle, type_text
from tests.test_display import display, latest_label, shown, text
from workstation.db.ledger import Posting
from workstation.db.queue import Ticket, TicketEvent
from workstation.domain.queue import Priority, TicketStatus
from workstation.services.voice import FakeSpeaker

pytestmark = pytest.mark.db


async def test_a_visit_from_the_lobby_to_the_window_to_the_display(station, station2):
    async with signed_in(station, "L001", SIZE) as pilot:
        lobby_app = pilot.app
        assert isinstance(lobby_app.screen, LobbyScreen)
        await type_text(pilot, "tb")
        await settle(pilot)
        shown_documents = screen_text(lobby_app)
        await pilot.press("enter", "2")  # the service 保全 (covers 退保); 2. 老年人
        await settle(pilot)
        await pilot.press("enter")  # no ID: issue and print
        await settle(pilot)
        await settle(pilot)
        issued = screen_text(lobby_app)
    assert "退保申请书（投保人签名）" in shown_documents, shown_documents
    assert "已取号 B001" in issued and "号票已打印" in issued, issued

    on_shift(station2, "T001")
    async with signed_in(station2, "T001") as pilot:
        app = pilot.app
        for key in ("o", "f9"):
            await pilot.press(key)
            await settle(pilot)
        assert "请 B001 号到 02 号窗口" in notices(app)
        await pilot.press("s")
        await settle(pilot)
        serial = await post_surrender(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "欢迎再次光临" in notices(app)[-1]

    with station.db.read() as s:
        (ticket,) = s.scalars(select(Ticket)).all()
        posting = s.scalars(select(Posting).where(Posting.serial == serial)).one()
        kinds = s.scalars(select(TicketEvent.kind).order_by(TicketEvent.id)).all()
    assert (ticket.label, ticket.priority, ticket.issued_by) == ("B001", Priority.ELDERLY, "L001")
    assert ticket.status == TicketStatus.DONE and (ticket.counter, ticket.teller) == ("02", "T001")
    assert posting.ticket_id == ticket.id and posting.template_code == "3101"
    assert [k for k in kinds if k.startswith(("issue", "call", "start", "finish"))] == [
        "issue",
        "call",
        "start",
        "finish",
    ]

    screen_app = display(station, FakeSpeaker())
    async with screen_app.run_test(size=SIZE) as pilot:
        await shown(pilot, lambda: latest_label(screen_app) == "B001")
        assert text(screen_app, "#latest-call") == "请 B001 号到 02 号窗口\nTicket B001, window 02"
