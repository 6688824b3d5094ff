"""The rating pad (服务评价器): the customer rates the service, at the counter's window.

``workstation pad --counter 02`` runs it on the window's tablet (or, through
``workstation serve pad``, in the tablet's browser). Nobody signs in: it opens
the station from the configuration. Idle it shows the window, the teller's
name and staff number, and 暂停服务 when the window is paused. A thread worker
follows the shared database with a :class:`~workstation.db.watch.Watcher`;
when finishing a ticket has asked this counter's pad (``ratings.pending``), it
shows five large buttons (keys 1–5), then the reasons at 不满意 or below, then
attitude / efficiency / quality (each may be skipped; 提交 ends at once). The
answer is stored by ``ratings.answer`` with this pad's counter; a request not
answered within ``timeout`` seconds is recorded 未评价 (``ratings.expire``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Button, Static

from screens.base import failure_message
from screens.following_app import FollowingApp
from workstation.domain.errors import WorkstationError
from workstation.domain.queue import WindowState
from workstation.domain.rating import LEVELS, UNHAPPY, Aspect, Reason, level_label

if TYPE_CHECKING:
    from workstation.services.ratings import Badge, RatingRequest, RatingView
    from workstation.station import Station

TIMEOUT_S = 30.0
"""A request not answered this long after the last touch is recorded 未评价."""
THANKS_S = 5.0
"""How long the thanks stay before the pad is idle again."""
REASONS = tuple(Reason)


class Step(enum.StrEnum):
    IDLE = "idle"
    LEVEL = "level"
    REASONS = "reasons"
    ASPECT = "aspect"
    THANKS = "thanks"


class PadButton(Button, can_focus=False):
    """A large target; never focused, so the keys 1–5 and Enter always reach the pad."""


class PadApp(FollowingApp):
    CSS_PATH = Path(__file__).with_name("pad.tcss")
    BINDINGS = [
        Binding("ctrl+q", "quit", "rating.key_quit", priority=True),
        *(Binding(str(n), f"choose({n})", show=False) for n in LEVELS),
        Binding("s,0", "skip", show=False),
        Binding("enter", "submit", show=False),
    ]
    NAME = "pad"

    def __init__(
        self,
        opener: Callable[[], Station],
        counter: str,
        *,
        lang: str = "zh",
        interval: float | None = None,
        timeout: float = TIMEOUT_S,
        thanks: float = THANKS_S,
    ) -> None:
        """``timeout``: seconds without a touch before a request is recorded 未评价."""
        super().__init__(opener, lang=lang, interval=interval)
        self.counter = counter
        self.title = self.t("rating.title", counter=counter)
        self.timeout, self.thanks = timeout, thanks
        self.step = Step.IDLE
        self.request: RatingRequest | None = None
        self.level: int | None = None
        self.aspects: dict[Aspect, int] = {}
        self.reasons: list[Reason] = []
        self.stored: RatingView | None = None
        """The last rating this pad stored (answered or unrated)."""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="badge"):
            yield Static(t("rating.window", counter=self.counter), id="window")
            yield Static("", id="teller")
            yield Static("", id="state")
        yield Static(t("rating.idle"), id="prompt")
        with Horizontal(id="levels", classes="choices"):
            for n in LEVELS:
                yield PadButton(f"{n}  {t(level_label(n))}", id=f"level-{n}", classes="level")
        with Horizontal(id="reasons", classes="choices"):
            for n, reason in enumerate(REASONS, 1):
                yield PadButton(f"{n}  {t(reason.label)}", id=f"reason-{reason}")
        with Horizontal(id="actions"):
            yield PadButton(t("rating.skip"), id="skip")
            yield PadButton(t("rating.submit"), id="submit", variant="primary")
        yield Static("", id="status")

    def on_mount(self) -> None:  # FollowingApp's runs too (Textual calls each class's)
        self._steps(Step.IDLE)

    # -- the worker ----------------------------------------------------------------

    def _started(self, station: Station) -> None:
        station.ratings.badge(self.counter)  # an unknown counter: refused, the pad stops

    def _watch(self, station: Station) -> None:
        watcher = self._watcher_for(station)
        try:
            self._read(station)
            for _ in watcher.changes():
                self._read(station)
        finally:
            watcher.close()

    def _read(self, station: Station) -> None:
        ratings = station.ratings
        self._from_thread(self._show, ratings.badge(self.counter), ratings.pending(self.counter))

    # -- on the UI thread ----------------------------------------------------------

    def _show(self, badge: Badge, pending: RatingRequest | None) -> None:
        t = self.t
        name = badge.staff_name
        teller = (
            t("rating.badge", name=name, staff=badge.staff_id) if name else t("rating.no_staff")
        )
        self.query_one("#teller", Static).update(teller)
        state = {WindowState.PAUSED: "rating.paused", WindowState.CLOSED: "rating.closed"}
        self.query_one("#state", Static).update(
            t(state[badge.state]) if badge.state in state else ""
        )
        if pending is not None and (self.request is None or pending.id != self.request.id):
            self._ask(pending)
        elif pending is None and self.step in (Step.LEVEL, Step.REASONS, Step.ASPECT):
            self._steps(Step.IDLE)  # closed elsewhere (the next customer was finished)
        self._shown()

    def _ask(self, request: RatingRequest) -> None:
        self.request, self.level, self.aspects, self.reasons = request, None, {}, []
        self._steps(Step.LEVEL)

    def _steps(self, step: Step) -> None:
        """Show ``step``: its prompt and its buttons; (re)start the timeout while asking."""
        self.step = step
        t = self.t
        prompt = {
            Step.IDLE: t("rating.idle"),
            Step.LEVEL: t("rating.ask", ticket=self.request.ticket_label) if self.request else "",
            Step.REASONS: t("rating.ask_reasons"),
            Step.ASPECT: t("rating.ask_aspect", aspect=t(self._aspect().label)),
            Step.THANKS: t("rating.thanks"),
        }[step]
        self.query_one("#prompt", Static).update(prompt)
        self.query_one("#levels").display = step in (Step.LEVEL, Step.ASPECT)
        self.query_one("#reasons").display = step is Step.REASONS
        self.query_one("#actions").display = step in (Step.REASONS, Step.ASPECT)
        self.query_one("#skip").display = step is Step.ASPECT
        for reason in REASONS:
            self.query_one(f"#reason-{reason}").set_class(reason in self.reasons, "-chosen")
        if self._timer is not None:
            self._timer.stop()
        asking = step in (Step.LEVEL, Step.REASONS, Step.ASPECT)
        if asking or step is Step.THANKS:
            wait, then = (self.timeout, self._timed_out) if asking else (self.thanks, self._rested)
            self._timer = self.set_timer(wait, then)

    def _aspect(self) -> Aspect:
        left = [a for a in Aspect if a not in self.aspects]
        return left[0] if left else Aspect.QUALITY

    # -- the customer's touches ------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        name = event.button.id or ""
        if name.startswith("level-"):
            self.action_choose(int(name.removeprefix("level-")))
        elif name.startswith("reason-"):
            self._toggle(Reason(name.removeprefix("reason-")))
        elif name == "skip":
            self.action_skip()
        elif name == "submit":
            self.action_submit()

    def action_choose(self, n: int) -> None:
        if self.step is Step.LEVEL:
            self.level = n
            self._steps(Step.REASONS if n >= UNHAPPY else Step.ASPECT)
        elif self.step is Step.REASONS:
            self._toggle(REASONS[n - 1])
        elif self.step is Step.ASPECT:
            self.aspects[self._aspect()] = n
            self._next_aspect()

    def action_skip(self) -> None:
        if self.step is Step.ASPECT:
            self.aspects[self._aspect()] = 0  # skipped: stored as not given
            self._next_aspect()

    def action_submit(self) -> None:
        if self.step is Step.REASONS:
            self._steps(Step.ASPECT)
        elif self.step is Step.ASPECT:
            self._store()

    def _toggle(self, reason: Reason) -> None:
        if self.step is not Step.REASONS:
            return
        if reason in self.reasons:
            self.reasons.remove(reason)
        else:
            self.reasons.append(reason)
        self._steps(Step.REASONS)

    def _next_aspect(self) -> None:
        if len(self.aspects) == len(Aspect):
            self._store()
        else:
            self._steps(Step.ASPECT)

    def _timed_out(self) -> None:
        """No touch for ``timeout``: what was chosen is stored; nothing chosen, 未评价."""
        if self.level is not None:
            self._store()
            return
        self._write(lambda station, request: station.ratings.expire(self.counter, request.id))
        self.query_one("#prompt", Static).update(self.t("rating.thanks_unrated"))

    def _store(self) -> None:
        given = {aspect: n or None for aspect, n in self.aspects.items()}
        level = self.level or 0

        def answer(station: Station, request: RatingRequest) -> RatingView:
            return station.ratings.answer(
                self.counter, request.id, level,
                attitude=given.get(Aspect.ATTITUDE), efficiency=given.get(Aspect.EFFICIENCY),
                quality=given.get(Aspect.QUALITY), reasons=self.reasons,
            )  # fmt: skip

        self._write(answer)

    def _write(self, store: Callable[[Station, RatingRequest], RatingView]) -> None:
        """Store through the station (one short transaction), then thank the customer."""
        station, request = self.station, self.request
        if station is None or request is None:
            return
        try:
            self.stored = store(station, request)
        except WorkstationError as error:  # answered meanwhile, or the database went away
            self.query_one("#status", Static).update(self.t(error.msg))
        self._steps(Step.THANKS)

    def _rested(self) -> None:
        if self.step is Step.THANKS:
            self._steps(Step.IDLE)

    def _show_failure(self, error: BaseException) -> None:
        self.query_one("#status", Static).update(self.t(failure_message(error)))
