"""Running print jobs from a screen: in a worker, then one clear line on where it went."""

from __future__ import annotations

from collections.abc import Callable

from printing.pipeline import PrintOutcome
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
