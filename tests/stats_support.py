"""A scripted day at the branch for the service statistics, built through the real services.

Two windows on Friday 2026-11-27 (Shanghai): 01 (张敏 T001, payments, target
wait 15 min = 900 s) and 02 (李娜 T002, policy services, target 20 min = 1200 s).
Every step happens at the time in the first column (the shared ManualClock):

    09:00  01 and 02 open; issue A001          09:01  issue B001
    09:02  issue A002                          09:03  issue B002
    09:04  issue A003                          09:05  01 calls A001 (wait 300)
    09:06  issue A004; 01 starts A001; 02 calls B001 (wait 300)
    09:07  02 starts B001                      09:08  issue A005
    09:10  01 finishes A001 (serve 240)        09:10:30 A001 rated 1 非常满意
    09:11:40 01 calls A002 (wait 580)          09:12  01 recalls A002, starts it
    09:15  02 finishes B001 (serve 480)        09:15:30 B001 rated 2 满意
    09:16  02 calls B002 (wait 780)            09:17  02 recalls B002
    09:18  02 marks B002 a no-show
    09:20  01 finishes A002 (serve 480)        09:20:30 A002 rated 2 满意
    09:22  01 calls A003 (wait 1080)           09:23  recall; 09:24 no-show
    09:25  01 calls A004 (wait 1140), starts it
    09:30  T001 asks a supervisor's approval (one override request)
    09:35  01 finishes A004 (serve 600)        09:36  A004's pad times out: 未评价
    09:40  01 pauses (break)                   09:50  02 closes
    10:00  01 resumes, calls A005 (wait 3120)  10:01  starts A005
    10:02  issue A006                          10:03  01 finishes A005 (serve 120)
    10:04  01 calls A006 (wait 120)            10:04:30 A005 rated 4 不满意 (late)
    10:05  01 starts A006                      10:10  finishes A006 (serve 300)
    10:10:30 A006 rated 3 基本满意             10:30  01 closes
    11:00  the statistics are read
"""

from __future__ import annotations

from datetime import date, datetime

from tests.queue_support import at_window, lobby
from workstation.domain.queue import PauseReason, Priority
from workstation.domain.statuses import Purpose
from workstation.services.approvals import Ask

DAY = date(2026, 11, 27)


def to(station, hhmmss: str) -> None:
    """Move the shared clock forward to ``hh:mm[:ss]`` of the scripted day."""
    parts = [int(p) for p in hhmmss.split(":")] + [0]
    now = station.clock.now()
    target = datetime(DAY.year, DAY.month, DAY.day, parts[0], parts[1], parts[2], tzinfo=now.tzinfo)
    assert target >= now, f"the script goes back in time to {hhmmss}"
    station.clock.advance(seconds=(target - now).total_seconds())


def scripted_day(station, station2) -> None:
    """Play the day above: ``station`` is counter 01, ``station2`` counter 02."""
    q1, q2, r1, r2 = station.queue, station2.queue, station.ratings, station2.ratings
    to(station, "09:00")
    t1, t2, desk = at_window(station, "T001"), at_window(station2, "T002"), lobby(station)

    def issue(service: str) -> None:
        q1.issue(desk, service, Priority.NONE)

    def rate(ratings, counter: str, level: int | None, **more) -> None:
        asked = ratings.pending(counter)
        if level is None:
            ratings.expire(counter, asked.id)
        else:
            ratings.answer(counter, asked.id, level, **more)

    steps = [
        ("09:00", lambda: issue("payment")),
        ("09:01", lambda: issue("policy_service")),
        ("09:02", lambda: issue("payment")),
        ("09:03", lambda: issue("policy_service")),
        ("09:04", lambda: issue("payment")),
        ("09:05", lambda: q1.call_next(t1, "01")),
        ("09:06", lambda: issue("payment")),
        ("09:06", lambda: q1.start(t1, "01")),
        ("09:06", lambda: q2.call_next(t2, "02")),
        ("09:07", lambda: q2.start(t2, "02")),
        ("09:08", lambda: issue("payment")),
        ("09:10", lambda: q1.finish(t1, "01")),
        ("09:10:30", lambda: rate(r1, "01", 1)),
        ("09:11:40", lambda: q1.call_next(t1, "01")),
        ("09:12", lambda: q1.recall(t1, "01")),
        ("09:12", lambda: q1.start(t1, "01")),
        ("09:15", lambda: q2.finish(t2, "02")),
        ("09:15:30", lambda: rate(r2, "02", 2)),
        ("09:16", lambda: q2.call_next(t2, "02")),
        ("09:17", lambda: q2.recall(t2, "02")),
        ("09:18", lambda: q2.no_show(t2, "02")),
        ("09:20", lambda: q1.finish(t1, "01")),
        ("09:20:30", lambda: rate(r1, "01", 2)),
        ("09:22", lambda: q1.call_next(t1, "01")),
        ("09:23", lambda: q1.recall(t1, "01")),
        ("09:24", lambda: q1.no_show(t1, "01")),
        ("09:25", lambda: q1.call_next(t1, "01")),
        ("09:25", lambda: q1.start(t1, "01")),
        ("09:30", lambda: station.overrides.request(t1, Ask(Purpose.POSTING, "k1", "d1", 1), "01")),
        ("09:35", lambda: q1.finish(t1, "01")),
        ("09:36", lambda: rate(r1, "01", None)),
        ("09:40", lambda: q1.pause_window(t1, "01", PauseReason.BREAK)),
        ("09:50", lambda: q2.close_window(t2, "02")),
        ("10:00", lambda: q1.resume_window(t1, "01")),
        ("10:00", lambda: q1.call_next(t1, "01")),
        ("10:01", lambda: q1.start(t1, "01")),
        ("10:02", lambda: issue("payment")),
        ("10:03", lambda: q1.finish(t1, "01")),
        ("10:04", lambda: q1.call_next(t1, "01")),
        ("10:04:30", lambda: rate(r1, "01", 4, reasons=["waiting"])),
        ("10:05", lambda: q1.start(t1, "01")),
        ("10:10", lambda: q1.finish(t1, "01")),
        ("10:10:30", lambda: rate(r1, "01", 3)),
        ("10:30", lambda: q1.close_window(t1, "01")),
        ("11:00", lambda: None),
    ]
    for when, step in steps:
        to(station, when)
        step()
