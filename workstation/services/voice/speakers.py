"""Speakers: what turns an announcement's words into sound.

:class:`EspeakSpeaker` speaks offline with espeak-ng. Debian 12's espeak-ng 1.51
reads most Chinese characters wrongly with the ``cmn`` voice (请 comes out as
the English words "qing three": espeak-ng issue #1370, fixed after 1.51), so
by default the words go in as tone-numbered pinyin to the ``cmn-latn-pinyin``
voice, which says them right; any other voice gets the characters. It renders
a WAV file and plays it with the first player found (aplay, paplay, pw-play,
ffplay); with none it lets espeak-ng play through its own audio output.

:class:`ChimeSpeaker` plays a generated two-note chime instead (or rings the
bell it was given, or only logs, where nothing can make sound), and
:class:`FallbackSpeaker` turns to it whenever speech fails.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from workstation.services.voice.chime import find_player, write_chime
from workstation.services.voice.text import as_pinyin

log = logging.getLogger(__name__)
TIMEOUT_S = 60.0
"""Longest a speech or a play may take before it counts as failed (a hung player)."""
DEFAULT_VOICE = "cmn-latn-pinyin"
DEFAULT_RATE = 150


class SpeechUnavailable(Exception):
    """Speech could not be made or played; the message says why."""


class Speaker(Protocol):
    def speak(self, text: str) -> None:
        """Say ``text``; return once it has been said (or raise SpeechUnavailable)."""


def _run(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            list(command), capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SpeechUnavailable(f"{Path(command[0]).name}: {error}") from None


def _check(done: subprocess.CompletedProcess[str], what: str) -> None:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    # espeak-ng exits 0 when it cannot open an audio device; it says "error:" on stderr
    failed = done.returncode != 0 or any(line.startswith("error:") for line in lines)
    if failed:
        reason = lines[-1] if lines else f"exit status {done.returncode}"
        raise SpeechUnavailable(f"{what}: {reason}")


class EspeakSpeaker:
    """Offline speech with espeak-ng."""

    def __init__(
        self,
        voice: str = DEFAULT_VOICE,
        rate: int = DEFAULT_RATE,
        *,
        executable: str = "espeak-ng",
        player: Sequence[str] | None = None,
    ) -> None:
        self.voice = voice
        self.rate = rate
        self.executable = executable
        self.player = tuple(player) if player else None
        """The audio player's command line (the WAV file is added last); None: espeak-ng's own."""

    def words(self, text: str) -> str:
        """What espeak-ng is given for ``text``: pinyin for a pinyin voice, else the text."""
        return as_pinyin(text) if self.voice.endswith("latn-pinyin") else text

    def command(self, text: str, wav: Path | None = None) -> list[str]:
        """The espeak-ng command line that says ``text`` (into ``wav`` when given)."""
        out = ["-w", str(wav)] if wav is not None else []
        return [self.executable, "-v", self.voice, "-s", str(self.rate), *out, self.words(text)]

    def render(self, text: str, wav: Path) -> Path:
        """Write ``text`` spoken to the WAV file ``wav``."""
        _check(_run(self.command(text, wav)), "espeak-ng")
        if not wav.exists() or wav.stat().st_size <= 44:  # a WAV header and no sound
            raise SpeechUnavailable("espeak-ng: wrote no sound")
        return wav

    def speak(self, text: str) -> None:
        if self.player is None:
            _check(_run(self.command(text)), "espeak-ng")
            return
        with tempfile.TemporaryDirectory(prefix="workstation-voice-") as folder:
            wav = self.render(text, Path(folder) / "call.wav")
            _check(_run([*self.player, str(wav)]), Path(self.player[0]).name)


class ChimeSpeaker:
    """A chime in place of words: played, else the bell rung, else logged."""

    def __init__(
        self, player: Sequence[str] | None = None, bell: Callable[[], None] | None = None
    ) -> None:
        self.player = tuple(player) if player else None
        self.bell = bell
        """Rings where no player exists, e.g. the display's ``app.bell`` (from its thread)."""

    def speak(self, text: str) -> None:
        if self.player is not None:
            try:
                with tempfile.TemporaryDirectory(prefix="workstation-chime-") as folder:
                    wav = write_chime(Path(folder) / "chime.wav")
                    _check(_run([*self.player, str(wav)]), Path(self.player[0]).name)
                return
            except SpeechUnavailable as error:
                log.warning("the chime could not be played: %s", error)
        if self.bell is not None:
            self.bell()
        else:
            log.info("chime (no way to make sound here) for: %s", text)


class FallbackSpeaker:
    """Speaks with ``primary``; when that fails, the same announcement goes to ``fallback``.

    The first failure in a row is logged as a warning, the rest quietly, until
    speech works again.
    """

    def __init__(self, primary: Speaker, fallback: Speaker) -> None:
        self.primary = primary
        self.fallback = fallback
        self.failing = False

    def speak(self, text: str) -> None:
        try:
            self.primary.speak(text)
        except SpeechUnavailable as error:
            level = logging.DEBUG if self.failing else logging.WARNING
            log.log(level, "speech unavailable, a chime instead: %s", error)
            self.failing = True
            self.fallback.speak(text)
        else:
            self.failing = False


def speaker_for(
    voice: str = DEFAULT_VOICE, rate: int = DEFAULT_RATE, bell: Callable[[], None] | None = None
) -> Speaker:
    """The best speaker this host has: espeak-ng with the chime behind it, or the chime alone."""
    player = find_player()
    chime = ChimeSpeaker(player, bell)
    executable = shutil.which("espeak-ng")
    if executable is None:
        log.warning("espeak-ng is not installed: calls are chimed, not spoken")
        return chime
    return FallbackSpeaker(EspeakSpeaker(voice, rate, executable=executable, player=player), chime)
