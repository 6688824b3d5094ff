"""Following the shared database from a screen: re-read on every change another process made.

A :class:`Follower` runs one thread worker (group :data:`FOLLOW`) that opens a
:class:`~workstation.db.watch.Watcher`, reads once, then reads again on every
change it reports, and hands each reading to the UI thread. It ends when the
screen goes (:meth:`Follower.stop` closes the watcher, which ends the loop).
A reading that fails is said in one line; the loop goes on with the next change.
Tests do not wait for followers (``tests/pilot.py``: ``settle``): they never end.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from textual.worker import Worker

from screens.base import WorkstationScreen, failure_message
from workstation.db.engine import Database
from workstation.db.watch import QUEUE, Watcher
from workstation.domain.errors import WorkstationError

T = TypeVar("T")
FOLLOW = "follow"
"""The worker group of followers."""
log = logging.getLogger(__name__)


class Follower(Generic[T]):
    """Reads with ``read`` in a thread whenever the database changes; shows with ``show``."""

    def __init__(
        self,
        screen: WorkstationScreen,
        db: Database,
        read: Callable[[], T],
        show: Callable[[T], object],
        channels: tuple[str, ...] = (QUEUE,),
    ) -> None:
        self.screen, self.db, self.read, self.show = screen, db, read, show
        self.channels = channels
        self._stopped = threading.Event()
        self._watcher: Watcher | None = None
        self._lock = threading.Lock()

    def start(self) -> Worker[None]:
        return self.screen.run_worker(
            self._run, thread=True, exit_on_error=False, group=FOLLOW, name=FOLLOW
        )

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def stop(self) -> None:
        """Close the watcher: the loop ends within a poll."""
        with self._lock:
            self._stopped.set()
            if self._watcher is not None:
                self._watcher.close()

    def _run(self) -> None:
        watcher = Watcher(self.db, channels=self.channels)
        with self._lock:
            if self._stopped.is_set():
                watcher.close()
                return
            self._watcher = watcher
        self._once()
        for _ in watcher.changes():
            if not self._once():
                break

    def _once(self) -> bool:
        """Read and hand over; False once the app no longer takes calls (it is closing)."""
        app = self.screen.app
        try:
            reading = self.read()
        except (WorkstationError, OSError) as error:
            log.warning("following the database: %s", error)
            said = failure_message(error)
            return self._hand(lambda: self.screen.show_refusal(said))
        return self._hand(lambda: self.show(reading)) if app.is_running else False

    def _hand(self, job: Callable[[], object]) -> bool:
        if self._stopped.is_set():
            return False
        try:
            self.screen.app.call_from_thread(job)
        except RuntimeError:  # the app's loop has ended
            return False
        return True
