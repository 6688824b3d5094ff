"""The lobby's zone board: per zone, who waits, the longest wait against its target, and
which windows are open or paused. Shows a :class:`~workstation.services.queue_views.QueueBoard`."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from workstation.domain.i18n import Catalog

if TYPE_CHECKING:
    from workstation.services.queue_views import QueueBoard, ZoneView

COLUMNS = ("zone", "waiting", "longest", "open", "paused")
NONE = "—"


def minutes(span: timedelta) -> int:
    """Whole minutes, rounded down (a wait of 59 s is 0 min)."""
    return int(span.total_seconds() // 60)


class ZoneBoard(DataTable[Text]):
    """One row a zone; a zone waiting past its target shows its longest wait in red."""

    DEFAULT_CSS = """
    ZoneBoard { height: auto; max-height: 9; }
    """

    def __init__(self, t: Catalog, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="none", show_cursor=False, zebra_stripes=True)
        self.t = t

    def on_mount(self) -> None:
        for key in COLUMNS:
            self.add_column(self.t(f"lobby.col.{key}"), key=key)

    def show(self, board: QueueBoard) -> None:
        self.clear()
        for zone in board.zones:
            self.add_row(*self._cells(zone), key=zone.zone)

    def _cells(self, zone: ZoneView) -> list[Text]:
        t = self.t
        longest = t("lobby.longest", wait=minutes(zone.longest_wait), target=minutes(zone.target))
        paused = zone.paused_windows
        late = zone.waiting > 0 and zone.longest_wait > zone.target
        return [
            Text(zone.name(t.lang)),
            Text(str(zone.waiting), justify="right"),
            Text(longest, style="bold red" if late else ""),
            Text(" ".join(zone.open_windows) or NONE),
            Text(" ".join(paused) or NONE, style="yellow" if paused else ""),
        ]
