"""The calling display (叫号屏): the latest call large, the last calls, the zones, the notices.

``workstation display`` runs it on the TV's computer (or, through
``workstation serve display``, in the TV's browser). Nobody signs in: it opens
the station from the configuration and only reads the queue. A thread worker
follows the shared database with a :class:`~workstation.db.watch.Watcher`; on
each wake it reads the calls made since the last one it saw
(``queue.calls_since``) and the board (``queue.board()``). Every new call,
recalls included, goes to the announcer, which says them one at a time in the
order they were made; the board goes to the screen. Calls made before the
display started are shown, not spoken.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from screens.base import failure_message
from screens.display_view import display_view
from screens.widgets.big_text import BigText
from workstation.domain.i18n import Catalog
from workstation.logs.events import log_error

if TYPE_CHECKING:
    from forms.branch_pack import ServiceSpec
    from workstation.db.watch import Watcher
    from workstation.services.queue_views import CallView, QueueBoard
    from workstation.services.voice import Announcer
    from workstation.station import Station

log = logging.getLogger(__name__)
RETRY_S = 3.0
"""After a failed read (the server restarting), the display tries again this much later."""
Bell = Callable[[], None]


class DisplayApp(App[None]):
    CSS_PATH = Path(__file__).with_name("display.tcss")  # absolute: subclasses live elsewhere
    BINDINGS = [Binding("ctrl+q", "quit", "display.key_quit", priority=True)]

    def __init__(
        self,
        opener: Callable[[], Station],
        announcer: Callable[[Bell], Announcer],
        *,
        lang: str = "zh",
        interval: float | None = None,
    ) -> None:
        """``announcer(bell)`` builds the voice; ``bell`` rings this app's bell from any thread.

        ``interval`` is the watcher's SQLite poll (None: the watcher's default).
        """
        self.t = Catalog.load(lang)
        super().__init__()
        self.title = self.t("display.heading")
        self._opener = opener
        self.announcer = announcer(self._bell)
        self.interval = interval
        self.station: Station | None = None
        self.error_message: str | None = None
        self.latest: CallView | None = None
        """The latest call shown (None before the first)."""
        self.announced: list[CallView] = []
        """Every call handed to the announcer, in order."""
        self.updates = 0
        """How many times the screen has taken a new board (tests wait on it)."""
        self.updated = asyncio.Event()
        self._stop = threading.Event()
        self._watcher: Watcher | None = None
        self._watcher_lock = threading.Lock()

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("display.heading"), id="title")
        with Vertical(id="latest"):
            yield BigText("", id="latest-big")
            yield Static(t("display.waiting_first"), id="latest-call")
        with Horizontal(id="panels"):
            with Vertical(id="calls-panel", classes="panel"):
                yield Static(t("display.last_calls"), classes="panel-title")
                yield Static(t("display.no_calls"), id="last-calls")
            with Vertical(id="zones-panel", classes="panel"):
                yield Static(t("display.zones"), classes="panel-title")
                yield Static("", id="zones")
                yield Static(t("display.paused"), classes="panel-title")
                yield Static(t("display.none_paused"), id="paused")
                yield Static(t("display.quota"), classes="panel-title")
                yield Static(t("display.none_full"), id="quota")
        voice = "display.voice_on" if self.announcer.enabled else "display.voice_off"
        yield Static(t(voice), id="voice")

    def on_mount(self) -> None:
        self.run_worker(self._follow, thread=True, exit_on_error=False, name="follow")

    # -- the worker ----------------------------------------------------------------

    def _follow(self) -> None:
        """Worker thread: open the station, then re-read on every change until stopped."""
        station = self._opener()
        self.station = station
        self._from_thread(self._titled, station.branch.name(self.t.lang))
        try:
            services = {spec.key: spec for spec in station.queue.services()}
            last = -1
            while not self._stop.is_set():
                try:
                    last = self._watch(station, services, last)
                except Exception as error:  # the database went away: say so, try again
                    log_error(log, error, "display")
                    self._from_thread(self._show_failure, error)
                    self._stop.wait(RETRY_S)
        finally:
            station.close()

    def _watch(self, station: Station, services: Mapping[str, ServiceSpec], last: int) -> int:
        from workstation.db.watch import CHANNEL, POLL_S, QUEUE, Watcher

        # QUEUE is the queue's channel; the queue service notifies CHANNEL today: both
        channels = [CHANNEL, QUEUE]
        watcher = Watcher(station.db, channels=channels, interval=self.interval or POLL_S)
        with self._watcher_lock:
            self._watcher = watcher
        if self._stop.is_set():
            watcher.close()
        try:
            board = station.queue.board()
            if last < 0:  # at start: what was called before is shown, not said
                last = board.latest_event_id
            else:  # after a failure: what was called meanwhile is said now
                last = self._announce(station.queue.calls_since(last), last)
                board = station.queue.board()
            self._from_thread(self._show, board, services)
            for _ in watcher.changes():
                last = self._announce(station.queue.calls_since(last), last)
                self._from_thread(self._show, station.queue.board(), services)
        finally:
            watcher.close()
        return last

    def _announce(self, calls: tuple[CallView, ...], last: int) -> int:
        """Hand each new call to the announcer, oldest first; the last event id seen."""
        for call in calls:
            if call.event_id <= last:
                continue
            try:
                self.announcer.call(call.ticket_label, call.counter)
            except ValueError as error:  # a label the voice cannot read: shown, not said
                log.warning("not announced: %s", error)
            self.announced.append(call)
            last = call.event_id
        return last

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        if self._stop.is_set():
            return
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:  # the app has stopped meanwhile
            self._stop.set()

    def _bell(self) -> None:
        """The announcer's chime where no player exists: the terminal's (the browser's) bell."""
        self._from_thread(self.bell)

    # -- on the UI thread ----------------------------------------------------------

    def _show(self, board: QueueBoard, services: Mapping[str, ServiceSpec]) -> None:
        assert self.station is not None  # the board was read through it
        view = display_view(board, services, self.t, self.station.clock.zone)
        self.latest = board.last_calls[0] if board.last_calls else None
        self.query_one("#latest-big", BigText).text = view.latest
        self.query_one("#latest-call", Static).update(view.latest_line)
        self.query_one("#last-calls", Static).update(view.last_calls)
        self.query_one("#zones", Static).update(view.zones)
        self.query_one("#paused", Static).update(view.paused)
        self.query_one("#quota", Static).update(view.quota)
        self.updates += 1
        self.updated.set()

    def _titled(self, branch: str) -> None:
        self.title = self.t("display.title", branch=branch)
        self.query_one("#title", Static).update(self.title)

    def _show_failure(self, error: BaseException) -> None:
        self.query_one("#voice", Static).update(self.t(failure_message(error)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == "follow" and event.state is WorkerState.ERROR:
            error = event.worker.error
            log_error(log, error or RuntimeError("the display stopped"), "display")
            self.error_message = self.t(failure_message(error))
            self.exit(return_code=2)

    def on_unmount(self) -> None:
        self._stop.set()
        with self._watcher_lock:
            watcher = self._watcher
        if watcher is not None:
            watcher.close()
        self.announcer.close()
