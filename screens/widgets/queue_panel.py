"""The counter's window on the home screen: its state, the ticket at it, who waits, who is parked.

What it shows is the service's :class:`~workstation.services.queue_views.WindowView`
(``queue.window(counter)``): the waiting list is already in the queue rule's order.
It is read again whenever the shared database changes (a
:class:`~workstation.db.watch.Watcher` followed in a thread worker of the group
:data:`WATCH_GROUP`), after each key the teller presses, and when home shows again.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, cast

from rich.markup import escape
from textual.widgets import Static

from screens.follow import FOLLOW
from workstation.db.watch import CHANNEL, QUEUE, Watcher
from workstation.domain.i18n import Catalog
from workstation.domain.queue import Priority, WindowState
from workstation.domain.text import join_list

if TYPE_CHECKING:
    from textual import getters

    from screens.app import WorkstationApp
    from screens.base import ServiceCalls
    from workstation.db.engine import Database
    from workstation.services.queue_views import TicketView, WindowView

WATCH_GROUP = FOLLOW
"""The worker group of threads that follow the database; they end when their screen goes
(tests' ``settle`` does not wait for them)."""
SHOWN = 8
"""At most this many waiting tickets are listed; the rest are counted."""


def ticket_line(t: Catalog, ticket: TicketView) -> str:
    """``B003 号  保全 · 老年人``: the number, its service and its priority class, if any."""
    service = ticket.service_name_en if t.lang == "en" else ticket.service_name_zh
    parts = [service]
    if ticket.priority is not Priority.NONE:
        parts.append(t(ticket.priority.label))
    return t("teller_queue.ticket", label=ticket.label, about=" · ".join(parts))


def window_text(t: Catalog, view: WindowView) -> str:
    """The panel's lines, with markup (names escaped)."""
    state = t(view.state.label)
    lines = [f"[b]{escape(t('teller_queue.title', counter=view.counter, state=state))}[/b]"]
    if view.state is WindowState.PAUSED and view.reason is not None:
        lines.append(f"[b]{escape(t('teller_queue.paused', reason=t(view.reason.label)))}[/b]")
    elif view.state is WindowState.CLOSED:
        lines.append(escape(t("teller_queue.closed_hint")))
    current = view.current
    if current is None:
        lines.append(escape(t("teller_queue.no_current")))
    else:
        status = t("teller_queue.status", status=t(current.status.label), calls=current.calls)
        now = t("teller_queue.current", ticket=ticket_line(t, current), status=status)
        lines.append(f"[b reverse] {escape(now)} [/]")
    lines.append("")
    if view.waiting:
        lines.append(escape(t("teller_queue.waiting", count=len(view.waiting))))
        for ticket in view.waiting[:SHOWN]:
            minutes = int(ticket.waited.total_seconds() // 60)
            row = t("teller_queue.row", ticket=ticket_line(t, ticket), minutes=minutes)
            lines.append("  " + escape(row))
        if len(view.waiting) > SHOWN:
            lines.append("  " + escape(t("teller_queue.more", count=len(view.waiting) - SHOWN)))
    else:
        lines.append(escape(t("teller_queue.none_waiting")))
    if view.parked:
        parked = join_list(t, (ticket_line(t, ticket) for ticket in view.parked))
        lines.append(escape(t("teller_queue.parked", tickets=parked)))
    return "\n".join(lines)


class QueuePanel(Static):
    """The window of this station's counter, kept fresh; ``view`` is what it shows now."""

    if TYPE_CHECKING:
        app = getters.app(WorkstationApp)

    DEFAULT_CSS = """
    QueuePanel {
        height: auto;
        border: round $primary;
        padding: 0 1;
        margin-top: 1;
    }
    QueuePanel.-paused { border: round $warning; }
    """

    def __init__(self) -> None:
        super().__init__("", id="queue")
        self.view: WindowView | None = None
        self.prompt = ""
        """What to say now (the service pack's greeting, first question or farewell)."""
        self._asked = 0
        """Reads are numbered as they start; a read is shown only if none started later was."""
        self._shown = 0
        self._lock = threading.Lock()
        self._watcher: Watcher | None = None
        self._gone = False

    def on_mount(self) -> None:
        self.reload()
        db = self.app.require_station().db
        self.run_worker(
            lambda: self._follow(db), thread=True, group=WATCH_GROUP, exit_on_error=False
        )

    def on_unmount(self) -> None:
        with self._lock:
            self._gone = True
            watcher, self._watcher = self._watcher, None
        if watcher is not None:
            watcher.close()

    def reload(self) -> None:
        """Read the window again (in a worker) and show it, unless a later read came first."""
        station = self.app.station
        if station is None or not self.is_attached:
            return
        queue, counter = station.queue, station.counter.code
        self._asked += 1
        asked = self._asked
        screen = cast("ServiceCalls", self.screen)
        screen.call_service(
            lambda: queue.window(counter), lambda view: self.show(view, asked), self._unreadable
        )

    def show(self, view: WindowView, asked: int | None = None) -> None:
        if asked is not None:
            if asked < self._shown:
                return
            self._shown = asked
        self.view = view
        if self.is_attached:
            prompt = f"\n\n[b]{escape(self.prompt)}[/b]" if self.prompt else ""
            self.update(window_text(self.app.t, view) + prompt)
            self.set_class(view.state is WindowState.PAUSED, "-paused")

    def say(self, prompt: str) -> None:
        """Show ``prompt`` under the window (kept until the next one) and read the window."""
        self.prompt = prompt
        self.reload()

    def _unreadable(self, message: object) -> None:
        """A read that failed (the database away a moment) leaves the last view; the next
        change or key reads again."""
        self.update(escape(self.app.t("teller_queue.unreadable")))

    def _follow(self, db: Database) -> None:
        """Worker thread: wake on each change of the shared database and read again."""
        try:
            watcher = Watcher(db, channels=(CHANNEL, QUEUE))
        except ValueError:  # an in-memory database: nobody else writes to it
            return
        with self._lock:
            if self._gone:
                watcher.close()
                return
            self._watcher = watcher
        for _ in watcher.changes():
            try:
                self.app.call_from_thread(self.reload)
            except RuntimeError:  # the app is closing
                break
