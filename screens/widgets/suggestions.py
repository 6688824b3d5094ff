"""The crowd-surge suggestions (服务应急) of the queue board, for the supervisor and the lobby.

What to suggest is the service's (:meth:`IncidentService.suggestions
<workstation.services.incidents.IncidentService.suggestions>`, over the board and the
service pack's thresholds); this only words it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual.widgets import Static

from workstation.domain.i18n import Catalog, Msg

if TYPE_CHECKING:
    from workstation.services.queue_views import QueueBoard
    from workstation.station import Station


def suggestion_text(t: Catalog, station: Station, board: QueueBoard) -> str:
    """One line a crowded zone ("crowd surge: open the flexible window?"), or empty."""
    lines: tuple[Msg, ...] = station.incidents.suggestions(board)
    return "\n".join(t(line) for line in lines)


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

    def show(self, t: Catalog, station: Station, board: QueueBoard) -> None:
        text = suggestion_text(t, station, board)
        self.update(escape(text))
        self.set_class(bool(text), "-shown")
