"""The Textual application: wires the station (services) to the screens.

Start-up shows the sign-in screen at once and opens the database in a worker
thread; nothing slow stands between the command and the first screen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from screens.base import failure_message
from screens.signin import SignInScreen
from screens.textual_compat import translate_bindings
from workstation.domain.clock import Clock, SystemClock
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Catalog
from workstation.domain.staff import Role

if TYPE_CHECKING:  # at run time these would pull SQLAlchemy into start-up
    from workstation.services.auth import SignedIn
    from workstation.station import Station


@dataclass(frozen=True)
class DemoAccount:
    staff_id: str
    name: str
    role: Role


class StationUnavailable(WorkstationError):
    """The station could not be opened; the app exits with this message."""


class WorkstationApp(App[None]):
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding(
            "ctrl+p", "command_palette", "key.palette", show=False, priority=True, id="palette"
        ),
        Binding(
            "f12",
            "lock",
            "key.lock",
            key_display="F12",
            tooltip="key.tip.lock",
            priority=True,
            id="lock",
        ),
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
    ) -> None:
        self.t = Catalog.load(lang)
        super().__init__()
        translate_bindings(self, self.t)
        self.title = self.t("app.title")
        self.clock: Clock = clock or SystemClock()
        self.demo_accounts = tuple(demo_accounts)
        self.idle_minutes = idle_minutes
        self._opener = opener
        self._opened = threading.Event()
        self._idle_check_seconds = idle_check_seconds
        self._last_activity: datetime = self.clock.now()
        self.error_message: str | None = None

    # -- start-up ----------------------------------------------------------------

    def on_mount(self) -> None:
        self.push_screen(SignInScreen())
        self.call_after_refresh(self._open_station)
        self.set_interval(self._idle_check_seconds, self.idle_tick)

    def _open_station(self) -> None:
        self.run_worker(self._opener, thread=True, exit_on_error=False, name="open-station")

    def wait_station(self, timeout: float = 60) -> Station:
        """For worker threads: block until the station is open."""
        if not self._opened.wait(timeout) or self.station is None:
            raise StationUnavailable("db.unreachable", reason="timeout")
        return self.station

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.name == "open-station":
            if event.state is WorkerState.SUCCESS:
                self.station = worker.result
                self._opened.set()
            elif event.state is WorkerState.ERROR:
                self._fail_start(worker.error)
        elif event.state is WorkerState.ERROR:
            self.unexpected(worker.error)

    def unexpected(self, error: BaseException | None) -> None:
        """A worker failed: say so on screen in one line (and in the log) rather than lose it."""
        self.log.error(error)
        self.notify(self.t(failure_message(error)), severity="error", timeout=10)

    def _fail_start(self, error: BaseException | None) -> None:
        self.error_message = self.t(failure_message(error))
        self._opened.set()
        self.exit(return_code=2)

    def on_unmount(self) -> None:
        if self.station is not None:
            self.station.close()

    # -- sessions --------------------------------------------------------------------

    def begin_session(self, who: SignedIn) -> None:
        from screens.home import HomeScreen

        self.who = who
        self.touch()
        self.push_screen(HomeScreen())

    def switch_teller(self, who: SignedIn) -> None:
        """After a handover: the incoming teller's home, nothing of the outgoing one's above it."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.begin_session(who)

    def show_posted(self, screen: Screen) -> None:
        """After posting: close the business's screens, back to home, then show the result."""
        from screens.home import HomeScreen

        while not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        self.push_screen(screen)

    def end_session(self, notice: str | None = None) -> None:
        """Back to the sign-in screen, whatever was open above it."""
        self.who = None
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if notice:
            self.notify(notice, timeout=6)

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
        from screens.lock import LockScreen

        return any(isinstance(screen, LockScreen) for screen in self.screen_stack)

    def idle_tick(self) -> None:
        """Lock the screen once the signed-in person has been idle long enough."""
        if self.who is None or self.locked:
            return
        idle = (self.clock.now() - self._last_activity).total_seconds()
        if idle >= self.idle_minutes * 60:
            self.lock("idle")

    def lock(self, reason: str) -> None:
        from screens.lock import LockScreen

        who, station = self.who, self.station
        self.push_screen(LockScreen(reason))
        self.run_worker(lambda: station.auth.lock(who, reason), thread=True, exit_on_error=False)

    # -- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command_palette":
            return getattr(self.screen, "PALETTE", False)
        if action == "lock":
            return self.who is not None and not self.locked
        return True

    def action_lock(self) -> None:
        self.lock("manual")

    async def action_quit(self) -> None:
        who, station = self.who, self.station
        if who is not None and station is not None:
            await self.run_worker(
                lambda: station.auth.sign_out(who), thread=True, exit_on_error=False
            ).wait()
        self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        t = self.t
        if self.who is not None and not self.locked:
            yield SystemCommand(t("action.lock"), t("key.tip.lock"), self.action_lock)
            home = getattr(screen, "home_commands", None)
            if home is not None:
                yield from home()
        yield SystemCommand(t("key.quit"), t("key.quit"), self.action_quit)
