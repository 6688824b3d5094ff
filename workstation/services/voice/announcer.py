"""The announcer: calls are spoken one at a time, in order, from a queue in one thread.

``announce()`` returns at once; a single daemon thread takes the queued
announcements one after the other and hands each to the speaker, which
returns only when it has finished. So a new call never cuts one off and two
are never heard at once; a call made while another is spoken waits its turn.
A speaker that fails is logged and the next announcement goes on.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable

from workstation.services.voice.speakers import DEFAULT_RATE, DEFAULT_VOICE, Speaker, speaker_for
from workstation.services.voice.text import (
    Announcement,
    SpokenLanguage,
    call_announcement,
    spoken_language,
)

log = logging.getLogger(__name__)


class Announcer:
    """Speaks announcements one at a time; does nothing (but build the text) when disabled."""

    def __init__(
        self, speaker: Speaker, *, enabled: bool = True, spoken_lang: SpokenLanguage = "zh"
    ) -> None:
        self.speaker = speaker
        self.enabled = enabled
        self.spoken_lang: SpokenLanguage = spoken_lang
        self._pending: deque[Announcement] = deque()
        self._speaking = False
        self._closed = False
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    @classmethod
    def for_host(
        cls,
        enabled: bool = True,
        voice: str = DEFAULT_VOICE,
        rate: int = DEFAULT_RATE,
        bell: Callable[[], None] | None = None,
    ) -> Announcer:
        """The display host's announcer, from ``[voice]``: espeak-ng, else the chime.

        ``bell`` rings where no audio player exists (the display passes its app's bell).
        """
        lang = spoken_language(voice)
        if not enabled:
            return cls(_Silent(), enabled=False, spoken_lang=lang)
        return cls(speaker_for(voice, rate, bell), spoken_lang=lang)

    def call(self, ticket: str, window: str) -> Announcement:
        """Announce ``ticket`` called to ``window``; returns the texts for the screen."""
        announcement = call_announcement(ticket, window, self.spoken_lang)
        self.announce(announcement)
        return announcement

    def announce(self, announcement: Announcement) -> bool:
        """Queue an announcement; False when voice is off or the announcer is closed."""
        if not self.enabled:
            return False
        with self._cond:
            if self._closed:
                return False
            self._pending.append(announcement)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="announcer", daemon=True)
                self._thread.start()
            self._cond.notify_all()
        return True

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until everything queued has been said; False if ``timeout`` came first."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._speaking, timeout)

    @property
    def pending(self) -> int:
        """Announcements queued and not yet begun."""
        with self._cond:
            return len(self._pending)

    def close(self, timeout: float | None = 5.0) -> None:
        """Stop: what is queued is dropped, the announcement being said is let finish."""
        with self._cond:
            self._closed = True
            self._pending.clear()
            self._cond.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _next(self) -> Announcement | None:
        with self._cond:
            self._speaking = False
            self._cond.notify_all()
            self._cond.wait_for(lambda: self._pending or self._closed)
            if self._closed:
                return None
            self._speaking = True
            return self._pending.popleft()

    def _run(self) -> None:
        while (announcement := self._next()) is not None:
            try:
                self.speaker.speak(announcement.spoken)
            except Exception:  # a broken speaker must not silence the calls after it
                log.exception("announcing %s failed", announcement.ticket)


class _Silent:
    def speak(self, text: str) -> None:
        """Voice is off: nothing is said."""
