"""The counter's queue keys (叫号, 重呼, 过号, …): what each asks the queue service, what shows.

The registry (``screens/actions.py``) binds each key on the home screen; the key
runs :meth:`CounterQueue.press` on the home screen's
:class:`~screens.widgets.queue_panel.QueuePanel`. The service decides everything:
a refusal (no open shift, a paused window, nobody waiting, a recall too soon…)
is shown as its bilingual line, and the panel is read again after every key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from screens.dialogs.pick import PickModal
from screens.widgets.queue_panel import ticket_line
from workstation.domain.i18n import Msg, both, msg
from workstation.domain.queue import PauseReason
from workstation.domain.text import join_list

if TYPE_CHECKING:
    from forms.branch_pack import ServiceSpec
    from forms.schema import Text
    from screens.base import WorkstationScreen
    from screens.widgets.queue_panel import QueuePanel
    from workstation.services.auth import SignedIn
    from workstation.services.queue import QueueService
    from workstation.services.queue_views import TicketView

T = TypeVar("T")
Job = Callable[["QueueService", "SignedIn", str], T]
"""A call of the queue service for the signed-in person at this counter."""


@dataclass(frozen=True)
class Started:
    """A ticket started, with what to ask first and the papers its business needs."""

    ticket: TicketView
    first_ask: Text
    documents: tuple[Text, ...]


@dataclass(frozen=True)
class Target:
    """Where a transfer goes: one of another service, another counter, or back to the lobby."""

    to_service: str | None = None
    to_counter: str | None = None
    to_lobby: bool = False


class CounterQueue:
    """The queue keys of one home screen, acting on its queue panel."""

    def __init__(self, screen: WorkstationScreen, panel: QueuePanel) -> None:
        self.screen, self.panel, self.app = screen, panel, screen.app
        self.t = screen.t

    def press(self, name: str) -> None:
        """Run the key ``name`` (``call``, ``recall``, …: the registry's queue keys)."""
        getattr(self, f"key_{name}")()

    # -- the keys -------------------------------------------------------------------

    def key_open(self) -> None:
        self._run(lambda q, who, c: q.open_window(who, c))

    def key_call(self) -> None:
        self._run(lambda q, who, c: q.call_next(who, c), self._called, self._greeting)

    def key_recall(self) -> None:
        self._run(lambda q, who, c: q.recall(who, c), self._called, self._greeting)

    def key_no_show(self) -> None:
        self._run(lambda q, who, c: q.no_show(who, c), self._said("teller_queue.no_show_done"))

    def key_start(self) -> None:
        prompts = self.app.require_station().prompts

        def start(q: QueueService, who: SignedIn, c: str) -> Started:
            ticket = q.start(who, c)
            return Started(ticket, prompts.first_ask(), prompts.documents(ticket.id))

        said = self._said("teller_queue.started")
        self._run(start, lambda done: said(done.ticket), self._first_ask)

    def key_finish(self) -> None:
        farewell = self.app.require_station().prompts.farewell()
        self._run(
            lambda q, who, c: q.finish(who, c),
            lambda _: f"{farewell.zh} / {farewell.en}",
            lambda _: self.t("prompt.farewell", text=farewell.get(self.t.lang)),
        )

    def key_park(self) -> None:
        self._run(lambda q, who, c: q.park(who, c), self._said("teller_queue.parked_done"))

    def key_resume(self) -> None:
        self._run(lambda q, who, c: q.resume_window(who, c))

    def key_pause(self) -> None:
        reasons = [(self.t(reason.label), reason) for reason in PauseReason]
        self._ask(self.t("teller_queue.pause_heading"), reasons, self._pause)

    def key_call_back(self) -> None:
        """One of the parked tickets the panel shows (the service checks it is still parked)."""
        parked = self.panel.view.parked if self.panel.view is not None else ()
        if not parked:
            self._refused(msg("teller_queue.nothing_parked"))
            return
        options = [(ticket_line(self.t, ticket), ticket.id) for ticket in parked]
        self._ask(self.t("teller_queue.call_back_heading"), options, self._call_back)

    def key_transfer(self) -> None:
        """Where to: the pack's services, its counters, or the lobby (a triage error)."""
        station = self.app.require_station()
        queue, counter = station.queue, station.counter.code
        self.screen.call_service(
            lambda: (queue.services(), tuple(c.number for c in queue.pack.counters)),
            lambda found: self._ask_target(*found, counter),
            self._refused,
        )

    # -- answers --------------------------------------------------------------------

    def _pause(self, reason: PauseReason) -> None:
        self._run(lambda q, who, c: q.pause_window(who, c, reason))

    def _call_back(self, ticket_id: int) -> None:
        self._run(lambda q, who, c: q.call_back(who, c, ticket_id), self._called)

    def _ask_target(
        self, services: Sequence[ServiceSpec], counters: Sequence[str], here: str
    ) -> None:
        t, en = self.t, self.t.lang == "en"
        current = self.panel.view.current if self.panel.view is not None else None
        options: list[tuple[str, Target]] = [
            (
                t("teller_queue.to_service", name=s.name_en if en else s.name_zh, prefix=s.prefix),
                Target(to_service=s.key),
            )
            for s in services
            if current is None or s.key != current.service
        ]
        options += [
            (t("teller_queue.to_counter", counter=number), Target(to_counter=number))
            for number in counters
            if number != here
        ]
        options.append((t("teller_queue.to_lobby"), Target(to_lobby=True)))
        label = current.label if current is not None else "—"
        self._ask(t("teller_queue.transfer_heading", label=label), options, self._transfer)

    def _transfer(self, target: Target) -> None:
        self._run(
            lambda q, who, c: q.transfer(
                who,
                c,
                to_service=target.to_service,
                to_counter=target.to_counter,
                to_lobby=target.to_lobby,
            ),
            self._said("teller_queue.transferred"),
        )

    # -- the plumbing ---------------------------------------------------------------

    def _greeting(self, ticket: TicketView) -> str:
        greeting = self.app.require_station().prompts.greeting(ticket.label)
        return self.t("prompt.greeting", text=greeting.get(self.t.lang))

    def _first_ask(self, started: Started) -> str:
        lang, t = self.t.lang, self.t
        papers = join_list(t, (d.get(lang) for d in started.documents))
        documents = t("prompt.documents", documents=papers) if papers else t("prompt.no_documents")
        return f"{t('prompt.first_ask', text=started.first_ask.get(lang))}\n{documents}"

    def _called(self, ticket: TicketView) -> str:
        return self.t("teller_queue.called", label=ticket.label, counter=ticket.counter)

    def _said(self, key: str) -> Callable[[TicketView], str]:
        return lambda ticket: self.t(key, label=ticket.label)

    def _ask(self, heading: str, options: list[tuple[str, T]], then: Callable[[T], None]) -> None:
        def answered(value: T | None) -> None:
            if value is not None:
                then(value)

        self.app.push_screen(PickModal(heading, options), answered)

    def _run(
        self,
        job: Job[T],
        said: Callable[[T], str] | None = None,
        prompt: Callable[[T], str] | None = None,
    ) -> None:
        """Call the service in a worker; then say what happened, show what to say to the
        customer (``prompt``) and read the window again."""
        station, who = self.app.require_station(), self.app.require_who()
        queue, counter = station.queue, station.counter.code

        def done(result: T) -> None:
            if said is not None:
                self.app.notify(said(result), timeout=8)
            if prompt is None:
                self.panel.reload()
            else:
                self.panel.say(prompt(result))

        self.screen.call_service(lambda: job(queue, who, counter), done, self._refused)

    def _refused(self, message: Msg) -> None:
        """The service's refusal, in both languages (the customer at the window may read it)."""
        self.app.notify(both(message), severity="error", timeout=8)
        self.panel.reload()
