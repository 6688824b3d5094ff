"""An app that follows the shared database on its own: the calling display, the rating pad.

Nobody signs in. A thread worker opens the station (``opener``), then calls
:meth:`FollowingApp._watch` until the app stops; a failed read (the server
restarting) is said in one line and tried again :data:`RETRY_S` later. A
subclass's ``_watch`` takes a watcher from :meth:`FollowingApp._watcher_for`
(closed when the app unmounts, which ends its loop), reads, and hands what it
read to the UI thread through :meth:`FollowingApp._from_thread`.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App
from textual.worker import Worker, WorkerState

from screens.base import failure_message
from workstation.domain.i18n import Catalog
from workstation.logs.events import log_error

if TYPE_CHECKING:
    from workstation.db.watch import Watcher
    from workstation.station import Station

log = logging.getLogger(__name__)
RETRY_S = 3.0
"""After a failed read (the server restarting), the app tries again this much later."""


class FollowingApp(App[None]):
    NAME = "app"
    """What the log calls this app."""

    def __init__(
        self, opener: Callable[[], Station], *, lang: str = "zh", interval: float | None = None
    ) -> None:
        """``interval`` is the watcher's SQLite poll (None: the watcher's default)."""
        self.t = Catalog.load(lang)
        super().__init__()
        self._opener = opener
        self.interval = interval
        self.station: Station | None = None
        self.error_message: str | None = None
        self.updates = 0
        """How many times the screen has taken a new reading (tests wait on it)."""
        self.updated = asyncio.Event()
        self._stop = threading.Event()
        self._watcher: Watcher | None = None
        self._watcher_lock = threading.Lock()

    def on_mount(self) -> None:
        self.run_worker(self._follow, thread=True, exit_on_error=False, name="follow")

    def _follow(self) -> None:
        """Worker thread: open the station, then re-read on every change until stopped."""
        station = self._opener()
        self.station = station
        try:
            self._started(station)
            while not self._stop.is_set():
                try:
                    self._watch(station)
                except Exception as error:  # the database went away: say so, try again
                    log_error(log, error, self.NAME)
                    self._from_thread(self._show_failure, error)
                    self._stop.wait(RETRY_S)
        finally:
            station.close()

    def _started(self, station: Station) -> None:
        """Worker thread, once the station is open (a refusal here stops the app)."""

    def _watch(self, station: Station) -> None:
        raise NotImplementedError

    def _watcher_for(self, station: Station) -> Watcher:
        """A watcher on the queue's channels, closed when the app unmounts."""
        from workstation.db.watch import CHANNEL, POLL_S, QUEUE, Watcher

        # QUEUE is the queue's channel; other services notify CHANNEL: both
        watcher = Watcher(station.db, channels=[CHANNEL, QUEUE], interval=self.interval or POLL_S)
        with self._watcher_lock:
            self._watcher = watcher
        if self._stop.is_set():
            watcher.close()
        return watcher

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        if self._stop.is_set():
            return
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:  # the app has stopped meanwhile
            self._stop.set()

    def _shown(self) -> None:
        """UI thread: a reading was taken (tests wait on it)."""
        self.updates += 1
        self.updated.set()

    def _show_failure(self, error: BaseException) -> None:
        raise NotImplementedError

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == "follow" and event.state is WorkerState.ERROR:
            error = event.worker.error
            log_error(log, error or RuntimeError(f"the {self.NAME} stopped"), self.NAME)
            self.error_message = self.t(failure_message(error))
            self.exit(return_code=2)

    def on_unmount(self) -> None:
        self._stop.set()
        with self._watcher_lock:
            watcher = self._watcher
        if watcher is not None:
            watcher.close()
