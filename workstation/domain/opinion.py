"""The opinion book (意见簿): what a customer said, how, and where its handling stands.

An opinion comes by a channel (the book at the counter, the service phone, a word at
the window, a letter) and is a complaint, a suggestion or praise. It moves
open → assigned → responded → called back (回访) → closed; :data:`MOVES` lists each
step allowed. A complaint gets a due date (15 working days by default,
:mod:`workstation.domain.workdays`) and is never closed without a response. The
customer's contact is kept only masked (:func:`mask_contact`).
"""

from __future__ import annotations

import re
from datetime import date

from workstation.domain.errors import InvalidValue
from workstation.domain.labelled import Labelled
from workstation.domain.phone import mask_mobile, parse_mobile

COMPLAINT_DAYS = 15
"""A complaint's default due date: this many working days after the day it was recorded."""
CONTENT_LENGTH = 1000
"""The most an opinion's text (or a response, a callback result) may hold."""


class Channel(Labelled, prefix="opinion.channel"):
    BOOK = "book"
    """Written in the opinion book at the branch."""
    PHONE = "phone"
    """On the service phone posted in the lobby."""
    COUNTER = "counter"
    """Said at a window, or opened by a poor rating on the counter's pad."""
    LETTER = "letter"


class OpinionKind(Labelled, prefix="opinion.kind"):
    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"
    PRAISE = "praise"


class OpinionStatus(Labelled, prefix="opinion.status"):
    OPEN = "open"
    ASSIGNED = "assigned"
    """It has an owner (and a due date, for a complaint)."""
    RESPONDED = "responded"
    """The owner answered the customer."""
    CALLED_BACK = "called_back"
    """回访: the customer was asked whether the answer settled it."""
    CLOSED = "closed"


S = OpinionStatus
MOVES: dict[OpinionStatus, frozenset[OpinionStatus]] = {
    S.OPEN: frozenset({S.ASSIGNED, S.CLOSED}),
    S.ASSIGNED: frozenset({S.ASSIGNED, S.RESPONDED}),
    S.RESPONDED: frozenset({S.CALLED_BACK, S.CLOSED}),
    S.CALLED_BACK: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}
"""Where each status may go. Assigned again: a new owner or due date. Open → closed is for a
suggestion or praise that needs no answer (a complaint is refused: it has no response);
responded → closed when the customer left no way to call back."""


def can_move(now: OpinionStatus, to: OpinionStatus) -> bool:
    return to in MOVES[now]


def is_overdue(status: OpinionStatus, due: date | None, today: date) -> bool:
    """Not closed and past its due date (the due date itself is still in time)."""
    return due is not None and status is not S.CLOSED and today > due


_PHONE_LIKE = re.compile(r"[\d\s()+\-]+")
_EMAIL = re.compile(r"([^@\s])[^@\s]*@([^@\s]+)")


def mask_contact(text: str) -> str:
    """How a contact is stored and shown: ``13800138000`` → ``138****8000``; a landline
    ``021-68881234`` → ``021****1234``; ``wang@example.com`` → ``w***@example.com``; a name
    ``张先生`` → ``张**``; nothing → ``""``. The clear value is never kept."""
    text = text.strip()
    if not text:
        return ""
    try:
        return mask_mobile(parse_mobile(text))
    except InvalidValue:
        pass
    digits = re.sub(r"\D", "", text)
    if _PHONE_LIKE.fullmatch(text) and len(digits) >= 7:
        return f"{digits[:3]}****{digits[-4:]}"
    if found := _EMAIL.fullmatch(text):
        return f"{found.group(1)}***@{found.group(2)}"
    return f"{text[0]}**"
