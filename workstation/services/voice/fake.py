"""A speaker for tests: records what it was asked to say, and when, without a sound."""

from __future__ import annotations

import threading
import time

from workstation.services.voice.speakers import SpeechUnavailable


class FakeSpeaker:
    """Records each text; ``delay`` makes each announcement take that long; ``fail`` raises.

    ``events`` lists ``("start", text)`` and ``("end", text)`` in the order they
    happened; ``most_at_once`` is the largest number of announcements ever being
    said at the same moment (1 when they never overlap).
    """

    def __init__(self, delay: float = 0.0, fail: bool = False) -> None:
        self.delay = delay
        self.fail = fail
        self.spoken: list[str] = []
        self.events: list[tuple[str, str]] = []
        self.most_at_once = 0
        self._active = 0
        self._lock = threading.Lock()

    def speak(self, text: str) -> None:
        if self.fail:
            raise SpeechUnavailable("the fake speaker was told to fail")
        with self._lock:
            self._active += 1
            self.most_at_once = max(self.most_at_once, self._active)
            self.events.append(("start", text))
        time.sleep(self.delay)
        with self._lock:
            self._active -= 1
            self.events.append(("end", text))
            self.spoken.append(text)
