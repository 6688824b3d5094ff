"""Waiting on an app that follows the database (the calling display, the rating pad).

Its worker follows the database for ever, so a test waits on the app's ``updated``
event (set each time its screen takes a reading), bounded, never on the wall clock.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from textual.widgets import Static


def text(app, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def shown(pilot, check: Callable[[], bool], said: str, timeout: float = 10.0) -> None:
    """Wait until the app has taken a reading for which ``check()`` holds; on timeout, fail
    with what the widget ``said`` (a selector) shows."""
    app = pilot.app
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        app.updated.clear()
        await pilot.pause()
        if app.updates and check():
            return
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            raise AssertionError(f"{type(app).__name__} did not show it: {text(app, said)!r}")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(app.updated.wait(), remaining)
