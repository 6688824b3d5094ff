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

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from screens.base import failure_message
from screens.display_view import display_view
from screens.following_app import FollowingApp
from screens.widgets.big_text import BigText

if TYPE_CHECKING:
    from forms.branch_pack import ServiceSpec
    from forms.schema import Text
    from workstation.services.queue_views import CallView, QueueBoard
    from workstation.services.voice import Announcer
    from workstation.station import Station

log = logging.getLogger(__name__)
Bell = Callable[[], None]


class DisplayApp(FollowingApp):
    CSS_PATH = Path(__file__).with_name("display.tcss")  # absolute: subclasses live elsewhere
    BINDINGS = [Binding("ctrl+q", "quit", "display.key_quit", priority=True)]
    NAME = "display"

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
        super().__init__(opener, lang=lang, interval=interval)
        self.title = self.t("display.heading")
        self.announcer = announcer(self._bell)
        self.latest: CallView | None = None
        """The latest call shown (None before the first)."""
        self.announced: list[CallView] = []
        """Every call handed to the announcer, in order."""
        self._services: Mapping[str, ServiceSpec] = {}
        self._last = -1
        """The last call event seen (-1: none read yet)."""

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("display.heading"), id="title")
        yield Static("", id="incident-notice", markup=False)
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

    # -- the worker ----------------------------------------------------------------

    def _started(self, station: Station) -> None:
        self._from_thread(self._titled, station.branch.name(self.t.lang))
        self._services = {spec.key: spec for spec in station.queue.services()}

    def _watch(self, station: Station) -> None:
        watcher = self._watcher_for(station)
        services, incidents = self._services, station.incidents
        try:
            board = station.queue.board()
            if self._last < 0:  # at start: what was called before is shown, not said
                self._last = board.latest_event_id
            else:  # after a failure: what was called meanwhile is said now
                self._last = self._announce(station.queue.calls_since(self._last), self._last)
                board = station.queue.board()
            self._from_thread(self._show, board, services, incidents.notices())
            for _ in watcher.changes():
                self._last = self._announce(station.queue.calls_since(self._last), self._last)
                board = station.queue.board()
                self._from_thread(self._show, board, services, incidents.notices())
        finally:
            watcher.close()

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

    def _bell(self) -> None:
        """The announcer's chime where no player exists: the terminal's (the browser's) bell."""
        self._from_thread(self.bell)

    # -- on the UI thread ----------------------------------------------------------

    def _show(
        self, board: QueueBoard, services: Mapping[str, ServiceSpec], notices: Sequence[Text]
    ) -> None:
        assert self.station is not None  # the board was read through it
        view = display_view(board, services, self.t, self.station.clock.zone, notices)
        banner = self.query_one("#incident-notice", Static)
        banner.update(view.notice)
        banner.display = bool(view.notice)
        self.latest = board.last_calls[0] if board.last_calls else None
        self.query_one("#latest-big", BigText).text = view.latest
        self.query_one("#latest-call", Static).update(view.latest_line)
        self.query_one("#last-calls", Static).update(view.last_calls)
        self.query_one("#zones", Static).update(view.zones)
        self.query_one("#paused", Static).update(view.paused)
        self.query_one("#quota", Static).update(view.quota)
        self._shown()

    def _titled(self, branch: str) -> None:
        self.title = self.t("display.title", branch=branch)
        self.query_one("#title", Static).update(self.title)

    def _show_failure(self, error: BaseException) -> None:
        self.query_one("#voice", Static).update(self.t(failure_message(error)))

    def on_unmount(self) -> None:  # FollowingApp's runs too (Textual calls each class's)
        self.announcer.close()
