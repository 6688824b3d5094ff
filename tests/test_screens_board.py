"""Pilot: the supervisor's home is their board (主管看板, issue 16.12): the tills against the
limit, the approvals, the receipts not printed and the open tills; it reads again on its own
(the home's timer, ticked here by the test) and when the supervisor comes back to home."""

from __future__ import annotations

import pytest

from screens.authorizations import AuthorizationsScreen
from screens.home import HomeScreen
from screens.widgets.board_panel import BoardPanel
from tests import ledger_support as at
from tests.flows import signed_in
from tests.pilot import _plain, press_to, settle

pytestmark = pytest.mark.db


def board(pilot) -> str:
    return _plain(pilot.app.screen.query_one(BoardPanel).render())


async def test_the_supervisor_sees_the_board_and_it_follows_the_counters(station, station2):
    t2 = at.on_shift(station2, "T002")
    at.post_acknowledged(station2, at.renewal_in_cash(station2), t2)  # ¥12,000 in cash at 02
    async with signed_in(station, "S001") as pilot:
        await settle(pilot)
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        shown = board(pilot)
        print(f"\n--- the board as S001 signs in ---\n{shown}")
        for part in (
            "主管看板 · 营业日 2026-11-27",
            "未开箱：01 03 04",
            "02 营业中 李娜 ¥12,000.00 / ¥100,000.00",
            "待授权：0 笔",
            "今日已授权：0 笔",
            "未打印回单：1 张",
            "SH01-20261127-02-00001 02/T002 09:00",
            "未轧账钱箱：1 个 02/T002",
        ):
            assert part in shown, part

        at.post_acknowledged(station2, at.loan_repayment_in_cash(station2), t2)  # ¥500 more at 02
        pilot.app.call_later(home.reread)  # the timer's tick, now (it runs every few seconds)
        await pilot.pause()
        await settle(pilot)
        shown = board(pilot)
        print(f"--- after a posting at 02 and a tick ---\n{shown}")
        assert "02 营业中 李娜 ¥12,500.00 / ¥100,000.00" in shown
        assert "未打印回单：2 张" in shown

        await press_to(pilot, "f3", AuthorizationsScreen)
        station2.overrides.request(t2, station2.postings.ask(at.surrender(station2), t2), "02")
        await press_to(pilot, "escape", HomeScreen)  # back home: read again at once
        shown = board(pilot)
        print(f"--- back from F3 after a request from 02 ---\n{shown}")
        assert "待授权：1 笔（F3 处理）" in shown
        assert "02 号 李娜 退保 需 1 级" in shown
