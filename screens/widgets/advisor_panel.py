"""The live staffing advisor (实时排班建议) on the supervisor's home and in the lobby.

What to advise is the service's (:meth:`AdvisorService.advice
<workstation.services.advisor.AdvisorService.advice>`: Erlang C per zone, the
flexible window's state); this only shows its lines, one per zone, a zone that
misses its target in the warning colour.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.markup import escape
from textual.widgets import Static

from workstation.domain.i18n import Catalog

if TYPE_CHECKING:
    from workstation.services.advisor_views import Advice
    from workstation.services.queue_views import QueueBoard
    from workstation.station import Station

Reading = tuple["QueueBoard", "Advice"]
"""The board and the advice, read together by one worker."""


def with_advice(station: Station) -> Callable[[], Reading]:
    """Read the board and the advice in one job: the panel shows with the board, never later."""
    return lambda: (station.queue.board(), station.advisor.advice())


class AdvisorPanel(Static):
    """The flexible windows' state, then a line per zone; hidden until the first reading."""

    DEFAULT_CSS = """
    AdvisorPanel {
        height: auto;
        margin-top: 1;
        border-top: solid $primary;
        display: none;
    }
    AdvisorPanel.-shown { display: block; }
    """

    def show(self, t: Catalog, advice: Advice) -> None:
        missed = [False] * len(advice.flexible) + [z.missed for z in advice.zones]
        lines = [f"[b]{escape(t('advisor.heading'))}[/b]"]
        for line, late in zip(advice.lines(), missed, strict=True):
            text = escape(t(line))
            lines.append(f"[$warning]{text}[/]" if late else text)
        self.update("\n".join(lines))
        self.add_class("-shown")
