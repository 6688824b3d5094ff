"""The top line of every screen: where, who, and the time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class StatusBar(Horizontal):
    """Branch and counter on the left; person, role and a ticking clock on the right."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        dock: top;
        background: $primary;
        color: $text;
    }
    StatusBar #place {
        width: 1fr;
        padding: 0 1;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    StatusBar #demo-badge {
        width: auto;
        padding: 0 1;
        background: $warning;
        color: $text;
        display: none;
    }
    StatusBar.demo #demo-badge { display: block; }
    StatusBar #who { width: auto; padding: 0 1; }
    StatusBar #clock { width: auto; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="place")
        yield Static(self.app.t("app.demo_badge"), id="demo-badge")
        yield Static(id="who")
        yield Static(id="clock")

    def on_mount(self) -> None:
        self.refresh_text()
        self.set_interval(1, self._tick)
        self.watch(self.app, "station", lambda _: self.refresh_text(), init=False)
        self.watch(self.app, "who", lambda _: self.refresh_text(), init=False)

    def _tick(self) -> None:
        self.query_one("#clock", Static).update(self.app.clock.now().strftime("%Y-%m-%d %H:%M:%S"))

    def refresh_text(self) -> None:
        app, t = self.app, self.app.t
        place = t("app.title")
        if app.station is not None:
            lang = t.lang
            place = f"{app.station.branch.name(lang)} · {app.station.counter.name(lang)}"
            self.set_class(app.station.demo, "demo")
        self.query_one("#place", Static).update(place)
        who = ""
        if app.who is not None:
            staff = app.who.staff
            who = t(
                "home.signed_in_as", name=staff.name, staff_id=staff.staff_id, role=staff.role.label
            )
        self.query_one("#who", Static).update(who)
        self._tick()
