"""A two-note chime as a WAV file, and the audio players a display host may have.

The chime is made with the standard ``wave`` module (no sound files shipped);
it is played with the first player found on PATH. A host with none of them
has no way to make sound but a terminal bell.
"""

from __future__ import annotations

import math
import shutil
import struct
import wave
from pathlib import Path

RATE = 22_050
NOTES = ((880.0, 0.28), (660.0, 0.42))
"""Ding-dong: hertz and seconds of each note."""
PLAYERS: tuple[tuple[str, ...], ...] = (
    ("aplay", "-q"),
    ("paplay",),
    ("pw-play",),
    ("ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet"),
)
"""Players tried in order, each given the WAV file as its last argument."""


def find_player() -> tuple[str, ...] | None:
    """The command line of the first audio player on PATH, or None."""
    for player in PLAYERS:
        found = shutil.which(player[0])
        if found:
            return (found, *player[1:])
    return None


def _samples() -> list[int]:
    samples: list[int] = []
    for freq, seconds in NOTES:
        count = int(RATE * seconds)
        for i in range(count):
            fade = min(1.0, i / (0.01 * RATE)) * (1 - i / count) ** 2  # soft attack, decay
            samples.append(round(0.5 * 32767 * fade * math.sin(2 * math.pi * freq * i / RATE)))
    return samples


def write_chime(path: Path) -> Path:
    """Write the chime as a 16-bit mono WAV file at ``path``; returns ``path``."""
    samples = _samples()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return path
