"""Erlang C against the published vector, its edge cases, and more windows never worse."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workstation.domain.erlang import erlang_b, erlang_c, rostered, windows_needed

PER_SECOND = 100 / 1800  # 100 arrivals per 30 minutes
AHT = 180.0  # 3 minutes


def test_the_published_vector():
    """A = 100/1800 · 180 = 10 Erlangs; N = 14, t = 20 s: C 0.1741319, SL 0.88835, wait 7.8359 s."""
    found = erlang_c(PER_SECOND, AHT, 14, 20)
    assert found.load == pytest.approx(10.0)
    assert found.p_wait == pytest.approx(0.1741319, abs=1e-7)
    assert found.service_level == pytest.approx(0.88835, abs=1e-5)
    assert found.average_wait == pytest.approx(7.8359, abs=1e-4)
    assert found.occupancy == pytest.approx(10 / 14)


def test_erlang_b_by_its_recursion():
    assert erlang_b(0, 10) == 1.0
    assert erlang_b(1, 1) == pytest.approx(0.5)  # A / (1 + A)
    assert erlang_b(2, 1) == pytest.approx(0.2)  # (A²/2) / (1 + A + A²/2)


@pytest.mark.parametrize("windows", [0, 5, 10])
def test_a_load_at_or_above_the_windows_waits_for_ever(windows):
    found = erlang_c(PER_SECOND, AHT, windows, 20)
    assert (found.p_wait, found.service_level, found.average_wait) == (1.0, 0.0, math.inf)


def test_no_arrivals_no_wait_and_no_window_needed():
    assert erlang_c(0, AHT, 3, 20).average_wait == 0
    assert erlang_c(0, AHT, 3, 20).service_level == 1
    assert windows_needed(0, AHT, 20).windows == 0


def test_the_fewest_windows_meeting_the_target_and_the_occupancy():
    """80 % within 20 s on the vector's traffic: 13 windows give 0.7956, 14 give 0.8884."""
    found = windows_needed(PER_SECOND, AHT, 20, service_level=0.8)
    assert found.windows == 14
    assert found.service_level >= 0.8 and found.occupancy <= 0.85
    fewer = erlang_c(PER_SECOND, AHT, found.windows - 1, 20)
    assert fewer.service_level < 0.8 or fewer.occupancy > 0.85
    # occupancy alone: 10 Erlangs at most 50 % busy needs 20 windows
    assert windows_needed(PER_SECOND, AHT, 20, 0.5, max_occupancy=0.5).windows == 20


def test_rostered_staff_cover_shrinkage():
    assert rostered(14, 0.3) == 20  # 14 / 0.7 is 20, not 21 by a rounding error
    assert rostered(14, 0.0) == 14
    with pytest.raises(ValueError):
        rostered(14, 1.0)


@given(
    per_hour=st.floats(1, 400),
    aht=st.floats(30, 1200),
    target=st.floats(0, 1800),
    windows=st.integers(1, 60),
)
def test_one_more_window_is_never_worse(per_hour, aht, target, windows):
    now = erlang_c(per_hour / 3600, aht, windows, target)
    more = erlang_c(per_hour / 3600, aht, windows + 1, target)
    assert more.service_level >= now.service_level - 1e-12
    assert more.average_wait <= now.average_wait + 1e-9
    assert more.p_wait <= now.p_wait + 1e-12
