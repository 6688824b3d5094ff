"""Postal and e-mail addresses as a contact change records them: a postcode, an e-mail."""

from __future__ import annotations

import re

from workstation.domain.errors import InvalidValue

_POSTCODE = re.compile(r"[0-9]{6}")
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}"
)


def parse_postcode(text: str) -> str:
    """A mainland postcode: exactly 6 digits (spaces ignored), else ``invalid.postcode``."""
    code = re.sub(r"\s+", "", text)
    if not _POSTCODE.fullmatch(code):
        raise InvalidValue("invalid.postcode")
    return code


def parse_email(text: str) -> str:
    """An e-mail address: ``name@domain.tld`` (no spaces, no ``..``), else ``invalid.email``.

    The domain is lower-cased; the part before ``@`` is kept as typed.
    """
    address = text.strip()
    if not _EMAIL.fullmatch(address) or len(address) > 254:
        raise InvalidValue("invalid.email")
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"
