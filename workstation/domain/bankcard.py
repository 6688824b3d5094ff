"""Bank card numbers: typed, checked (Luhn), grouped and masked."""

from __future__ import annotations

import re

from workstation.domain.errors import InvalidValue

_DIGITS = re.compile(r"[0-9]*")
_SEPARATORS = re.compile(r"[\s-]+")
MIN_LENGTH, MAX_LENGTH = 16, 19


def luhn_ok(digits: str) -> bool:
    """Whether a string of ASCII digits passes the Luhn (mod 10) check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def parse_bank_card(text: str) -> str:
    """Read a card number typed with or without spaces or hyphens; return its digits.

    Refuses any other non-digit (``invalid.card.chars``), a length outside 16–19
    (``invalid.card.length``) and a failed Luhn check (``invalid.card.luhn``).
    """
    digits = _SEPARATORS.sub("", text)
    if not _DIGITS.fullmatch(digits):
        raise InvalidValue("invalid.card.chars")
    if not MIN_LENGTH <= len(digits) <= MAX_LENGTH:
        raise InvalidValue("invalid.card.length", length=len(digits))
    if not luhn_ok(digits):
        raise InvalidValue("invalid.card.luhn")
    return digits


def mask_bank_card(number: str) -> str:
    """Hide all but the first and last four digits: ``6222 **** **** 3450``.

    The middle is always two groups of asterisks, whatever the card's length.
    """
    return f"{number[:4]} **** **** {number[-4:]}"


def group_bank_card(number: str) -> str:
    """Show a card number in groups of four, the last one shorter if need be:
    ``6222 0210 0012 3450``.
    """
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
