"""A tiny Textual app for the browser harness's own test: a counter and a button.

    python -m tests.browser_app MARKER

It writes MARKER (JSON) when it is laid out and after each press: the count,
the terminal size in cells and the button's region (x, y, width, height), so
a test can click at the button's place on the canvas and see the count move.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Button, Label


class CounterApp(App[None]):
    CSS = "Screen { align: center middle; } #add { margin-top: 1; }"

    def __init__(self, marker: Path) -> None:
        super().__init__()
        self.marker = marker
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Label("count 0", id="count")
        yield Button("Add one", id="add")

    def on_mount(self) -> None:
        self.call_after_refresh(self.report)

    def on_resize(self) -> None:
        self.call_after_refresh(self.report)

    def on_button_pressed(self) -> None:
        self.count += 1
        self.query_one("#count", Label).update(f"count {self.count}")
        self.call_after_refresh(self.report)

    def report(self) -> None:
        region = self.query_one("#add", Button).region
        state = {
            "count": self.count,
            "size": [self.size.width, self.size.height],
            "button": [region.x, region.y, region.width, region.height],
        }
        partial = self.marker.with_suffix(".part")
        partial.write_text(json.dumps(state))
        os.replace(partial, self.marker)


if __name__ == "__main__":
    CounterApp(Path(sys.argv[1])).run()
