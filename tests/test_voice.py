"""The voice of the calling display: what a call says, one at a time, in order, never cut off."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import wave
from pathlib import Path

import pytest

from workstation.config import VoiceSection
from workstation.services.voice import (
    Announcer,
    ChimeSpeaker,
    EspeakSpeaker,
    FakeSpeaker,
    FallbackSpeaker,
    call_announcement,
)
from workstation.services.voice import speakers as speakers_module
from workstation.services.voice.chime import write_chime
from workstation.services.voice.text import as_pinyin, chinese_number, spell_ticket

ESPEAK = shutil.which("espeak-ng")
ESPEAK_REQUIRED = os.environ.get("WORKSTATION_TEST_ESPEAK") == "1"
"""Set by CI, which installs espeak-ng: there a missing espeak-ng fails instead of skipping."""


def test_a_call_reads_the_ticket_digit_by_digit_and_the_window_as_a_number():
    call = call_announcement("A012", "02")
    assert call.zh == "请 A012 号到 02 号窗口"
    assert call.en == "Ticket A012, window 02"
    assert call.spoken == "请A零一二号到二号窗口"
    assert call_announcement("v007", "11").spoken == "请V零零七号到十一号窗口"
    assert call_announcement("A012", "02", "en").spoken == "Ticket A 0 1 2, window 2"


@pytest.mark.parametrize(
    ("n", "said"), [(0, "零"), (2, "二"), (10, "十"), (11, "十一"), (20, "二十"), (34, "三十四")]
)
def test_window_numbers_are_said_as_numbers(n, said):
    assert chinese_number(n) == said


def test_a_ticket_keeps_its_leading_zeros():
    assert spell_ticket("B100") == "B一零零"
    assert spell_ticket("C007") == "C零零七"


@pytest.mark.parametrize(("ticket", "window"), [("012", "02"), ("A-12", "02"), ("A012", "2b")])
def test_a_malformed_call_is_refused(ticket, window):
    with pytest.raises(ValueError):
        call_announcement(ticket, window)


def test_the_pinyin_voice_gets_tone_numbered_pinyin_and_the_letter():
    assert as_pinyin("请A零一二号到二号窗口") == (
        "qing3 A ling2 yi1 er4 hao4 dao4 er4 hao4 chuang1 kou3"
    )
    pinyin = EspeakSpeaker("cmn-latn-pinyin", executable="espeak-ng")
    assert pinyin.command("请A零号", None)[-1] == "qing3 A ling2 hao4"
    assert EspeakSpeaker("cmn").command("请A零号")[-1] == "请A零号"


def test_calls_are_spoken_in_the_order_they_were_made():
    speaker = FakeSpeaker()
    announcer = Announcer(speaker)
    for ticket, window in [("A001", "01"), ("B002", "02"), ("A003", "04")]:
        announcer.call(ticket, window)
    assert announcer.wait_idle(10)
    assert speaker.spoken == [
        "请A零零一号到一号窗口",
        "请B零零二号到二号窗口",
        "请A零零三号到四号窗口",
    ]
    announcer.close()


def test_three_calls_at_once_are_said_one_after_the_other_never_cut_off():
    speaker = FakeSpeaker(delay=0.05)
    announcer = Announcer(speaker)
    start = threading.Barrier(3)

    def press(ticket: str) -> None:
        start.wait()
        announcer.call(ticket, "02")

    callers = [threading.Thread(target=press, args=(t,)) for t in ("A001", "A002", "A003")]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    assert announcer.wait_idle(10)
    assert speaker.most_at_once == 1
    # each announcement ends before the next begins
    assert [kind for kind, _ in speaker.events] == ["start", "end"] * 3
    assert [text for _, text in speaker.events[::2]] == [text for _, text in speaker.events[1::2]]
    assert len(set(speaker.spoken)) == 3
    announcer.close()


def test_a_call_made_while_one_is_spoken_waits_for_it():
    speaker = FakeSpeaker(delay=0.2)
    announcer = Announcer(speaker)
    announcer.call("A001", "01")
    while not speaker.events:  # the first has begun
        threading.Event().wait(0.005)
    announcer.call("A002", "01")
    assert announcer.wait_idle(10)
    assert speaker.events == [
        ("start", "请A零零一号到一号窗口"),
        ("end", "请A零零一号到一号窗口"),
        ("start", "请A零零二号到一号窗口"),
        ("end", "请A零零二号到一号窗口"),
    ]
    announcer.close()


def test_with_voice_off_nothing_is_said_but_the_screen_still_gets_its_text():
    speaker = FakeSpeaker()
    announcer = Announcer(speaker, enabled=False)
    call = announcer.call("A012", "02")
    assert call.zh == "请 A012 号到 02 号窗口"
    assert announcer.wait_idle(1)
    assert speaker.spoken == []
    settings = VoiceSection(enabled=False)
    quiet = Announcer.for_host(settings.enabled, settings.voice, settings.rate)
    assert quiet.call("A012", "02").en == "Ticket A012, window 02"
    assert not quiet.enabled


def test_a_failing_speaker_does_not_silence_the_calls_after_it():
    class Broken:
        def __init__(self) -> None:
            self.calls = 0

        def speak(self, text: str) -> None:
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("boom")

    broken = Broken()
    announcer = Announcer(broken)
    announcer.call("A001", "01")
    announcer.call("A002", "01")
    assert announcer.wait_idle(10)
    assert broken.calls == 2
    announcer.close()


def test_closing_drops_what_is_queued_and_lets_the_current_one_finish():
    speaker = FakeSpeaker(delay=0.2)
    announcer = Announcer(speaker)
    for n in range(1, 4):
        announcer.call(f"A00{n}", "01")
    while not speaker.events:
        threading.Event().wait(0.005)
    announcer.close()
    assert speaker.spoken == ["请A零零一号到一号窗口"]
    assert announcer.announce(call_announcement("A009", "01")) is False


def _failing_espeak(tmp_path: Path) -> str:
    script = tmp_path / "espeak-ng"
    script.write_text("#!/bin/sh\necho 'error: no voice' >&2\nexit 1\n")
    script.chmod(0o755)
    return str(script)


def test_a_failing_espeak_falls_back_to_the_chime(tmp_path):
    rings: list[str] = []
    chime = ChimeSpeaker(player=None, bell=lambda: rings.append("ding"))
    announcer = Announcer(
        FallbackSpeaker(EspeakSpeaker(executable=_failing_espeak(tmp_path)), chime)
    )
    announcer.call("A012", "02")
    announcer.call("A013", "02")
    assert announcer.wait_idle(10)
    assert rings == ["ding", "ding"]
    announcer.close()


def test_espeak_saying_no_audio_device_counts_as_failed(tmp_path):
    # espeak-ng exits 0 without a sound card and only says "error:" on stderr
    script = tmp_path / "espeak-ng"
    script.write_text(
        "#!/bin/sh\necho 'ALSA lib pcm.c: Unknown PCM default' >&2\n"
        "echo 'error: No such file or directory' >&2\nexit 0\n"
    )
    script.chmod(0o755)
    rings: list[str] = []
    speaker = FallbackSpeaker(
        EspeakSpeaker(executable=str(script)), ChimeSpeaker(None, lambda: rings.append("ding"))
    )
    speaker.speak("请A零一二号到二号窗口")
    assert rings == ["ding"]


def test_without_espeak_the_host_chimes(monkeypatch):
    monkeypatch.setattr(speakers_module.shutil, "which", lambda name: None)
    assert isinstance(speakers_module.speaker_for(), ChimeSpeaker)


def test_the_chime_plays_through_the_player_it_was_given(tmp_path):
    played = tmp_path / "played"
    player = tmp_path / "player"
    player.write_text(f'#!/bin/sh\ncp "$1" {played}\n')
    player.chmod(0o755)
    ChimeSpeaker(player=[str(player)]).speak("请A零一二号到二号窗口")
    with wave.open(str(played)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        assert wav.getnframes() > 0.5 * wav.getframerate()


def test_the_chime_is_a_wav_file(tmp_path):
    path = write_chime(tmp_path / "chime.wav")
    assert path.read_bytes()[:4] == b"RIFF"
    with wave.open(str(path)) as wav:
        assert wav.getnframes() > 0


@pytest.mark.skipif(
    ESPEAK is None and not ESPEAK_REQUIRED, reason="espeak-ng is not installed (CI installs it)"
)
def test_the_real_espeak_ng_says_a_call_into_a_wav_file(tmp_path):
    assert ESPEAK is not None, "WORKSTATION_TEST_ESPEAK=1 but espeak-ng is not on PATH"
    text = call_announcement("A012", "02").spoken
    speaker = EspeakSpeaker(executable=ESPEAK)
    wav = speaker.render(text, tmp_path / "call.wav")
    data = wav.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    with wave.open(str(wav)) as sound:
        assert sound.getnframes() > sound.getframerate()  # more than a second of speech
    # the pinyin voice reads every syllable as Mandarin: no switch to English phonemes
    said = subprocess.run(
        [ESPEAK, "-q", "-x", "-v", speaker.voice, speaker.words(text)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "(en)" not in said and said.count("_|") >= 11
