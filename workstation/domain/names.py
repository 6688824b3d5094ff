"""Personal names and policy numbers."""

from __future__ import annotations

import re

from workstation.domain.errors import InvalidValue

MIDDLE_DOT = "·"
# Look-alikes typed for the middle dot in names such as 阿卜杜·热合曼 (the full-width
# full stop ．reaches here as "." once a field's input is folded to ASCII).
_DOT_LOOKALIKES = str.maketrans(
    {"•": MIDDLE_DOT, "．": MIDDLE_DOT, "・": MIDDLE_DOT, ".": MIDDLE_DOT}
)
_LETTER = "\u3400-\u4dbf\u4e00-\u9fffA-Za-z"
# Parts of letters joined by a middle dot, or by one space between two Latin letters.
_NAME = re.compile(rf"[{_LETTER}]+(?:(?:{MIDDLE_DOT}|(?<=[A-Za-z]) (?=[A-Za-z]))[{_LETTER}]+)*")
MIN_NAME, MAX_NAME = 2, 30
_POLICY_NO = re.compile(r"P[0-9]{10}")


def parse_person_name(text: str) -> str:
    """Read a person's name and return it normalised.

    Surrounding whitespace is dropped and inner runs of whitespace become one
    space; ``•``, ``．``, ``.`` and ``・`` become the middle dot ``·``. A name has 2–30
    characters: Chinese characters (CJK unified ideographs and extension A),
    ASCII letters, a ``·`` between parts, and single spaces between Latin
    parts. Anything else raises ``invalid.name``.
    """
    name = " ".join(text.split()).translate(_DOT_LOOKALIKES)
    if not MIN_NAME <= len(name) <= MAX_NAME or not _NAME.fullmatch(name):
        raise InvalidValue("invalid.name")
    return name


def parse_policy_no(text: str) -> str:
    """Read a policy number, ``P`` and 10 digits (``p2024000001`` is read as
    ``P2024000001``), else ``invalid.policy_no``.
    """
    number = text.strip().upper()
    if not _POLICY_NO.fullmatch(number):
        raise InvalidValue("invalid.policy_no")
    return number
