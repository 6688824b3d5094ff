"""For the backup tests: a teller posting in a loop, manifests (the CLI: tests/cli_support.py)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.ledger_support import contact_change


class Poster(threading.Thread):
    """A teller at ``station`` posting contact changes until told to stop."""

    def __init__(self, station: Any, teller: Any) -> None:
        super().__init__(daemon=True)
        self.station, self.teller = station, teller
        self.posted = 0
        self.error: BaseException | None = None
        self._stop_now = threading.Event()
        self._changed = threading.Condition()

    def run(self) -> None:
        try:
            while not self._stop_now.is_set():
                change = contact_change(self.station)
                self.station.postings.post(change, self.teller)
                with self._changed:
                    self.posted += 1
                    self._changed.notify_all()
        except BaseException as error:  # reported by wait_for and finish
            self.error = error
            with self._changed:
                self._changed.notify_all()

    def wait_for(self, count: int) -> None:
        """Block until ``count`` postings are in (or the poster failed)."""
        with self._changed:
            done = self._changed.wait_for(
                lambda: self.posted >= count or self.error is not None, timeout=120
            )
        assert done and self.error is None, self.error

    def wait_for_more(self, more: int) -> None:
        self.wait_for(self.posted + more)

    def finish(self) -> int:
        self._stop_now.set()
        self.join(timeout=120)
        assert self.error is None, self.error
        return self.posted


def holding_snapshot(original: Callable[..., Any], poster: Poster) -> Callable[..., Any]:
    """``original``, called while the copy's snapshot is open, after two more postings commit."""

    def slowed(*args: Any, **kwargs: Any) -> Any:
        poster.wait_for_more(2)
        return original(*args, **kwargs)

    return slowed


def manifest_of(folder: Path) -> Path:
    (found,) = folder.glob("*.manifest.json")
    return found


def backup_file(manifest: Path) -> Path:
    return manifest.with_name(json.loads(manifest.read_text("utf-8"))["file"]["name"])


def edit_manifest(manifest: Path, change: Callable[[dict[str, Any]], None]) -> None:
    document = json.loads(manifest.read_text("utf-8"))
    change(document)
    manifest.write_text(json.dumps(document), "utf-8")
