"""After the branch close: when the next business date opens, and a level-2 supervisor opening
it early (issue 16.11)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ledger_support import contact_change, journal_payloads, on_shift
from workstation.db.ledger import BusinessDay
from workstation.domain.cash import Count
from workstation.domain.i18n import Catalog
from workstation.services.auth import AuthError
from workstation.services.calendar import BusinessDateClosed
from workstation.services.journal_audit import audit
from workstation.services.next_day import NextDayRefused

pytestmark = pytest.mark.db

PW = "demo1234"
FRIDAY, SATURDAY, MONDAY = date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 30)
EN, ZH = Catalog.load("en"), Catalog.load("zh")


def _closed_friday(station, station2):
    """T001's till closed and the branch closed on Friday 2026-11-27; T001 still signed in."""
    teller = on_shift(station, "T001")
    station.closing.close(teller, Count())
    station2.closing.close_branch(station2.auth.sign_in("S001", PW), PW)
    return teller


def _refused(call, *args) -> str:
    with pytest.raises(NextDayRefused) as refused:
        call(*args)
    return refused.value.msg.key


def test_after_close_home_says_when_and_a_level_2_supervisor_opens_the_next_date_early(
    station, station2
):
    assert EN(station.next_day.state().line()) == "Business date: Fri 2026-11-27"
    teller = _closed_friday(station, station2)
    state = station.next_day.state()
    assert (state.closed, state.next, state.suggested) == (FRIDAY, MONDAY, MONDAY)
    assert EN(state.line()) == (
        "Business date 2026-11-27 is closed. Next business date Mon 2026-11-30 opens at 08:00"
    )
    assert ZH(state.line()) == "营业日 2026-11-27 已日终。下一营业日 2026-11-30（周一）08:00 开始"
    with pytest.raises(BusinessDateClosed) as posting:  # the line a posting gets today, reused
        station.postings.post(contact_change(station), teller)
    assert posting.value.msg.key == "calendar.closed"

    service = station2.next_day
    boss, level_1 = station2.auth.sign_in("M001", PW), station2.auth.sign_in("S001", PW)
    assert _refused(service.open_early, teller, PW, MONDAY, "urgent") == "next_day.error.level"
    assert _refused(service.open_early, level_1, PW, MONDAY, "urgent") == "next_day.error.level"
    assert _refused(service.open_early, boss, PW, MONDAY, "  ") == "next_day.error.no_reason"
    for day in (FRIDAY, date(2026, 11, 26)):
        assert _refused(service.open_early, boss, PW, day, "x") == "next_day.error.not_after"
    too_far = date(2026, 12, 1)
    assert _refused(service.open_early, boss, PW, too_far, "x") == "next_day.error.too_far"
    with pytest.raises(AuthError):
        service.open_early(boss, "wrong", MONDAY, "urgent")
    assert journal_payloads(station, "business_day_opened_early") == []

    opened = service.open_early(boss, PW, MONDAY, " 客户  急诊理赔 ")
    assert (opened.current, opened.closed, opened.early_by) == (MONDAY, None, "M001")
    assert EN(opened.line()) == (
        "Business date: Mon 2026-11-30, opened early by M001 (客户 急诊理赔)"
    )
    assert journal_payloads(station, "business_day_opened_early") == [
        {"date": "2026-11-30", "closed": "2026-11-27", "reason": "客户 急诊理赔"}
    ]
    assert _refused(service.open_early, boss, PW, MONDAY, "again") == "next_day.error.still_open"

    # work goes to the opened date: a new shift and its posting are Monday's
    station.till.open(teller, Count())
    posted = station.postings.post(contact_change(station), teller)
    assert posted.serial == "SH01-20261130-01-00001"
    assert station.next_day.state().current == MONDAY
    assert audit(station.db).ok and station.journal.verify(station.db).ok


def test_a_day_off_after_close_opens_nothing_until_a_supervisor_opens_it(station, station2):
    teller = _closed_friday(station, station2)
    station.clock.advance(days=1)  # Saturday: the calendar would open it; after a close, not
    with pytest.raises(BusinessDateClosed) as shift:
        station.till.open(teller, Count())
    assert EN(shift.value.msg) == (
        "Business date 2026-11-27 is closed: nothing can be posted until the next business"
        " date Mon 2026-11-30 opens (a level-2 supervisor can open it early from home)"
    )
    state = station.next_day.state()
    assert (state.closed, state.next, state.suggested) == (FRIDAY, MONDAY, SATURDAY)

    boss = station2.auth.sign_in("M001", PW)
    station2.next_day.open_early(boss, PW, SATURDAY, "周六值班")  # a Saturday duty day
    station.till.open(teller, Count())
    assert station.postings.post(contact_change(station), teller).serial.startswith(
        "SH01-20261128-"
    )
    station.clock.advance(days=1)  # Sunday: opened on Saturday, never closed; no refusal now
    assert _refused(station2.next_day.open_early, boss, PW, date(2026, 11, 29), "x") == (
        "next_day.error.still_open"
    )


def test_a_past_date_is_refused_and_an_early_date_without_its_entry_is_named(station, station2):
    _closed_friday(station, station2)
    station.clock.advance(days=2)  # Sunday: Saturday is past
    boss = station2.auth.sign_in("M001", PW)
    assert _refused(station2.next_day.open_early, boss, PW, SATURDAY, "x") == (
        "next_day.error.past"
    )
    with station.db.write() as s:  # a row written past the service: no journal entry
        s.add(
            BusinessDay(
                branch_code="SH01", business_date=MONDAY, opened_at=station.clock.now(),
                opened_by="M001", opening_reason="x",
            )
        )  # fmt: skip
    found = audit(station.db)
    assert found.problem is not None and found.problem.params["key"] == "SH01 2026-11-30"
