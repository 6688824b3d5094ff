"""Tomorrow's staffing plan by hour: the dates it reads, its figures, the what-if."""

from __future__ import annotations

import math
from datetime import date

import pytest

from tests.staffing_support import MONDAYS, PLAN_DAY, four_mondays, ticket, write
from workstation.domain.erlang import rostered, windows_needed
from workstation.domain.workdays import DayType, day_type
from workstation.services.staffing_history import history_dates
from workstation.services.staffing_plan import StaffingPlanError, what_if

MIX = ("payment", "claims", "claims", "claims")


@pytest.fixture
def plans(station):
    return station.staffing


@pytest.mark.parametrize(
    ("day", "kind", "dates"),
    [
        # a Monday after 国庆: 10-05 is a holiday, 09-28 the first day after 中秋
        ("2026-10-12", DayType.WORKDAY, ("2026-09-21", "2026-09-14", "2026-09-07", "2026-08-31")),
        # a 调休 Saturday (a workday): the last workdays of any weekday, 10-08 skipped
        ("2026-10-10", DayType.WORKDAY, ("2026-10-09", "2026-09-30", "2026-09-29", "2026-09-24")),
        # the first day after 国庆: the first days after 中秋, 端午, 劳动节, 清明
        (
            "2026-10-08",
            DayType.FIRST_AFTER_HOLIDAY,
            ("2026-09-28", "2026-06-22", "2026-05-06", "2026-04-07"),
        ),
        # a Saturday: 10-10 (调休), 10-03 and 09-26 (holidays) are not Saturdays of its type
        ("2026-10-17", DayType.SATURDAY, ("2026-09-19", "2026-09-12", "2026-09-05", "2026-08-29")),
    ],
)
def test_the_plan_reads_the_last_dates_of_the_same_day_type(day, kind, dates):
    planned = date.fromisoformat(day)
    assert day_type(planned) is kind
    assert history_dates(planned, 4) == tuple(date.fromisoformat(d) for d in dates)
    assert history_dates(planned, 2) == history_dates(planned, 4)[:2]


def test_tomorrow_closed_plans_the_next_working_day(plans):
    found = plans.default_day()  # the clock: Friday 2026-11-27
    assert (found.day, found.skipped) == (PLAN_DAY, date(2026, 11, 28))


def test_the_figures_of_each_hour_from_four_mondays(station, plans):
    four_mondays(station)
    plan = plans.plan(PLAN_DAY)
    assert plan.history == MONDAYS and plan.days_with_tickets == 4
    by_hour = {h.hour: h for h in plan.hours}
    assert list(by_hour) == list(range(8, 17))  # the pack's opening hours
    ten = by_hour[10]
    cash = next(z for z in ten.zones if z.zone == "cash")
    assert (cash.arrivals, cash.measured) == (12.0, True)
    assert cash.handling_seconds == pytest.approx(300, abs=0.01)  # julianday: not exact
    expected = windows_needed(12 / 3600, 300, 900, 0.8, 0.85).windows
    assert cash.needed == ten.needed == expected
    assert ten.to_roster == rostered(expected, 0.3)
    assert (cash.rostered, ten.rostered) == (2, 2)  # windows 01 and 02 served then
    consult = next(z for z in by_hour[11].zones if z.zone == "consult")
    assert (consult.arrivals, consult.handling_seconds, consult.measured) == (3.0, 300.0, False)
    assert by_hour[11].needed == windows_needed(3 / 3600, 300, 600, 0.8, 0.85).windows
    assert by_hour[11].rostered == 0 and math.isinf(by_hour[11].expected.wait_seconds)
    assert by_hour[9].arrivals == 0 and by_hour[9].needed == 0 and by_hour[9].to_roster == 0


def test_a_transfer_is_no_new_arrival(station, plans):
    parent = {**ticket(MONDAYS[0], 14, 0, "payment"), "id": 90001}
    child = {**ticket(MONDAYS[0], 14, 0, "claims", counter="03"), "id": 90002, "parent_id": 90001}
    write(station, [parent, child])
    two = next(h for h in plans.plan(PLAN_DAY).hours if h.hour == 14)
    assert two.arrivals == 1.0  # one date with tickets, one customer
    assert two.rostered == 2  # 01 and 03 served in the hour
    zones = {z.zone: z.rostered for z in two.zones}
    assert zones == {"cash": 1, "non_cash": 1, "consult": 0, "vip": 0}


def test_a_window_counts_in_each_zone_by_its_share_of_tickets(station, plans):
    day = MONDAYS[0]  # at 15:00, windows 01 and 02 each: one payment, three claims
    rows = [ticket(day, 15, 10 * i, s, c) for c in ("01", "02") for i, s in enumerate(MIX)]
    write(station, rows)
    three = next(h for h in plans.plan(PLAN_DAY).hours if h.hour == 15)
    assert three.rostered == 2
    zones = {z.zone: z.rostered for z in three.zones}
    assert zones == {"cash": 1, "non_cash": 2, "consult": 0, "vip": 0}  # 0.5 and 1.5


def test_no_history_of_the_type_gives_an_empty_plan(plans):
    plan = plans.plan(PLAN_DAY)
    assert not plan.has_history and plan.history == MONDAYS
    assert all(h.needed == 0 and h.rostered == 0 for h in plan.hours)


def test_a_date_that_is_not_one_is_refused(plans):
    with pytest.raises(StaffingPlanError) as refused:
        plans.plan_on("2026-13-01")
    assert refused.value.msg.key == "staffing.bad_date"


def test_what_if_more_windows_never_wait_longer(station, plans):
    four_mondays(station)
    plan = plans.plan(PLAN_DAY)
    base = plan.windows()
    before = what_if(plan, base)
    assert before == tuple(h.expected for h in plan.hours)
    for (hour, zone), n in base.items():
        for more in (1, 2, 5):
            after = what_if(plan, {**base, (hour, zone): n + more})
            for old, new in zip(before, after, strict=True):
                assert new.wait_seconds <= old.wait_seconds
                assert new.service_level >= old.service_level - 1e-12
    ten = {(10, "cash"): 1}
    one, three = what_if(plan, ten)[2], what_if(plan, {(10, "cash"): 3})[2]
    assert one.hour == 10 and one.wait_seconds > three.wait_seconds > 0
