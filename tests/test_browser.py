"""The browser harness: a served Textual app takes a real click in Chromium."""

from __future__ import annotations

import json
import shlex
import sys

from tests.browser import wait_for


def _state(marker):
    try:
        return json.loads(marker.read_text())
    except (OSError, ValueError):
        return None


def test_a_click_on_the_canvas_presses_the_textual_button(browser_page, tmp_path):
    marker = tmp_path / "state.json"
    term = browser_page(shlex.join([sys.executable, "-m", "tests.browser_app", str(marker)]))
    state = wait_for(lambda: _state(marker), what="the app to lay itself out")
    before = term.screenshot("before")
    x, y, width, height = state["button"]
    cols, rows = state["size"]
    term.click_cell(x + width // 2, y + height // 2, cols, rows)
    pressed = wait_for(
        lambda: (s := _state(marker)) and s["count"] == 1 and s, what="the button to be pressed"
    )
    assert pressed["count"] == 1
    wait_for(lambda: "count 1" in term.received(), what="the page to be sent the new count")
    after = wait_for(
        lambda: (shot := term.screenshot("after")).read_bytes() != before.read_bytes() and shot,
        what="the page to show the new count",
    )
    assert after.stat().st_size > 0 and before.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
