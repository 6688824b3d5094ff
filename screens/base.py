"""What every workstation screen shares: translated key bindings and service calls.

Bindings are declared with catalog keys as their description and tooltip;
they are rendered in the app's language when the screen is built. Modals
(dialogs) build on :class:`WorkstationModal`; see ``screens/dialogs/``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label
from textual.worker import Worker, WorkerState

from screens.textual_compat import has_queued_messages, translate_bindings
from screens.widgets.choice import ChoiceField
from screens.widgets.status_bar import StatusBar
from workstation.domain.errors import SystemRefused, WorkstationError
from workstation.domain.i18n import Catalog, Msg, msg
from workstation.logs.events import log_error, operation_name, timed

if TYPE_CHECKING:
    from textual import getters
    from textual.app import ComposeResult
    from textual.dom import DOMNode

    from screens.actions import HomeAction
    from screens.app import WorkstationApp

T = TypeVar("T")
log = logging.getLogger(__name__)

if TYPE_CHECKING:  # a mixin of screens is checked as a screen; at run time it is a plain class
    ScreenMixin = Screen[Any]
else:
    ScreenMixin = object


def failure_message(error: BaseException | None) -> Msg:
    """One line for anything a service call raised: its refusal, the system's words, or a bug."""
    if isinstance(error, WorkstationError):
        return error.msg
    if isinstance(error, OSError):
        return SystemRefused(error).msg
    return msg("app.unexpected", error=f"{type(error).__name__}: {error}")


class ServiceCalls(ScreenMixin):
    """Run a blocking service call in a thread; hand its result or refusal back.

    Whatever the call raises reaches the screen's failure handler as one
    line, so a screen waiting for an answer (posting, printing) is usable again.
    The log gets the refusal's key (or the error's traceback), and a line when the
    call took longer than the app's ``slow_ms``, named ``Screen:method``.
    """

    if TYPE_CHECKING:
        app = getters.app(WorkstationApp)

    def call_service(
        self,
        job: Callable[[], T],
        done: Callable[[T], object],
        failed: Callable[[Msg], object] | None = None,
    ) -> Worker:
        app = self.app
        on_failure = failed or self.show_refusal
        operation = f"{type(self).__name__}:{operation_name(job)}"

        def run() -> None:
            try:
                with timed(log, operation, app.slow_ms):
                    result = job()
            except Exception as error:  # refused, or failed: one line, and the screen goes on
                log_error(log, error, operation)
                if not isinstance(error, WorkstationError | OSError):
                    app.log.error(error)
                app.call_from_thread(on_failure, failure_message(error))
                return
            app.call_from_thread(done, result)

        return self.run_worker(run, thread=True, exit_on_error=False, group="service")

    def show_refusal(self, message: Msg) -> None:
        self.app.notify(self.app.t(message), severity="error", timeout=8)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A screen's worker that failed unexpectedly is reported, never lost.

        ``Worker.StateChanged`` does not bubble, so the app would not hear of it.
        """
        if event.state is WorkerState.ERROR:
            self.app.unexpected(event.worker.error)


async def drained(widget: Widget, limit: int = 200) -> None:
    """Let ``widget`` handle the keys already queued for it (a burst of typing)."""
    for _ in range(limit):
        if not has_queued_messages(widget):
            return
        await asyncio.sleep(0)


ENTER = Binding("enter", "enter_field", show=False, priority=True, id="enter_field")
TABS = [
    Binding("tab", "app.focus_next", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", show=False, priority=True),
]
"""Tab moves focus before the next key is delivered too (see EnterMovesOn)."""
KEY_NAMES = {"escape": "Esc", "enter": "Enter"}
"""How the footer writes a key that is not an F-key."""


def footer_key(
    key: str, action: str, label: str | None = None, *, id: str | None = None
) -> Binding:
    """A key the footer shows, written the one way every screen writes one: displayed as
    ``F5`` or ``Esc`` (the first of ``key``), labelled by the catalog's ``key.<label>``; its id
    is ``id``, by default the action, and so is its label unless ``label`` is given."""
    first = key.split(",")[0]
    name = id or action
    return Binding(
        key,
        action,
        f"key.{label or name}",
        key_display=KEY_NAMES.get(first, first.upper()),
        id=name,
    )


BACK = footer_key("escape", "back")
"""Esc closes the screen (:meth:`WorkstationScreen.action_back`)."""
HELP = [
    Binding("f1", "help", "help.key", key_display="F1", show=False, id="help"),
    Binding("question_mark", "help", "help.key", key_display="?", show=False, id="help_mark"),
]
"""F1 and ``?`` show the screen's keys (:class:`Helped`); not priority: an input keeps its ``?``."""
DIGITS = [Binding(str(n), f"pick_choice({n})", show=False, priority=True) for n in range(1, 10)]
"""A digit on a choice picks that option and, unless the screen keeps it there
(``EnterMovesOn.DIGIT_MOVES_ON``), moves on before the next key lands."""


def headed(heading: str) -> ComposeResult:
    """The top of a screen: the status bar, then the screen's heading (``#heading``)."""
    yield StatusBar()
    yield Label(heading, id="heading")


class EnterMovesOn(ScreenMixin):
    """Enter in a field is handled by the screen, before the next key is delivered.

    Textual hands each key to the focused widget's queue; a handler that moves
    focus on ``Input.Submitted`` runs only after keys already typed have gone
    to the old field. A card reader or a fast typist then puts the password
    into the staff ID field. A priority binding runs in the app's own loop,
    so focus has moved before the next key is dispatched; the keys typed
    before Enter are let through to the field first (see :func:`drained`).
    """

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter_field":
            return self.handles_enter(self.focused)
        if action == "pick_choice":
            return isinstance(self.focused, ChoiceField)
        return True

    DIGIT_MOVES_ON: ClassVar[bool] = True
    """A digit on a choice also does what Enter does there (a dialog's one choice before its
    password). False: the choice keeps the cursor, where the teller sees what was picked,
    and Enter moves on: a long form, where a stray digit must not carry the keys after it
    to another field (issue 16.3)."""

    async def action_pick_choice(self, n: int) -> None:
        choice = self.focused
        if not isinstance(choice, ChoiceField):  # check_action let it through only for a choice
            return
        if n <= len(choice.options):
            choice.action_pick(n)
            if self.DIGIT_MOVES_ON:
                self.field_entered(choice)

    def handles_enter(self, widget: Widget | None) -> bool:
        """Whether Enter on ``widget`` is this screen's to handle (default: inputs, choices)."""
        return isinstance(widget, Input | ChoiceField)

    async def action_enter_field(self) -> None:
        widget = self.focused
        if widget is None:  # check_action let it through only for a field
            return
        await drained(widget)
        self.field_entered(widget)

    SUBMIT_FROM: ClassVar[str | None] = None
    """The id of the field where Enter submits (see :meth:`submit`); elsewhere it moves on."""

    def field_entered(self, widget: Widget) -> None:
        """Enter was pressed in ``widget``: submit from the SUBMIT_FROM field, else move on."""
        if self.SUBMIT_FROM is not None and widget.id == self.SUBMIT_FROM:
            self.submit()
        else:
            self.focus_next()

    def submit(self) -> None:
        """What Enter in the SUBMIT_FROM field does (a screen that sets it defines this)."""


class Translated(ScreenMixin):
    """Bindings declared with catalog keys, shown in the app's language; ``t`` is its catalog."""

    if TYPE_CHECKING:
        app = getters.app(WorkstationApp)

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(cast("DOMNode", self), self.app.t)

    @property
    def t(self) -> Catalog:
        return self.app.t


class Helped(ScreenMixin):
    """F1 or ``?`` (:data:`HELP`): what the screen is for, its keys (screens/dialogs/help.py)."""

    if TYPE_CHECKING:
        app = getters.app(WorkstationApp)

    def action_help(self) -> None:
        self.app.show_help(self)


class WorkstationScreen(Translated, ServiceCalls, EnterMovesOn, Helped, Screen):
    if TYPE_CHECKING:
        app = getters.app(WorkstationApp)

    BINDINGS = [ENTER, *TABS, *DIGITS, *HELP]
    PALETTE: ClassVar[bool] = True
    """Whether the command palette may open over this screen."""
    ACTIONS: ClassVar[tuple[HomeAction, ...]] = ()
    """Actions of the registry (screens/actions.py) this screen offers, in the palette too."""

    def action_back(self) -> None:
        """Esc (:data:`BACK`): close this screen, back to the one below."""
        self.dismiss()
