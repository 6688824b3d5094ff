"""Mainland China mobile numbers."""

from __future__ import annotations

import re

from workstation.domain.errors import InvalidValue

_SEPARATORS = re.compile(r"[\s-]+")
_COUNTRY = re.compile(r"(?:\+?86)([0-9]{11})")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")


def parse_mobile(text: str) -> str:
    """Read a mainland mobile number and return its 11 digits.

    Spaces and hyphens are ignored, and so is a leading ``+86`` or ``86`` when
    11 digits follow it. The number must be 11 digits starting with 13–19, else
    ``invalid.phone.format``.
    """
    number = _SEPARATORS.sub("", text)
    if found := _COUNTRY.fullmatch(number):
        number = found.group(1)
    if not _MOBILE.fullmatch(number):
        raise InvalidValue("invalid.phone.format")
    return number


def mask_mobile(number: str) -> str:
    """The middle four digits hidden, as on paper: ``13800138000`` → ``138****8000``."""
    digits = re.sub(r"\D", "", number)
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) == 11 else "****"
