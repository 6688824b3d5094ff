"""What a call says: the line on the screen in both languages and the words spoken.

The ticket is read one digit at a time and the window as a number:
``A012`` at window ``02`` is spoken 请 A 零一二 号到 二 号窗口. The ticket in the
customer's hand says A012: reading it digit by digit gives back exactly the
characters printed on it, leading zero included, as Chinese branch callers do
(``A十二`` could be A12 or A012, and 一百零二 is slow to say and to match). The
window is a sign above the counter with a plain number on it: people say
二号窗口, never 零二号窗口; windows 10 to 99 are read 十号, 十一号 … 九十九号.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from workstation.domain.i18n import Catalog

SpokenLanguage = Literal["zh", "en"]
DIGITS = "零一二三四五六七八九"
_TICKET = re.compile(r"^[A-Z]{1,3}[0-9]{1,6}$")
_WINDOW = re.compile(r"^[0-9]{1,3}$")


@dataclass(frozen=True)
class Announcement:
    """One call: what the display shows and what the voice says."""

    ticket: str
    """As printed: ``A012``."""
    window: str
    """As the counter is numbered: ``02``."""
    zh: str
    """For the screen: 请 A012 号到 02 号窗口."""
    en: str
    """For the screen: Ticket A012, window 02."""
    spoken: str
    """For the voice, numbers in words: 请A零一二号到二号窗口."""


def spell_ticket(ticket: str, lang: SpokenLanguage = "zh") -> str:
    """``A012`` → ``A零一二`` (zh) or ``A 0 1 2`` (en): the letters, then each digit."""
    if lang == "en":
        return " ".join(ticket)
    return "".join(DIGITS[int(ch)] if ch.isdigit() else ch for ch in ticket)


def chinese_number(n: int) -> str:
    """0–99 in Chinese numerals as a number is said: 2 → 二, 10 → 十, 21 → 二十一.

    Larger numbers are read digit by digit (no branch has a hundredth window).
    """
    if n < 0:
        raise ValueError(f"not a window number: {n}")
    if n < 10:
        return DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")
    return "".join(DIGITS[int(ch)] for ch in str(n))


def call_announcement(ticket: str, window: str, spoken_lang: SpokenLanguage = "zh") -> Announcement:
    """The announcement of ``ticket`` called to ``window`` (counter number, e.g. ``02``)."""
    ticket = ticket.strip().upper()
    window = window.strip()
    if not _TICKET.match(ticket):
        raise ValueError(f"not a ticket number: {ticket!r}")
    if not _WINDOW.match(window):
        raise ValueError(f"not a window number: {window!r}")
    zh, en = Catalog.load("zh"), Catalog.load("en")
    number = int(window)
    spoken_window = chinese_number(number) if spoken_lang == "zh" else str(number)
    spoken = Catalog.load(spoken_lang)(
        "voice.spoken", ticket=spell_ticket(ticket, spoken_lang), window=spoken_window
    )
    return Announcement(
        ticket=ticket,
        window=window,
        zh=zh("voice.call", ticket=ticket, window=window),
        en=en("voice.call", ticket=ticket, window=window),
        spoken=spoken,
    )


def spoken_language(voice: str) -> SpokenLanguage:
    """The language an espeak-ng voice speaks: English for ``en…`` voices, else Chinese."""
    return "en" if voice.split("-")[0] == "en" else "zh"


def as_pinyin(text: str) -> str:
    """Chinese text as tone-numbered pinyin, for espeak-ng's ``cmn-latn-pinyin`` voice.

    ``请A零一二号`` → ``qing3 A ling2 yi1 er4 hao4``; letters stay as they are (the
    voice reads A, B, C, D, V as their letter names).
    """
    from pypinyin import Style, lazy_pinyin  # 0.14 s to import: only when speaking

    words = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    return " ".join(part for word in words for part in word.split())
