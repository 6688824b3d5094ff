"""Helpers for driving the app with Pilot the way a teller would: keys only."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TypeVar

from rich.text import Text
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import WorkerCancelled, WorkerFailed

from screens.app import DemoAccount, WorkstationApp
from screens.dialogs.remote_wait import RemoteWaitModal
from screens.follow import FOLLOW
from screens.text import Reflows
from screens.textual_compat import (
    character_to_key,
    has_queued_messages,
    notification_messages,
    send_to_app,
)
from screens.widgets.choice import ChoiceField
from screens.widgets.documents import DocumentsChecklist
from screens.widgets.findings import FindingsList
from screens.widgets.form_header import FormHeader
from screens.widgets.sample_panel import SamplePanel
from screens.widgets.status_bar import StatusBar
from workstation.services.demo import DEMO_STAFF

S = TypeVar("S", bound=Screen)
SIZE = (120, 36)


def make_app(station, *, lang: str = "zh", idle_minutes: float = 5, demo: bool = False):
    accounts = [DemoAccount(p.staff_id, p.name, p.role) for p in DEMO_STAFF] if demo else []
    return WorkstationApp(
        lambda: station,
        lang=lang,
        idle_minutes=idle_minutes,
        clock=station.clock,
        demo_accounts=accounts,
        idle_check_seconds=3600,  # tests call idle_tick() themselves after moving the clock
    )


TEXT_WIDGETS = (
    Static,
    FindingsList,
    DocumentsChecklist,
    ChoiceField,
    SamplePanel,
    StatusBar,
    FormHeader,
)


def _plain(rendered: object) -> str:
    return Text.from_markup(rendered).plain if isinstance(rendered, str) else str(rendered)


def screen_text(app: WorkstationApp) -> str:
    """The text of every visible text widget on the current screen, without markup."""
    return "\n".join(
        _plain(widget.render_text() if isinstance(widget, Reflows) else widget.render())
        for widget in app.screen.query("*")
        if isinstance(widget, TEXT_WIDGETS) and widget.display
    )


def assert_shows(app: WorkstationApp, *parts: str) -> None:
    """Every one of ``parts`` is on the screen (or fail, naming the missing and what shows)."""
    text = screen_text(app)
    missing = [part for part in parts if part not in text]
    assert not missing, f"missing {missing} from:\n{text}"


def notices(app: WorkstationApp) -> list[str]:
    return list(notification_messages(app))


async def settle(pilot: Pilot) -> None:
    """Wait for the workers running now, then for the screen to take their results.

    A worker the app cancelled meanwhile (a dialog's poll, closed with the dialog)
    is no failure; any other error still fails the test. A screen's follower
    (``screens/follow.py``) never ends: it is not waited for.
    """
    workers = [w for w in pilot.app.workers if w.group != FOLLOW]
    results = await asyncio.gather(*(w.wait() for w in workers), return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, WorkerCancelled):
            raise result
    await pilot.pause()


async def press_to(pilot: Pilot, key: str, screen: type[S]) -> S:
    """Press ``key`` and wait for the workers: ``screen`` is what shows (or fail, saying what
    does); it is returned."""
    await pilot.press(key)
    await settle(pilot)
    shown = pilot.app.screen
    assert isinstance(shown, screen), screen_text(pilot.app)
    return shown


async def ready(pilot: Pilot, timeout: float = 60) -> None:
    """Wait for the worker that opens the station (or fail, rather than hang: ``timeout`` is
    a hang guard, generous for a loaded machine, not a wait).

    The app starts it after its first refresh; its result reaches the app as a
    ``Worker.StateChanged`` message, taken by the pauses.
    """
    app = pilot.app
    for _ in range(3):
        if app.station is not None or not app.is_running:
            break
        opening = [w for w in app.workers if w.name == "open-station"]
        if opening:
            with contextlib.suppress(WorkerFailed):  # the app exits, and says why
                await asyncio.wait_for(opening[0].wait(), timeout)
        await pilot.pause()
    if app.station is None:
        raise AssertionError(f"the station did not open: {app.error_message}")
    await pilot.pause()


async def hear_back(pilot: Pilot, checks: int = 20) -> None:
    """The teller's remote-wait dialog checks for the supervisor's answer now, not on its timer,
    until it has heard it and closed (or fail, after ``checks`` checks).

    Each check is waited for by what it does, never by the clock: the dialog's ``poll`` taken
    from the app's queue (:func:`handled`), its status worker ended (:func:`settle`; the worker
    hands the answer to the dialog before it ends) and the dismissal taken. A check the timer
    started before the answer may still be under way and say "pending"; the next check hears
    it. The check runs in the app's loop: with two apps in one test, a call from the test
    would run its worker in the app entered last.
    """
    app = pilot.app
    for _ in range(checks):
        dialog = app.screen
        if not isinstance(dialog, RemoteWaitModal):
            await settle(pilot)  # what the screen below does with the answer
            await handled(pilot)
            return
        app.call_later(dialog.poll)  # in the app's own loop: its worker is the app's
        await handled(pilot)
        await settle(pilot)
        await handled(pilot)
    raise AssertionError(f"the dialog never heard the answer:\n{screen_text(app)}")


async def type_text(pilot: Pilot, text: str) -> None:
    """Type characters into the focused widget: real key events, one settle at the end.

    ``pilot.press`` waits for the app to go idle after every key; typing a
    whole value in one go keeps the Pilot tests quick.
    """
    app = pilot.app
    for char in text:
        key = char if char.isalnum() else character_to_key(char)
        event = events.Key(key, char)
        event.set_sender(app)
        send_to_app(app, event)
    await pilot.pause()


async def burst(pilot: Pilot, *parts: str) -> None:
    """Keys as a card reader or a very fast typist sends them: no pause between them.

    Each part is text to type, or a key name in angle brackets such as ``<enter>``.
    """
    app = pilot.app
    for part in parts:
        keys = [(part[1:-1], None)] if part.startswith("<") else [(c, c) for c in part]
        for key, char in keys:
            if char is not None and not char.isalnum():
                key = character_to_key(char)
            event = events.Key(key, char)
            event.set_sender(app)
            send_to_app(app, event)
    await settle(pilot)
    await handled(pilot)


async def handled(pilot: Pilot, rounds: int = 500) -> None:
    """Wait until the app, its screen and every widget on it have no message waiting, twice
    running: the keys sent and what each set off (a change, the screen's handler) are taken.

    ``pilot.pause()`` alone judges idleness by CPU time, which a loaded machine fools.
    """
    app, quiet = pilot.app, 0
    for _ in range(rounds):
        await pilot.pause()
        nodes = [app, app.screen, *app.screen.walk_children()]
        quiet = 0 if any(has_queued_messages(node) for node in nodes) else quiet + 1
        if quiet == 2:
            return


async def sign_in(pilot: Pilot, staff_id: str, password: str) -> None:
    """Type into the focused staff ID field, Enter, the password, Enter."""
    await type_text(pilot, staff_id)
    await pilot.press("enter")
    await type_text(pilot, password)
    await pilot.press("enter")
    await settle(pilot)
