"""Service statistics of the scripted day (tests/stats_support.py), every figure by hand.

Served (done): A001 A002 A004 A005 A006 at 01 by T001 (payment), B001 at 02 by
T002 (policy_service): 6. No-shows: A003 (01), B002 (02): 2.

Waits (issue → first call), s: A001 300, A002 580 (its first call, not the
recall at 09:12), A004 1140, A005 3120, A006 120, B001 300. Nearest rank: the
value at rank ⌈p·n⌉ of the sorted list.
- Branch [120, 300, 300, 580, 1140, 3120], n=6: p50 rank 3 = 300; p90 rank
  ⌈5.4⌉=6 = 3120.
- T001 / 01 / payment [120, 300, 580, 1140, 3120], n=5: p50 rank 3 = 580;
  p90 rank ⌈4.5⌉=5 = 3120.
- T002 / 02 / policy_service [300]: p50 = p90 = 300.

Serve (start → finish), s: A001 240, A002 480, A004 600, A005 120, A006 300,
B001 480.
- Branch [120, 240, 300, 480, 480, 600]: p50 rank 3 = 300; mean 2220/6 = 370.
- payment [120, 240, 300, 480, 600]: p50 = 300; mean 1740/5 = 348.
- policy_service: 480, mean 480.

SLA (wait ≤ target): payment 900 s: A001, A002, A006 within, A004 and A005
not: 3/5 = 60%. policy_service 1200 s: B001 within: 1/1. Branch 4/6 = 66.7%.

No-show rate = no-shows / (served + no-shows): branch 2/8 = 25%; 01 1/6;
02 1/2 = 50%.

Ratings: A001 1, A002 2, A004 未评价, A005 4 (late), A006 3, B001 2.
满意率 = (非常满意 + 满意) / rated: branch 3/5 = 60%; 01 2/4 = 50%; 02 1/1.
评价率 = rated / finished: branch 5/6 = 83.3%; 01 4/5 = 80%; 02 1/1.
Late ratings: 1 (A005, answered after A006 was called), at 01 and T001.

Idle = window open time - serving time: 01 open 09:00-09:40 (2400) +
10:00-10:30 (1800) = 4200, serving 1740: idle 2460 s. 02 open 09:00-09:50
= 3000, serving 480: idle 2520 s. Branch: 7200 - 2220 = 4980 s.

Overrides asked: 1 (T001 at 01, 09:30).

The opinion book and the incidents (workstation/services/stats_providers.py):
A005's 不满意 opened one follow-up complaint, about T001 at 01, still open:
opinions received 1 (branch, T001, 01; none for T002 or 02), complaints 1,
closed on time 0. No incident was started: incidents 0.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.ledger_support import in_both_languages
from tests.stats_support import DAY, scripted_day
from workstation.services.service_stats import (
    ServiceStatsError,
    ServiceStatsService,
    nearest_rank_of,
)
from workstation.services.stats_figures import (
    Dimension,
    ExtraFigure,
    Figures,
    nearest_rank,
)

pytestmark = pytest.mark.db


@pytest.fixture
def day(station, station2):
    scripted_day(station, station2)
    return station.stats.period(DAY, DAY)


def one(groups, key: str) -> Figures:
    (found,) = [g.figures for g in groups if g.key == key]
    return found


def test_the_branch_figures_of_the_scripted_day(day):
    f = day.overall.figures
    assert (f.served, f.no_shows) == (6, 2)
    assert (f.wait_p50, f.wait_p90) == (300, 3120)
    assert (f.serve_p50, f.serve_mean, f.serve_total) == (300, 370, 2220)
    assert f.sla_met == 4 and f.sla_rate == pytest.approx(4 / 6)
    assert f.no_show_rate == pytest.approx(0.25)
    assert (f.rated, f.satisfied, f.late_ratings) == (5, 3, 1)
    assert f.satisfaction == pytest.approx(0.6)
    assert f.rating_rate == pytest.approx(5 / 6)
    assert (f.open_seconds, f.idle_seconds) == (7200, 4980)
    assert f.overrides == 1
    assert [(x.key, x.value) for x in f.extra] == [
        ("opinions_received", 1),
        ("complaints", 1),
        ("complaints_on_time", 0),
        ("incidents", 0),
    ]


def test_per_teller_counter_and_service(day):
    assert [g.key for g in day.tellers] == ["T001", "T002"]
    assert [g.label for g in day.tellers] == ["T001 张敏", "T002 李娜"]
    assert [g.key for g in day.counters] == ["01", "02"]
    assert [g.key for g in day.services] == ["payment", "policy_service"]
    for figures in (
        one(day.tellers, "T001"),
        one(day.counters, "01"),
        one(day.services, "payment"),
    ):
        assert (figures.served, figures.no_shows) == (5, 1)
        assert (figures.wait_p50, figures.wait_p90) == (580, 3120)
        assert (figures.serve_p50, figures.serve_mean) == (300, 348)
        assert figures.sla_met == 3 and figures.sla_rate == pytest.approx(0.6)
        assert figures.no_show_rate == pytest.approx(1 / 6)
        assert (figures.rated, figures.satisfied, figures.late_ratings) == (4, 2, 1)
        assert figures.satisfaction == pytest.approx(0.5)
        assert figures.rating_rate == pytest.approx(0.8)
    for figures in (one(day.tellers, "T002"), one(day.counters, "02")):
        assert (figures.served, figures.no_shows, figures.wait_p90) == (1, 1, 300)
        assert figures.no_show_rate == pytest.approx(0.5)
        assert (figures.satisfaction, figures.rating_rate) == (1, 1)
    w01, w02 = one(day.counters, "01"), one(day.counters, "02")
    assert (w01.open_seconds, w01.idle_seconds) == (4200, 2460)
    assert (w02.open_seconds, w02.idle_seconds) == (3000, 2520)
    assert one(day.tellers, "T001").idle_seconds is None  # measured per window only
    assert (w01.overrides, w02.overrides, one(day.tellers, "T001").overrides) == (1, 0, 1)
    payment = next(g for g in day.services if g.key == "payment")
    assert payment.target_wait == 900 and payment.figures.overrides is None


def test_another_day_has_nothing(station, station2):
    scripted_day(station, station2)
    empty = station.stats.period(date(2026, 11, 26), date(2026, 11, 26))
    f = empty.overall.figures
    assert (f.served, f.wait_p50, f.satisfaction, f.sla_rate) == (0, None, None, None)
    assert (empty.tellers, empty.services) == ((), ())


def test_a_window_still_open_counts_until_now(station, station2):
    scripted_day(station, station2)
    station.queue.open_window(station.auth.sign_in("T001", "demo1234"), "01")  # 11:00
    station.clock.advance(minutes=10)
    w01 = one(station.stats.period(DAY, DAY).counters, "01")
    assert w01.open_seconds == 4200 + 600


def test_a_period_that_ends_before_it_starts_is_refused(station):
    with pytest.raises(ServiceStatsError) as caught:
        station.stats.period(DAY, date(2026, 11, 1))
    assert in_both_languages(caught.value.msg)


class Opinions:
    """A provider as the opinion book will be: its figures join the groups they name."""

    def figures(self, branch_code, first, last):
        named = ("opinions_received", "收到意见", "Opinions received")
        return [
            ExtraFigure(*named, Dimension.OVERALL, "", 3),
            ExtraFigure(*named, Dimension.TELLER, "T001", 2),
            ExtraFigure(*named, Dimension.TELLER, "M001", 1),  # served nobody today
        ]


def test_figure_providers_add_their_figures_to_the_groups_they_name(station, station2):
    scripted_day(station, station2)
    stats = ServiceStatsService(
        station.db, station.clock, "SH01", station.queue.pack, [Opinions()]
    ).period(DAY, DAY)
    assert stats.extra_keys == (("opinions_received", "收到意见", "Opinions received"),)
    assert [x.value for x in stats.overall.figures.extra] == [3]
    assert [x.value for x in one(stats.tellers, "T001").extra] == [2]
    assert one(stats.tellers, "T002").extra == ()
    assert [x.value for x in one(stats.tellers, "M001").extra] == [1]
    assert one(stats.tellers, "M001").served == 0
    assert [g.label for g in stats.tellers] == ["M001 陈刚", "T001 张敏", "T002 李娜"]


def test_nearest_rank():
    assert nearest_rank([], 50) is None
    assert nearest_rank([1.0, 2.0, 3.0, 4.0], 50) == 2.0
    assert nearest_rank([1.0, 2.0, 3.0, 4.0], 90) == 4.0
    assert nearest_rank([7.0], 90) == 7.0


def test_the_percentile_of_sorted_runs_is_that_of_their_merge():
    import random

    rng = random.Random(3)
    for _ in range(200):
        runs = [sorted(rng.randint(0, 50) for _ in range(rng.randint(0, 6))) for _ in range(4)]
        merged = sorted(v for run in runs for v in run)
        for p in (50, 90, 100):
            assert nearest_rank_of(runs, p) == nearest_rank(merged, p)


def test_the_opinion_book_and_incidents_count_in_the_period(station, station2):
    """On the scripted day: A005's follow-up (open, so not on time), plus a complaint
    recorded, answered and closed the same day (on time), a praise for T002, and one
    incident: received 3 (T001 2, T002 1), complaints 2, on time 1, incidents 1.
    The next day counts none of them (no complaint: no complaint figures)."""
    scripted_day(station, station2)
    supervisor = station.auth.sign_in("S001", "demo1234")
    book = station.opinions
    complaint = book.record(supervisor, "counter", "complaint", "等候太久", teller="T001")
    book.assign(supervisor, complaint.id, "S001")
    book.respond(supervisor, complaint.id, "已致歉并说明高峰时段")
    book.call_back(supervisor, complaint.id, "客户表示理解")
    book.close(supervisor, complaint.id)
    book.record(supervisor, "book", "praise", "服务热情", teller="T002")
    station.incidents.start(supervisor, "printer_fault")
    figures = [x for group in station.stats.today().groups() for x in group.figures.extra]
    extra = {(x.key, x.dimension, x.group): x.value for x in figures}
    assert extra[("opinions_received", Dimension.OVERALL, "")] == 3
    assert extra[("opinions_received", Dimension.TELLER, "T001")] == 2
    assert extra[("opinions_received", Dimension.TELLER, "T002")] == 1
    assert extra[("complaints", Dimension.OVERALL, "")] == 2
    assert extra[("complaints_on_time", Dimension.OVERALL, "")] == 1
    assert extra[("incidents", Dimension.OVERALL, "")] == 1
    later = station.stats.period(date(2026, 11, 28), date(2026, 11, 28)).overall.figures
    assert [(x.key, x.value) for x in later.extra] == [("opinions_received", 0), ("incidents", 0)]
