"""The live staffing advisor and the flexible window (弹性窗口): a cash surge asks for window 04;
opened for cash, 04 calls cash first and the display says so; idle, it may close; refusals."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forms.service_pack import Thresholds
from screens.display_view import display_view
from tests.advisor_support import at_counter, cash_surge
from tests.conftest import SHANGHAI
from tests.ledger_support import in_both_languages, on_shift
from tests.queue_support import issue_all, lobby
from workstation.db.models import JournalEntry
from workstation.domain.i18n import Catalog
from workstation.domain.queue import Priority
from workstation.services.flexible import FlexibleError
from workstation.services.queue_views import QueueBoard, ZoneView
from workstation.services.suggestions import suggestions

pytestmark = pytest.mark.db
N = Priority.NONE
ZH, EN = Catalog.load("zh"), Catalog.load("en")


def supervisor(station):
    return station.auth.sign_in("S001", "demo1234")


def journal(station, event):
    with station.db.read() as s:
        rows = s.execute(
            select(JournalEntry.staff_id, JournalEntry.counter, JournalEntry.payload).where(
                JournalEntry.event == event
            )
        ).all()
    return [(staff, counter, json.loads(payload)) for staff, counter, payload in rows]


def entries(station) -> int:
    with station.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(JournalEntry)) or 0)


def test_a_cash_surge_advises_opening_the_flexible_window(station):
    cash_surge(station)
    cash = station.advisor.advice().zone("cash")
    assert cash is not None
    assert (cash.arrivals, cash.waiting, cash.windows) == (15, 12, ("01",))
    assert cash.measured and cash.handling_seconds == pytest.approx(180, abs=1)
    assert cash.missed and cash.now.service_level == 0  # one window: the queue only grows
    assert cash.needed is not None and cash.needed.windows == 2
    assert cash.flexible_counter == "04" and cash.with_flexible is not None
    assert cash.with_flexible.average_wait == pytest.approx(3.9 * 60, abs=6)
    line = ZH(cash.line)
    assert "30分钟到达 15" in line and "处理 3.0分" in line and "开窗 1" in line
    assert "预计等候 持续增加" in line and "→ 需 2 窗：开 04 预计等候 4分" in line
    assert "open 04, wait 4 min" in EN(cash.line)


def test_no_arrivals_is_said_and_advises_nothing(station):
    advice = station.advisor.advice()
    assert all(z.arrivals == 0 and not z.missed for z in advice.zones)
    assert all("无到达" in ZH(z.line) for z in advice.zones)
    assert ZH(advice.lines()[0]) == "04 号弹性窗口：未开给任何区（各区分流）"


def test_opened_for_cash_04_calls_cash_before_an_older_overflow_ticket(station):
    with at_counter(station, "04") as station4:
        opened_for_cash(station, station4)


def opened_for_cash(station, station4):
    issue_all(station, lobby(station), ("consultation", N), ("payment", N))
    teller = on_shift(station4, "T002")
    station4.queue.open_window(teller, "04")
    assert [t.label for t in station4.queue.window("04").waiting] == ["D001", "A001"]
    boss = supervisor(station)
    opened = station.advisor.open_flexible(boss, "04", "cash", "  缴费排队   过长 ")
    assert (opened.zone, opened.by, opened.reason, opened.serving) == (
        "cash",
        "S001",
        "缴费排队 过长",
        True,
    )
    assert journal(station, "flexible.opened") == [
        ("S001", "04", {"counter": "04", "zone": "cash", "reason": "缴费排队 过长"})
    ]
    assert [t.label for t in station4.queue.window("04").waiting] == ["A001", "D001"]
    board = station.queue.board()
    assert board.flexible == (("04", "cash"),)
    services = {s.key: s for s in station.queue.services()}
    assert "04 号弹性窗口 · 缴费" in display_view(board, services, ZH, SHANGHAI).zones
    assert "Window 04 (flexible) · Payments" in display_view(board, services, EN, SHANGHAI).zones
    assert station.advisor.advice().zone("cash").windows == ("04",)
    assert station4.queue.call_next(teller, "04").label == "A001"


def test_idle_it_says_so_and_the_supervisor_closes_it(station):
    with at_counter(station, "04") as station4:
        idle_then_closed(station, station4)


def idle_then_closed(station, station4):
    teller = on_shift(station4, "T002")
    station4.queue.open_window(teller, "04")
    boss = supervisor(station)
    station.advisor.open_flexible(boss, "04", "cash", "午间高峰")
    cash = station.advisor.advice().zone("cash")
    assert cash.idle == ("04",) and cash.idle_flexible
    assert "04 空闲，可关闭弹性窗口" in ZH(cash.line)
    closed = station.advisor.close_flexible(boss, "04", "高峰已过")
    assert closed.zone is None and not closed.serving
    assert journal(station, "flexible.closed") == [
        ("S001", "04", {"counter": "04", "zone": "cash", "reason": "高峰已过"})
    ]
    assert station.queue.board().flexible == ()
    assert station.advisor.advice().zone("cash").windows == ()


def refused(key, call, *args):
    with pytest.raises(FlexibleError) as caught:
        call(*args)
    assert caught.value.msg.key == key
    assert in_both_languages(caught.value.msg)


def test_each_refusal_stores_nothing(station):
    advisor, boss = station.advisor, supervisor(station)
    teller = station.auth.sign_in("T001", "demo1234")
    before = entries(station)
    refused("advisor.error.role", advisor.open_flexible, teller, "04", "cash", "忙")
    refused("advisor.error.role", advisor.close_flexible, teller, "04", "")
    refused("advisor.error.not_flexible", advisor.open_flexible, boss, "01", "cash", "忙")
    refused("advisor.error.unknown_zone", advisor.open_flexible, boss, "04", "moon", "忙")
    refused("advisor.error.no_reason", advisor.open_flexible, boss, "04", "cash", "  ")
    refused("advisor.error.not_open", advisor.close_flexible, boss, "04", "")
    assert entries(station) == before
    advisor.open_flexible(boss, "04", "cash", "忙")
    before = entries(station)
    refused("advisor.error.already_open", advisor.open_flexible, boss, "04", "vip", "忙")
    assert entries(station) == before


def test_no_crowd_suggestion_for_a_zone_the_flexible_window_serves_already():
    crowded = ZoneView(
        "cash", "现金区", "Cash", 16, timedelta(minutes=5), timedelta(minutes=15), ("01",), ()
    )
    limits = Thresholds(wait_factor=2, max_waiting=15)
    assert len(suggestions(QueueBoard((crowded,), (), (), (), 0), limits)) == 1
    served = QueueBoard((crowded,), (), (), (), 0, flexible=(("04", "cash"),))
    assert suggestions(served, limits) == ()
