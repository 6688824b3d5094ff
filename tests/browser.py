"""Browser tests: a Textual app served by textual-serve, driven in a real Chromium.

The ``browser_page`` fixture (re-exported by ``tests/conftest.py``) gives a
function that serves a command line and opens it::

    def test_the_display_in_a_browser(browser_page, tmp_path):
        command = [sys.executable, "-m", "workstation", "--config", str(cfg), "display"]
        term = browser_page(shlex.join(command))
        term.screenshot("before")                      # tmp_path/before.png
        term.click_cell(x, y, cols, rows)              # a click at a terminal cell
        term.press("Enter")                            # keys go to the app
        wait_for(lambda: marker.exists(), what="the app's marker")

Each call starts textual-serve (:func:`workstation.cli.servecmd.run_server`)
in its own process group on a free 127.0.0.1 port, waits until it answers,
and opens a page on it in Chromium (Debian's ``/usr/bin/chromium``, through
the playwright package; no downloaded browser). Everything is stopped when the
test ends, however it ends. The terminal is drawn on a canvas
(``document.body.innerText`` is empty): assert on what the app stored or did,
or on screenshots, or on the text the page was sent (``term.received()``: what
the app wrote to the terminal, escape sequences taken out). Without Chromium or
playwright the test is skipped with the reason; with ``WORKSTATION_TEST_BROWSER=1``
(CI) it fails instead.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("WORKSTATION_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRED = os.environ.get("WORKSTATION_TEST_BROWSER") == "1"
"""Set by CI: a missing browser is a failure there, not a skip."""
START_S = 30.0
T = TypeVar("T")
RECORD_JS = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__received = "";
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string") return;
        window.__received += decoder.decode(new Uint8Array(event.data), {stream: true});
        if (window.__received.length > 4000000) {
          window.__received = window.__received.slice(-2000000);
        }
      });
    }
  };
})();
"""
"""Keeps what the server sends the terminal (the app's output) in ``window.__received``."""
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_=>]")


def missing() -> str | None:
    """Why browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install playwright)"
    return None


def need_browser() -> None:
    reason = missing()
    if reason is not None:
        if REQUIRED:
            pytest.fail(f"WORKSTATION_TEST_BROWSER=1 but {reason}")
        pytest.skip(reason)


def free_port() -> int:
    """A 127.0.0.1 port free now, that no other pytest-xdist worker of this run hands out:
    worker ``gwN`` of ``K`` takes only ports whose CRC-32 is N modulo K (the server binds the
    port a moment later, so two workers must never pick the same one). Not ``port % K``:
    Linux gives ``bind(port 0)`` even ports only."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    index = int(worker.removeprefix("gw"))
    for _ in range(1000):  # each try is this worker's with odds 1/K
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port: int = probe.getsockname()[1]
        if zlib.crc32(str(port).encode()) % count == index:
            return port
    raise AssertionError(f"no free port for xdist worker {worker} of {count}")


def wait_for(check: Callable[[], T | None], timeout: float = START_S, what: str = "it") -> T:
    """Ask ``check`` every 50 ms until it gives something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:g} s for {what}")
        time.sleep(0.05)


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:] if log.exists() else ""


def _answers(url: str, server: subprocess.Popen[bytes], log: Path) -> bool:
    if server.poll() is not None:
        pytest.fail(f"the server stopped ({server.returncode}):\n{_tail(log)}")
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a process started in its own session, and everything it started."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)  # textual-serve closes its apps' websockets
    with suppress(subprocess.TimeoutExpired):
        process.wait(5)
    with suppress(ProcessLookupError):  # whatever of the group is left (an app slow to quit)
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(5)


def start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    """Run ``args`` from the repository root in a session of its own (for :func:`stop`),
    all its output to ``log``."""
    with log.open("wb") as out:
        return subprocess.Popen(
            args,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@contextmanager
def served(command: str, log: Path) -> Iterator[str]:
    """textual-serve serving ``command`` on a free local port; yields the page's URL."""
    port = free_port()
    server = start([sys.executable, "-m", "tests.serve_command", str(port), command], log)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for(lambda: _answers(url, server, log), what=f"textual-serve on {url}")
        yield url
    finally:
        stop(server)


class Terminal:
    """A served Textual app open in a Chromium page."""

    def __init__(self, page: Any, url: str, shots: Path) -> None:
        self.page = page
        """The Playwright ``Page``."""
        self.url = url
        self.shots = shots

    def screenshot(self, name: str) -> Path:
        """Save the page as ``<tmp_path>/<name>.png`` and return its path."""
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def click_cell(self, x: int, y: int, cols: int, rows: int) -> None:
        """Click the middle of cell (x, y) of a ``cols`` × ``rows`` terminal."""
        box = self.page.locator(".xterm-screen").bounding_box()
        assert box is not None, "no terminal on the page"
        self.page.mouse.click(
            box["x"] + (x + 0.5) * box["width"] / cols,
            box["y"] + (y + 0.5) * box["height"] / rows,
        )

    def received(self) -> str:
        """Everything the app has written to this page's terminal, without escape sequences."""
        return ESCAPES.sub("", self.page.evaluate("window.__received"))

    def press(self, key: str) -> None:
        """Press a key (Playwright's names: ``Enter``, ``F2``, ``a``) in the app."""
        self.page.locator(".xterm-helper-textarea").focus()
        self.page.keyboard.press(key)


@pytest.fixture
def browser_page(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """``open(command, width=1280, height=800) -> Terminal``: serve and open a command line."""
    need_browser()
    from playwright.sync_api import sync_playwright

    serial = itertools.count(1)
    with ExitStack() as stack:
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        stack.callback(browser.close)

        def open_page(command: str, width: int = 1280, height: int = 800) -> Terminal:
            n = next(serial)
            url = stack.enter_context(served(command, tmp_path / f"serve-{n}.log"))
            page = browser.new_page(viewport={"width": width, "height": height})
            stack.callback(page.close)
            page.add_init_script(RECORD_JS)
            page.goto(url)
            page.wait_for_selector("body.-first-byte", timeout=START_S * 1000)
            return Terminal(page, url, tmp_path)

        yield open_page
