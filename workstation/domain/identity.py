"""Resident identity card numbers (GB 11643-1999) and the card's expiry."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from workstation.domain.dates import parse_date
from workstation.domain.errors import InvalidValue

# Province-level codes: the first two digits of every resident ID.
_PROVINCE_CODES = (
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82"
)
PROVINCES = frozenset(_PROVINCE_CODES.split())
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_LEGACY = re.compile(r"[0-9]{15}")
_EARLIEST_YEAR = 1900

LONG_TERM = "长期"
_LONG_TERM_WORDS = frozenset({"长期", "长期有效", "long-term", "long term", "longterm"})


@dataclass(frozen=True)
class ResidentId:
    """A resident ID number that passed every check, with what it says about its holder."""

    number: str
    region: str
    birth_date: date
    sex: Literal["M", "F"]


def check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character (``0``–``9`` or ``X``) for 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def parse_resident_id(text: str, today: date) -> ResidentId:
    """Check an 18-character resident ID number typed at the counter.

    Surrounding whitespace is ignored and a lowercase ``x`` is read as ``X``.
    Checks, in order: length (a 15-digit legacy number is refused, never
    converted), characters, province code, birth date (exists, from 1900, not
    after ``today``), check digit. Each refusal raises :class:`InvalidValue`
    with an ``invalid.id.*`` key.
    """
    number = text.strip().replace("x", "X")
    if _LEGACY.fullmatch(number):
        raise InvalidValue("invalid.id.legacy15")
    if len(number) != 18:
        raise InvalidValue("invalid.id.length", length=len(number))
    if not _SHAPE.fullmatch(number):
        raise InvalidValue("invalid.id.chars")
    if number[:2] not in PROVINCES:
        raise InvalidValue("invalid.id.region", region=number[:6])
    birth = _birth_date(number[6:14], today)
    if check_digit(number[:17]) != number[17]:
        raise InvalidValue("invalid.id.checksum")
    sex: Literal["M", "F"] = "M" if int(number[16]) % 2 else "F"
    return ResidentId(number=number, region=number[:6], birth_date=birth, sex=sex)


def _birth_date(digits: str, today: date) -> date:
    written = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise InvalidValue("invalid.id.birth_date", birth=written) from None
    if birth.year < _EARLIEST_YEAR:
        raise InvalidValue("invalid.id.birth_date", birth=written)
    if birth > today:
        raise InvalidValue("invalid.id.future_birth", birth=written)
    return birth


def mask_resident_id(number: str) -> str:
    """Hide the middle of an ID number for print and screen: ``110105********0016``.

    Expects a parsed 18-character number; shows its first 6 and last 4 characters.
    """
    return f"{number[:6]}{'*' * 8}{number[-4:]}"


def parse_id_expiry(text: str) -> date | None:
    """Read the expiry printed on an ID card; ``None`` means long-term (长期).

    Accepts ``长期``, ``长期有效``, ``long-term``, ``long term`` or ``longterm``
    (any case), or a date in a form :func:`parse_date` reads. A date that does
    not exist keeps ``invalid.date.not_exist``; anything else raises
    ``invalid.expiry.format``.
    """
    words = " ".join(text.split()).casefold()
    if words in _LONG_TERM_WORDS:
        return None
    try:
        return parse_date(text)
    except InvalidValue as refused:
        if refused.msg.key == "invalid.date.not_exist":
            raise
        raise InvalidValue("invalid.expiry.format") from None
