"""What every workstation screen shares: translated key bindings and service calls.

Bindings are declared with catalog keys as their description and tooltip;
they are rendered in the app's language when the screen is built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.worker import Worker

from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Catalog, Msg

if TYPE_CHECKING:
    from screens.app import WorkstationApp

T = TypeVar("T")


def translate_bindings(node: DOMNode, t: Catalog) -> None:
    """Replace catalog keys in ``node``'s bindings with text in the UI language."""
    translated: dict[str, list] = {}
    for key, bindings in node._bindings.key_to_bindings.items():
        translated[key] = [
            replace(b, description=t(b.description), tooltip=t(b.tooltip) if b.tooltip else "")
            for b in bindings
        ]
    node._bindings = BindingsMap.from_keys(translated)


class ServiceCalls:
    """Run a blocking service call in a thread; hand its result or refusal back."""

    app: WorkstationApp

    def call_service(
        self,
        job: Callable[[], T],
        done: Callable[[T], object],
        failed: Callable[[Msg], object] | None = None,
    ) -> Worker:
        app = self.app
        on_failure = failed or self.show_refusal

        def run() -> None:
            try:
                result = job()
            except WorkstationError as refusal:
                app.call_from_thread(on_failure, refusal.msg)
                return
            app.call_from_thread(done, result)

        return self.run_worker(run, thread=True, exit_on_error=False, group="service")

    def show_refusal(self, message: Msg) -> None:
        self.app.notify(self.app.t(message), severity="error", timeout=8)


class WorkstationScreen(ServiceCalls, Screen):
    PALETTE: ClassVar[bool] = True
    """Whether the command palette may open over this screen."""

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.app.t)

    @property
    def t(self) -> Catalog:
        return self.app.t


class WorkstationModal(ServiceCalls, ModalScreen[T]):
    PALETTE: ClassVar[bool] = False

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.app.t)

    @property
    def t(self) -> Catalog:
        return self.app.t
