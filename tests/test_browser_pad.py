"""The rating pad in a real browser: served by textual-serve, a rating given there is stored."""

from __future__ import annotations

import shlex
import sys

from tests.browser import wait_for
from tests.queue_support import at_window, lobby
from workstation.cli.demo import prepare_demo
from workstation.cli.displaycmd import demo_station_config
from workstation.domain.clock import SystemClock
from workstation.domain.queue import Priority
from workstation.domain.rating import RatingStatus
from workstation.station import open_station


def test_a_rating_given_on_the_served_pad_is_stored(browser_page, tmp_path):
    demo = tmp_path / "demo"
    prepare_demo(demo, "zh")
    command = [sys.executable, "-m", "workstation", "pad", "--counter", "01", "--demo", str(demo)]
    term = browser_page(shlex.join(command))
    wait_for(lambda: "01 号窗口" in term.received(), what="the pad's first frame")

    config, secrets = demo_station_config(demo, "zh")
    station = open_station(config, secrets, SystemClock(config.branch.zone))
    try:
        station.queue.issue(lobby(station), "payment", Priority.NONE)
        teller = at_window(station, "T001")
        station.queue.call_next(teller, "01")
        done = station.queue.finish(teller, "01")
        wait_for(lambda: "A001" in term.received(), what="the pad to ask about A001")
        term.screenshot("asking")  # tmp_path/asking.png: what the customer sees
        term.press("2")  # 满意
        term.press("Enter")  # no details
        stored = wait_for(
            lambda: (r := station.ratings.of_ticket(done.id)) and r.level is not None and r,
            what="the rating to be stored",
        )
    finally:
        station.close()
    assert (stored.status, stored.level, stored.counter, stored.teller) == (
        RatingStatus.ANSWERED, 2, "01", "T001",
    )  # fmt: skip
    wait_for(lambda: "谢谢您的评价" in term.received(), what="the thanks on the page")
