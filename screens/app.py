"""The Textual application: wires the station (services) to the screens.

Start-up shows the sign-in screen at once and opens the database in a worker
thread; nothing slow stands between the command and the first screen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from screens.actions import ACTION, BY_NAME, EVERYWHERE, allowed, bindings
from screens.base import WorkstationScreen, failure_message
from screens.dialogs.help import HelpDialog, key_lines, palette_title
from screens.signin import SignInScreen
from screens.textual_compat import translate_bindings
from workstation.domain.clock import Clock, SystemClock
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Catalog
from workstation.domain.staff import Role
from workstation.logs.events import log_error

if TYPE_CHECKING:  # at run time these would pull SQLAlchemy into start-up
    from screens.navigation import Navigator
    from workstation.services.auth import SignedIn
    from workstation.station import Station


@dataclass(frozen=True)
class DemoAccount:
    staff_id: str
    name: str
    role: Role


log = logging.getLogger(__name__)


class StationUnavailable(WorkstationError):
    """The station could not be opened; the app exits with this message."""


class NobodySignedIn(WorkstationError):
    """A screen behind sign-in asked who is signed in when nobody is."""


class WorkstationApp(App[None]):
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding(
            "ctrl+p", "command_palette", "key.palette", show=False, priority=True, id="palette"
        ),
        *bindings(EVERYWHERE),
        Binding("ctrl+q", "quit", "key.quit", show=False, priority=True, id="quit"),
    ]

    station: reactive[Station | None] = reactive(None, init=False)
    """The opened station (database, services), once the start-up worker is done."""
    who: reactive[SignedIn | None] = reactive(None, init=False)
    """The person signed in at this counter, or None at the sign-in screen."""

    def __init__(
        self,
        opener: Callable[[], Station],
        *,
        lang: str = "zh",
        idle_minutes: float = 5.0,
        clock: Clock | None = None,
        demo_accounts: Sequence[DemoAccount] = (),
        idle_check_seconds: float = 1.0,
        demo_dir: Path | None = None,
        slow_ms: float = 500,
    ) -> None:
        self.t = Catalog.load(lang)
        super().__init__()
        translate_bindings(self, self.t)
        self.title = self.t("app.title")
        self.clock: Clock = clock or SystemClock()
        self.demo_accounts = tuple(demo_accounts)
        self.demo_dir = demo_dir
        """The demo's folder, where another counter joins (``workstation demo --join``)."""
        self.idle_minutes = idle_minutes
        self._opener = opener
        self._opened = threading.Event()
        self._idle_check_seconds = idle_check_seconds
        self._last_activity: datetime = self.clock.now()
        self.error_message: str | None = None
        self._nav: Navigator | None = None
        self.slow_ms = slow_ms
        """A service call taking longer than this is logged as slow (``[logging] slow_ms``)."""

    # -- start-up ----------------------------------------------------------------

    def on_mount(self) -> None:
        self.push_screen(SignInScreen())
        self.call_after_refresh(self._open_station)
        self.set_interval(self._idle_check_seconds, self.idle_tick)

    def _open_station(self) -> None:
        self.run_worker(self._start, thread=True, exit_on_error=False, name="open-station")

    def _start(self) -> tuple[Station, Navigator]:
        """Worker thread: open the station, then load every screen behind sign-in.

        The one lazy import of screens: :mod:`screens.navigation` imports every
        screen and, through them, forms, the services and printing (about 0.6 s
        cold; about 0.2 s once the station is open, measured). Imported here, it
        is ready before anyone can sign in and stays off the way to the first frame.
        """
        station = self._opener()
        from screens.navigation import Navigator

        return station, Navigator(self)

    @property
    def nav(self) -> Navigator:
        """Moves between screens (screens/navigation.py); there once the station is open."""
        if self._nav is None:
            raise StationUnavailable("db.unreachable", reason="not open yet")
        return self._nav

    def require_station(self) -> Station:
        """The open station, for the screens behind sign-in (it opened before anyone could)."""
        if self.station is None:
            raise StationUnavailable("db.unreachable", reason="not open yet")
        return self.station

    def require_who(self) -> SignedIn:
        """The person signed in, for the screens behind sign-in."""
        if self.who is None:
            raise NobodySignedIn("home.signed_out")
        return self.who

    def wait_station(self, timeout: float = 60) -> Station:
        """For worker threads: block until the station is open."""
        if not self._opened.wait(timeout) or self.station is None:
            raise StationUnavailable("db.unreachable", reason="timeout")
        return self.station

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.name == "open-station":
            if event.state is WorkerState.SUCCESS:
                station, self._nav = cast("tuple[Station, Navigator]", worker.result)
                self.station = station
                self._opened.set()
            elif event.state is WorkerState.ERROR:
                self._fail_start(worker.error)
        elif event.state is WorkerState.ERROR:
            self.unexpected(worker.error)

    def unexpected(self, error: BaseException | None) -> None:
        """A worker failed: say so on screen in one line (and in the log) rather than lose it."""
        self.log.error(error)
        log_error(log, error or RuntimeError("a worker failed without an error"), "worker")
        self.notify(self.t(failure_message(error)), severity="error", timeout=10)

    def _fail_start(self, error: BaseException | None) -> None:
        log_error(log, error or RuntimeError("the station did not open"), "open-station")
        self.error_message = self.t(failure_message(error))
        self._opened.set()
        self.exit(return_code=2)

    def on_unmount(self) -> None:
        if self.station is not None:
            self.station.close()

    # -- idle lock -------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self._last_activity = self.clock.now()
        await super().on_event(event)

    def touch(self) -> None:
        """Count now as activity (e.g. right after unlocking)."""
        self._last_activity = self.clock.now()

    @property
    def locked(self) -> bool:
        return self._nav is not None and self._nav.locked

    def idle_tick(self) -> None:
        """Lock the screen once the signed-in person has been idle long enough."""
        if self.who is None or self.locked:
            return
        idle = (self.clock.now() - self._last_activity).total_seconds()
        if idle >= self.idle_minutes * 60:
            self.nav.lock("idle")

    # -- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command_palette":
            return isinstance(self.screen, WorkstationScreen) and self.screen.PALETTE
        if action == ACTION:  # a home action bound on the app: F12 locks over any screen
            who = self.who
            return (
                who is not None and not self.locked and allowed(str(parameters[0]), who.staff.role)
            )
        return True

    def action_home_action(self, name: str) -> None:
        BY_NAME[name].opener(self.nav)

    async def action_quit(self) -> None:
        who, station = self.who, self.station
        if who is not None and station is not None:
            await self.run_worker(
                lambda: station.auth.sign_out(who), thread=True, exit_on_error=False
            ).wait()
        self.exit()

    def show_help(self, screen: Screen) -> None:
        """F1 or ``?`` on ``screen`` (screens/base.py ``Helped``): its purpose and keys."""
        self.push_screen(HelpDialog(screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: every key of the screen and the app (as the help dialog lists them,
        screens/dialogs/help.py), ``办理业务 Business · F2``, its tooltip as help."""
        for line in key_lines(screen):
            if line.enabled:
                run = partial(self.run_action, line.action, line.node)
                yield SystemCommand(palette_title(self.t, line), line.tip, run)
