"""Calls spoken aloud on the display host: one at a time, in order, offline.

``Announcer.for_host(enabled, voice, rate, bell)`` (the ``[voice]`` section's values)
builds the announcer; ``announcer.call("A012", "02")`` queues the call and
returns its :class:`Announcement` (the screen's texts in both languages and
the words spoken). Tests give ``Announcer(FakeSpeaker())``.
"""

from workstation.services.voice.announcer import Announcer
from workstation.services.voice.fake import FakeSpeaker
from workstation.services.voice.speakers import (
    ChimeSpeaker,
    EspeakSpeaker,
    FallbackSpeaker,
    Speaker,
    SpeechUnavailable,
    speaker_for,
)
from workstation.services.voice.text import Announcement, call_announcement

__all__ = [
    "Announcement",
    "Announcer",
    "ChimeSpeaker",
    "EspeakSpeaker",
    "FakeSpeaker",
    "FallbackSpeaker",
    "Speaker",
    "SpeechUnavailable",
    "call_announcement",
    "speaker_for",
]
