"""Snapshots of the screens a teller lives in, at the normal size and the small one.

Each screen is reached by keys, as a teller would, on the seeded demo branch with
the manual clock (the status bar's time is fixed). The SVGs live in
``tests/__snapshots__/test_snapshots/``; after a deliberate change of a screen, look at
the report pytest writes, then accept with ``pytest tests/test_snapshots.py
--snapshot-update`` and look at the new SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from screens.form import FormScreen
from screens.handover import HandoverScreen
from screens.home import HomeScreen
from screens.lobby import LobbyScreen
from screens.lock import LockScreen
from screens.picker import PickerScreen
from screens.posted import PostedScreen
from screens.review import ReviewScreen
from screens.signin import SignInScreen
from screens.till import TillScreen
from tests.flows import PASSWORD, fill_surrender, open_business, post_contact_change
from tests.ledger_support import on_shift
from tests.pilot import burst, make_app, ready, settle, sign_in
from workstation.domain.queue import Priority
from workstation.station import Station

SIZES = {"120x36": (120, 36), "100x30": (100, 30)}
SMALL = ("80x24", (80, 24))
"""The smallest terminal a counter has: the screens a teller lives in, at this size too."""
Flow = Callable[[Pilot], Awaitable[None]]


def _as(staff_id: str, key: str | None = None) -> Flow:
    """``staff_id`` signs in, then presses ``key`` (if any) and waits for what it started."""

    async def flow(pilot: Pilot) -> None:
        await sign_in(pilot, staff_id, PASSWORD)
        if key is not None:
            await pilot.press(key)
            await settle(pilot)

    return flow


async def _form(pilot: Pilot) -> None:
    """退保 with the policy looked up; below 120 columns F6 unfolds the sample."""
    await sign_in(pilot, "T001", PASSWORD)
    await open_business(pilot, "tb", "P2024000001")
    if pilot.app.size.width < 120:
        await pilot.press("f6")
        await settle(pilot)


async def _handover(pilot: Pilot) -> None:
    """The till (F6), then the handover (F4): at 80×24 its columns fold and it scrolls."""
    await sign_in(pilot, "T001", PASSWORD)
    await pilot.press("f6")
    await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)


async def _review(pilot: Pilot) -> None:
    await sign_in(pilot, "T001", PASSWORD)
    await fill_surrender(pilot)


async def _posted(pilot: Pilot) -> None:
    await sign_in(pilot, "T001", PASSWORD)
    await post_contact_change(pilot)


async def _lobby(pilot: Pilot) -> None:
    """Two waiting, one of them elderly; L001 has typed ``tb``: 退保 under 保全, its documents."""
    await sign_in(pilot, "L001", PASSWORD)
    await burst(pilot, "tb")
    await settle(pilot)


def _queue_of_two(station: Station) -> None:
    lobby = station.auth.sign_in("L001", PASSWORD)
    station.queue.issue(lobby, "policy_service", Priority.ELDERLY, business="3101")
    station.queue.issue(lobby, "payment", Priority.NONE)


async def _signin(_pilot: Pilot) -> None:
    """The first screen, once the station is open."""


SCREENS: dict[str, tuple[Flow, type]] = {
    "signin": (_signin, SignInScreen),
    "home_teller": (_as("T001"), HomeScreen),
    "home_supervisor": (_as("S001"), HomeScreen),
    "picker": (_as("T001", "f2"), PickerScreen),
    "form_with_sample": (_form, FormScreen),
    "review_with_findings": (_review, ReviewScreen),
    "posted": (_posted, PostedScreen),
    "till": (_as("T001", "f6"), TillScreen),
    "lock": (_as("T001", "f12"), LockScreen),
    "lobby": (_lobby, LobbyScreen),
}
SMALL_SCREENS = {
    "home_teller": SCREENS["home_teller"],
    "form_with_sample": SCREENS["form_with_sample"],
    "review_with_findings": SCREENS["review_with_findings"],
    "till": SCREENS["till"],
    "handover": (_handover, HandoverScreen),
}
ON_SHIFT = {"review_with_findings", "posted", "till", "handover"}
"""The flows whose teller has opened a shift first (posting needs one; the till shows it)."""


def _run_before(flow: Flow, screen: type) -> Flow:
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await ready(pilot)
        await flow(pilot)
        assert isinstance(pilot.app.screen, screen), pilot.app.screen
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make two runs differ
        await pilot.pause()

    return run_before


CASES = [(name, size) for name in SCREENS for size in SIZES]
CASES += [(name, SMALL[0]) for name in SMALL_SCREENS]


@pytest.mark.parametrize(("name", "size"), CASES)
def test_screen(name: str, size: str, station: Station, snap_compare) -> None:
    if name in ON_SHIFT:
        on_shift(station, "T001")
    if name == "lobby":
        _queue_of_two(station)
    flow, screen = SMALL_SCREENS.get(name) or SCREENS[name]
    app = make_app(station)
    terminal = dict([*SIZES.items(), SMALL])[size]
    assert snap_compare(app, terminal_size=terminal, run_before=_run_before(flow, screen))
