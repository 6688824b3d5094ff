"""The supervisor's board (主管看板) on the supervisor's home.

What it says is the service's (:class:`~workstation.services.branch_board.BranchBoard`:
every line a catalog message); this lays the three parts out under their titles,
a till over its limit and requests waiting in the warning colour. It is read with
the queue board and the advice, by the home screen's one follower and timer
(:func:`with_board`), and again whenever home shows.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rich.markup import escape
from textual.widgets import Static

from screens.widgets.advisor_panel import Reading, with_advice
from workstation.domain.i18n import Catalog, Msg

if TYPE_CHECKING:
    from workstation.services.branch_board import BranchBoard
    from workstation.station import Station

HomeReading = tuple[Reading, "BranchBoard"]
"""What the supervisor's home reads in one job: the queue board, the advice, the board."""


def with_board(station: Station) -> Callable[[], HomeReading]:
    """The advisor's reading and the branch board, in one worker job."""
    advice = with_advice(station)
    return lambda: (advice(), station.board.board())


Numbered = tuple[int, HomeReading]


class Readings:
    """The home's reads, numbered as they start: the follower and the timer read side by side,
    and a reading is shown only if none that started later was shown first."""

    def __init__(self, station: Station) -> None:
        self._read = with_board(station)
        self._numbers = itertools.count(1)  # next() on a count is atomic: threads may share it
        self._shown = 0

    def __call__(self) -> Numbered:
        number = next(self._numbers)
        return number, self._read()

    def fresh(self, numbered: Numbered) -> HomeReading | None:
        """The reading, or None when a later one is already shown (UI thread only)."""
        number, reading = numbered
        if number < self._shown:
            return None
        self._shown = number
        return reading


class BoardPanel(Static):
    """Tills, approvals, before close; empty until the first reading."""

    DEFAULT_CSS = """
    BoardPanel {
        height: auto;
        border: round $primary;
        padding: 0 1;
        margin-top: 1;
    }
    """

    def show(self, t: Catalog, board: BranchBoard) -> None:
        lines = [f"[b]{escape(t('board.heading', date=board.business_date.isoformat()))}[/b]"]
        lines += _part(t, "board.tills", board.till_lines())
        lines += _part(t, "board.approvals", board.approval_lines())
        lines += _part(t, "board.before_close", board.close_lines())
        self.update("\n".join(lines))

    def unreadable(self, t: Catalog) -> None:
        self.update(escape(t("board.unreadable")))


WARN = frozenset({"board.counter_over", "board.waiting_count", "board.open_tills"})
"""Lines shown in the warning colour: a till over its limit, requests waiting, tills open."""


def _part(t: Catalog, title: str, lines: Iterable[Msg]) -> list[str]:
    """A part's title, then its lines; a warning (not a count of none) in the warning colour."""
    shown = [f"[b $accent]{escape(t(title))}[/]"]
    for line in lines:
        text = escape(t(line))
        warn = line.key in WARN and line.params.get("count") != 0
        shown.append(f"[b $warning]{text}[/]" if warn else text)
    return shown
