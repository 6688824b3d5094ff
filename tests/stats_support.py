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


SCRIPT = """
09:00 issue payment
09:01 issue policy_service
09:02 issue payment
09:03 issue policy_service
09:04 issue payment
09:05 call 01
09:06 issue payment
09:06 start 01
09:06 call 02
09:07 start 02
09:08 issue payment
09:10 finish 01
09:10:30 rate 01 1
09:11:40 call 01
09:12 recall 01
09:12 start 01
09:15 finish 02
09:15:30 rate 02 2
09:16 call 02
09:17 recall 02
09:18 no_show 02
09:20 finish 01
09:20:30 rate 01 2
09:22 call 01
09:23 recall 01
09:24 no_show 01
09:25 call 01
09:25 start 01
09:30 override 01
09:35 finish 01
09:36 unrated 01
09:40 pause 01
09:50 close 02
10:00 resume 01
10:00 call 01
10:01 start 01
10:02 issue payment
10:03 finish 01
10:04 call 01
10:04:30 rate 01 4 waiting
10:05 start 01
10:10 finish 01
10:10:30 rate 01 3
10:30 close 01
11:00 read
"""
"""The day above, one step a line: time, what, the window (or service) and its values."""


def scripted_day(station, station2) -> None:
    """Play :data:`SCRIPT`: ``station`` is counter 01, ``station2`` counter 02."""
    to(station, "09:00")
    tellers = {"01": at_window(station, "T001"), "02": at_window(station2, "T002")}
    at = {"01": station, "02": station2}
    desk = lobby(station)

    def rate(counter: str, level: str, *reasons: str) -> None:
        ratings = at[counter].ratings
        ratings.answer(counter, ratings.pending(counter).id, int(level), reasons=reasons)

    def unrated(counter: str) -> None:
        ratings = at[counter].ratings
        ratings.expire(counter, ratings.pending(counter).id)

    def window(step: str):
        return lambda counter: getattr(at[counter].queue, step)(tellers[counter], counter)

    ask = Ask(Purpose.POSTING, "k1", "d1", 1)
    steps = {
        "issue": lambda service: station.queue.issue(desk, service, Priority.NONE),
        **{step: window(step) for step in ("recall", "start", "finish", "no_show")},
        "call": window("call_next"),
        "close": window("close_window"),
        "resume": window("resume_window"),
        "pause": lambda c: at[c].queue.pause_window(tellers[c], c, PauseReason.BREAK),
        "override": lambda c: at[c].overrides.request(tellers[c], ask, c),
        "rate": rate,
        "unrated": unrated,
        "read": lambda: None,
    }
    for line in SCRIPT.strip().splitlines():
        when, what, *values = line.split()
        to(station, when)
        steps[what](*values)
