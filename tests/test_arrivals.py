"""The demo's customer model: the day's shape, the week's, holidays, and seeded draws."""

from __future__ import annotations

import math
import random
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from workstation.domain.arrivals import (
    BASE_PER_DAY,
    HANDLING,
    PRIORITY_MIX,
    draw_arrivals,
    expected_arrivals,
    handling,
)
from workstation.domain.queue import Priority

SHANGHAI = ZoneInfo("Asia/Shanghai")
TUESDAY, MONDAY, SATURDAY = date(2026, 11, 24), date(2026, 11, 23), date(2026, 11, 28)
SUNDAY, NATIONAL_DAY, AFTER = date(2026, 11, 29), date(2026, 10, 1), date(2026, 10, 8)


def _day(day: date, service: str = "payment") -> list[float]:
    return [expected_arrivals(service, day, hour) for hour in range(24)]


def test_the_day_peaks_at_ten_and_fifteen_and_dips_at_lunch() -> None:
    rates = _day(TUESDAY)
    assert rates[:8] == [0.0] * 8 and rates[17:] == [0.0] * 7  # closed outside 08-17
    morning, afternoon = (
        max(range(8, 12), key=rates.__getitem__),
        max(range(13, 17), key=rates.__getitem__),
    )
    assert (morning, afternoon) == (10, 15)
    assert rates[12] < rates[11] and rates[12] < rates[13] < rates[14]
    assert rates[12] == min(rates[9:16])


def test_the_week_monday_busiest_saturday_quiet_sunday_and_holidays_closed() -> None:
    total = {day: sum(_day(day)) for day in (MONDAY, TUESDAY, SATURDAY, SUNDAY, NATIONAL_DAY)}
    assert total[MONDAY] > total[TUESDAY] > total[SATURDAY] > 0
    assert total[SUNDAY] == total[NATIONAL_DAY] == 0
    assert sum(_day(AFTER)) > total[MONDAY]  # the first working day after 国庆
    assert sum(_day(date(2026, 10, 10))) == pytest.approx(total[SATURDAY] * 2)  # 调休 Saturday
    assert expected_arrivals("no_such_service", TUESDAY, 10) == 0
    assert sum(_day(TUESDAY, "payment")) == pytest.approx(BASE_PER_DAY["payment"])


def test_draws_are_seeded_sorted_and_closed_days_draw_nothing() -> None:
    first = draw_arrivals(random.Random(7), TUESDAY, SHANGHAI)
    assert first == draw_arrivals(random.Random(7), TUESDAY, SHANGHAI)
    assert first != draw_arrivals(random.Random(8), TUESDAY, SHANGHAI)
    assert [a.at for a in first] == sorted(a.at for a in first)
    local = [a.at.astimezone(SHANGHAI) for a in first]
    assert all(t.date() == TUESDAY and 8 <= t.hour < 17 for t in local)
    assert {a.service for a in first} == set(BASE_PER_DAY)
    assert all(a.priority is Priority.VIP for a in first if a.service == "vip")
    assert draw_arrivals(random.Random(7), NATIONAL_DAY, SHANGHAI) == []
    assert draw_arrivals(random.Random(7), SUNDAY, SHANGHAI) == []


def test_a_days_count_is_within_a_few_sigma_of_the_expected() -> None:
    expected = sum(expected_arrivals(s, MONDAY, h) for s in BASE_PER_DAY for h in range(24))
    for seed in range(5):
        drawn = len(draw_arrivals(random.Random(seed), MONDAY, SHANGHAI))
        assert abs(drawn - expected) < 4 * math.sqrt(expected)  # Poisson: sigma = sqrt(mean)


def test_the_priority_mix_is_a_distribution_and_draws_follow_it() -> None:
    assert sum(PRIORITY_MIX.values()) == pytest.approx(1)
    drawn = [a for seed in range(6) for a in draw_arrivals(random.Random(seed), MONDAY, SHANGHAI)]
    others = [a for a in drawn if a.service != "vip"]
    elderly = sum(a.priority is Priority.ELDERLY for a in others) / len(others)
    assert abs(elderly - PRIORITY_MIX[Priority.ELDERLY]) < 0.04


@pytest.mark.parametrize("service", sorted(HANDLING))
def test_handling_times_average_their_mean_within_bounds(service: str) -> None:
    spread = handling(service)
    rng = random.Random(3)
    draws = [spread.draw(rng) for _ in range(4000)]
    assert min(draws) >= spread.floor and max(draws) <= spread.cap
    assert sum(draws) / len(draws) == pytest.approx(spread.mean_seconds, rel=0.04)
    median_minutes = HANDLING[service][0]
    assert median_minutes * 60 < spread.mean_seconds < median_minutes * 60 * 1.25
