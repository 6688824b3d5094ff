"""The base of every dialog: a typed result, bindings in the app's language, the shared look."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.screen import ModalScreen

from screens.base import DIGITS, ENTER, HELP, TABS, EnterMovesOn, Helped, ServiceCalls, Translated

if TYPE_CHECKING:
    from textual import getters

    from screens.app import WorkstationApp

T = TypeVar("T")


class Dialog(Translated, ServiceCalls, EnterMovesOn, Helped, ModalScreen[T]):
    """Centred over the screen that asked; no command palette over it.

    The frame, headings, labels, hint and error line look alike in every
    dialog; each dialog's own ``DEFAULT_CSS`` sets its width and what differs.
    """

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        height: auto; padding: 1 2; border: thick $accent; background: $surface;
    }
    Dialog .heading { text-style: bold; margin-bottom: 1; }
    Dialog .field-label { color: $text-muted; margin-top: 1; }
    Dialog #hint { color: $text-muted; }
    Dialog #error { color: $error; min-height: 1; margin-top: 1; }
    """
    if TYPE_CHECKING:
        app = getters.app(WorkstationApp)

    BINDINGS = [ENTER, *TABS, *DIGITS, *HELP]
    PALETTE: ClassVar[bool] = False
    """No command palette over a dialog."""
