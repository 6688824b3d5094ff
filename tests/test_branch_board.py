"""The supervisor's board (主管看板, issue 16.12): two counters, one over its limit, a remote
request waiting, an approval given today, receipts not printed, open tills; each shows, and
closing a till, printing a receipt and deciding the request take them off."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.ledger_support import (
    loan_repayment_in_cash,
    on_shift,
    post_acknowledged,
    renewal_in_cash,
    surrender,
)
from workstation.domain.cash import Count
from workstation.domain.i18n import Catalog
from workstation.services.branch_board import BranchBoard, BranchBoardService, TillState

pytestmark = pytest.mark.db
PW = "demo1234"
EN = Catalog.load("en")


def lines(board: BranchBoard) -> list[str]:
    return [EN(m) for m in (*board.till_lines(), *board.approval_lines(), *board.close_lines())]


def test_the_board_shows_tills_approvals_receipts_and_what_stands_before_close(station, station2):
    service = BranchBoardService(station.db, station.clock, "SH01", Decimal("10000"))
    assert service.board().close_lines()[-1].key == "board.ready_to_close"
    t1, t2 = on_shift(station, "T001"), on_shift(station2, "T002")
    renewal = renewal_in_cash(station)  # ¥12,000 in cash at 01: over a ¥10,000 limit
    first = post_acknowledged(station, renewal, t1).serial
    repayment = loan_repayment_in_cash(station2)  # ¥500 at 02: within it
    second = post_acknowledged(station2, repayment, t2).serial
    request = station.overrides.request(t1, station.postings.ask(surrender(station), t1), "01")
    ask = station.postings.ask(surrender(station), t1)  # another, approved at the counter
    approver = "S001" if ask.level == 1 else "M001"
    station.overrides.approve_local(t1, ask, approver, PW, "customer_confirmed")

    board = service.board()
    by_counter = {c.counter: c for c in board.counters}
    assert by_counter["01"].over_limit and by_counter["01"].expected == Decimal("12000.00")
    assert not by_counter["02"].over_limit and by_counter["02"].expected == Decimal("500.00")
    assert by_counter["03"].state is TillState.NONE
    assert [c.counter for c in board.open_tills] == ["01", "02"]
    assert [w.id for w in board.waiting] == [request]
    assert [(g.approver.staff_id, g.mode, g.serial, g.title_en) for g in board.given] == [
        (approver, "local", None, "Surrender")
    ]
    assert [u.serial for u in board.unprinted] == [first, second]
    shown = lines(board)
    print("\n".join(shown))
    assert "01 open 张敏 ¥12,000.00 / ¥10,000.00 ▲over the limit" in shown
    assert "02 open 李娜 ¥500.00 / ¥10,000.00" in shown
    assert "no shift: 03 04" in shown
    assert any("Surrender" in line and "level" in line for line in shown), shown
    assert "Tills still open: 2  01/T001  02/T002" in shown

    ticket = station2.receipts.begin("receipt", second, t2)
    station2.receipts.saved(ticket, "/tmp/receipt.pdf")
    station2.closing.close(t2, Count.of(y100=5))
    station.overrides.cancel(t1, request)
    board = service.board()
    assert [c.counter for c in board.open_tills] == ["01"]
    assert {c.counter: c.state for c in board.counters}["02"] is TillState.CLOSED
    assert [u.serial for u in board.unprinted] == [first]
    assert board.waiting == ()
    assert "Tills still open: 1  01/T001" in lines(board)
