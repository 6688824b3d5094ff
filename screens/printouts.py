"""Running print jobs from a screen: in a worker, then one clear line on where it went."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from printing.pipeline import PrintOutcome
from screens.base import WorkstationModal
from screens.override import MODAL_CSS
from workstation.domain.i18n import Msg


def run_print(
    screen,
    job: Callable[[], PrintOutcome],
    done: Callable[[PrintOutcome], None],
    failed_key: str = "printout.failed",
    refused: Callable[[Msg], None] | None = None,
) -> None:
    """Print without freezing the screen; say where the PDF is and what the printer said.

    A print that could not be saved (or was refused) goes to ``refused``, by
    default the screen's own refusal handler.
    """

    def finished(outcome: PrintOutcome) -> None:
        t = screen.t
        if outcome.font_warning is not None:
            screen.notify(t(outcome.font_warning), severity="warning", timeout=15)
        if outcome.error is not None:
            screen.notify(
                t(failed_key, reason=t(outcome.error), path=str(outcome.path)),
                severity="error",
                timeout=20,
            )
        elif outcome.printer:
            screen.notify(t("printout.printed", printer=outcome.printer, path=str(outcome.path)))
        else:
            screen.notify(t("printout.saved", path=str(outcome.path)), timeout=10)
        done(outcome)

    screen.call_service(job, finished, refused)


class ReasonModal(WorkstationModal[str | None]):
    """Why a document is printed again (the reason goes on the reprint and in the journal)."""

    DEFAULT_CSS = MODAL_CSS.format(name="ReasonModal")
    AUTO_FOCUS = "#reason"
    BINDINGS = [Binding("escape", "cancel", "key.cancel", key_display="Esc", id="cancel")]

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading = heading

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, classes="heading")
            yield Label(self.t("printout.reason"), classes="field-label")
            yield Input(id="reason", max_length=200)
            yield Static(self.t("printout.reason_hint"), id="hint")

    def field_entered(self, widget) -> None:
        self.dismiss(self.query_one("#reason", Input).value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
