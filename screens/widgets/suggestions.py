"""The crowd-surge suggestions (服务应急) of the queue board, for the supervisor and the lobby.

What to suggest is the service's (:func:`workstation.services.suggestions.suggestions`,
over the board and the service pack's thresholds); this only words it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual.widgets import Static

from forms.service_pack import load_service_pack
from workstation.domain.i18n import Catalog
from workstation.services.suggestions import suggestions

if TYPE_CHECKING:
    from workstation.services.queue_views import QueueBoard


def suggestion_text(t: Catalog, board: QueueBoard) -> str:
    """One line a crowded zone ("crowd surge: open the flexible window?"), or empty."""
    return "\n".join(t(line) for line in suggestions(board, load_service_pack().thresholds))


class Suggestions(Static):
    """The suggestions, in the warning colour; hidden while there are none."""

    DEFAULT_CSS = """
    Suggestions {
        height: auto;
        color: $warning;
        text-style: bold;
        display: none;
    }
    Suggestions.-shown { display: block; }
    """

    def show(self, t: Catalog, board: QueueBoard) -> None:
        text = suggestion_text(t, board)
        self.update(escape(text))
        self.set_class(bool(text), "-shown")
