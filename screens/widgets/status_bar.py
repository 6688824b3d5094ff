"""The top line of every screen: where, who, and the time.

One widget drawing one line, not a row of four: it is on every screen, and
each widget a screen mounts costs time before the screen first shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

from workstation.domain.clock import stamp
from workstation.domain.staff import Role

if TYPE_CHECKING:
    from textual import getters

    from screens.app import WorkstationApp


class StatusBar(Widget):
    """Branch and counter on the left; demo badge, person, role and a ticking clock on the right."""

    if TYPE_CHECKING:
        app = getters.app(WorkstationApp)

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        dock: top;
        background: $primary;
        color: $text;
    }
    """

    def on_mount(self) -> None:
        self.set_interval(1, self.refresh)
        self.watch(self.app, "station", self._changed, init=False)
        self.watch(self.app, "who", self._changed, init=False)

    def _changed(self, _value: object) -> None:
        self.refresh()

    def render(self) -> Content:
        app, t = self.app, self.app.t
        place = t("app.title")
        right: list[Content | str] = []
        if app.station is not None:
            lang = t.lang
            lobby = app.who is not None and app.who.staff.role is Role.LOBBY
            where = t("lobby.place") if lobby else app.station.counter.name(lang)
            place = f"{app.station.branch.name(lang)} · {where}"  # lobby staff serve no window
            if app.station.demo:
                right.append(Content.styled(f" {t('app.demo_badge')} ", "on $warning"))
        if app.who is not None:
            staff = app.who.staff
            who = t(
                "home.signed_in_as", name=staff.name, staff_id=staff.staff_id, role=staff.role.label
            )
            right.append(f" {who} ")
        right.append(f" {stamp(app.clock.now(), app.clock.zone)} ")
        tail = Content.assemble(*right)
        room = self.size.width - tail.cell_length - 2  # the place keeps one cell either side
        left = Content.styled(place, "bold")
        if left.cell_length > room:
            left = left.truncate(max(room, 0), ellipsis=True)
        gap = max(self.size.width - left.cell_length - 2 - tail.cell_length, 0)
        return Content.assemble(" ", left, " " * (gap + 1), tail)
