"""The calling display in a real browser: served by textual-serve, a call shows on the page."""

from __future__ import annotations

import shlex
import shutil
import sys

from tests.browser import wait_for
from tests.queue_support import at_window, lobby
from workstation.cli.demo import prepare_demo
from workstation.cli.displaycmd import demo_station_config
from workstation.domain.clock import SystemClock
from workstation.domain.queue import Priority
from workstation.station import open_station

SHOT = "/tmp/display-browser.png"
"""The page after the call, kept for people to look at (CI keeps it as an artifact)."""


def test_a_call_made_at_a_counter_appears_on_the_served_display(browser_page, tmp_path):
    demo = tmp_path / "demo"
    prepare_demo(demo, "zh")
    command = [sys.executable, "-m", "workstation", "display", "--demo", str(demo), "--no-voice"]
    term = browser_page(shlex.join(command))
    wait_for(lambda: "请留意叫号" in term.received(), what="the display's first frame")
    before = term.screenshot("before")

    config, secrets = demo_station_config(demo, "zh")
    station = open_station(config, secrets, SystemClock(config.branch.zone))
    try:
        station.queue.issue(lobby(station), "payment", Priority.NONE)
        called = station.queue.call_next(at_window(station, "T001"), "01")
    finally:
        station.close()
    assert called.label == "A001"

    wait_for(
        lambda: "请 A001 号到 01 号窗口" in term.received(),
        what="the page to be sent the call",
    )
    after = wait_for(
        lambda: (shot := term.screenshot("after")).read_bytes() != before.read_bytes() and shot,
        what="the page to show the call",
    )
    assert "Ticket A001, window 01" in term.received()
    shutil.copyfile(after, SHOT)
