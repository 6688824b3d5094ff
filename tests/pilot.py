"""Helpers for driving the app with Pilot the way a teller would: keys only."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import events
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled

from screens.app import DemoAccount, WorkstationApp
from screens.textual_compat import character_to_key, notification_messages, send_to_app
from screens.widgets.choice import ChoiceField
from screens.widgets.documents import DocumentsChecklist
from screens.widgets.findings import FindingsList
from screens.widgets.form_header import FormHeader
from screens.widgets.sample_panel import SamplePanel
from screens.widgets.status_bar import StatusBar
from workstation.services.demo import DEMO_STAFF

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
        _plain(widget.render())
        for widget in app.screen.query("*")
        if isinstance(widget, TEXT_WIDGETS) and widget.display
    )


def notices(app: WorkstationApp) -> list[str]:
    return list(notification_messages(app))


async def settle(pilot: Pilot) -> None:
    """Wait for the workers running now, then for the screen to take their results.

    A worker the app cancelled meanwhile (a dialog's poll, closed with the dialog)
    is no failure; any other error still fails the test.
    """
    workers = list(pilot.app.workers)
    results = await asyncio.gather(*(w.wait() for w in workers), return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, WorkerCancelled):
            raise result
    await pilot.pause()


async def ready(pilot: Pilot, timeout: float = 10) -> None:
    """Wait until the app has opened its station (or fail, rather than hang)."""
    for _ in range(int(timeout / 0.01)):
        if pilot.app.station is not None:
            await pilot.pause()
            return
        if not pilot.app.is_running:
            break
        await pilot.pause(0.01)
    raise AssertionError(f"the station did not open: {pilot.app.error_message}")


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


async def sign_in(pilot: Pilot, staff_id: str, password: str) -> None:
    """Type into the focused staff ID field, Enter, the password, Enter."""
    await type_text(pilot, staff_id)
    await pilot.press("enter")
    await type_text(pilot, password)
    await pilot.press("enter")
    await settle(pilot)
