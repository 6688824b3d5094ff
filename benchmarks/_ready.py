"""Child process for startup.py: run an app headless and signal when it is ready for input.

``python _ready.py bare`` runs a one-Input Textual app; ``python _ready.py
workstation CONFIG`` runs the real ``workstation`` command. Both report
readiness the same way: the first moment an Input has focus, a byte goes to
the file descriptor in BENCH_READY_FD and the app exits.
"""

from __future__ import annotations

import os
import sys

import textual.app
from textual.widgets import Input

READY_FD = int(os.environ["BENCH_READY_FD"])
_run = textual.app.App.run


async def _signal_when_ready(pilot) -> None:
    app = pilot.app
    while not isinstance(app.focused, Input):
        await pilot.pause(0.001)
    os.write(READY_FD, b"r")
    app.exit()


def _headless_run(self, *args, **kwargs):
    kwargs.update(headless=True, auto_pilot=_signal_when_ready)
    return _run(self, *args, **kwargs)


textual.app.App.run = _headless_run

if sys.argv[1] == "bare":

    class Bare(textual.app.App):
        def compose(self):
            yield Input()

    Bare().run()
else:
    from workstation.cli import main

    main(["--config", sys.argv[2]])
