"""Where a posting, a shift, an approval or a sign-on stands: one enum each.

The values are the strings stored in the database (a ``StrEnum`` member equals
its string), so no column changes; code compares members, never bare strings.
"""

from __future__ import annotations

from enum import StrEnum


class PostingStatus(StrEnum):
    POSTED = "posted"
    """In force."""
    REVERSED = "reversed"
    """A later reversal undid it."""
    REVERSAL = "reversal"
    """This posting undoes another."""


class ShiftStatus(StrEnum):
    OPEN = "open"
    HANDED_OVER = "handed_over"
    """The box passed to the next teller's shift."""
    CLOSED = "closed"
    """Counted at the end of the teller's day (日终)."""


class RequestStatus(StrEnum):
    """A remote approval request."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class OverrideMode(StrEnum):
    LOCAL = "local"
    """The supervisor typed their credentials at the teller's counter."""
    REMOTE = "remote"
    """The supervisor decided a request from their own workstation."""


class Purpose(StrEnum):
    """What an approval is for."""

    POSTING = "posting"
    REVERSAL = "reversal"


class SignOnEnd(StrEnum):
    """Why a sign-on ended."""

    SIGN_OUT = "sign_out"
    FORCED = "forced"
    """Another person signed in at the locked screen."""
    SUPERSEDED = "superseded"
    """The same person, or another at this counter, signed in again."""
    LOCKED_OUT = "locked_out"
    """Too many wrong passwords locked the account."""
    HANDOVER = "handover"
    """The box passed to the incoming teller."""


class PolicyStatus(StrEnum):
    """Where a policy stands in the directory (and after the day's postings)."""

    IN_FORCE = "in_force"
    LAPSED = "lapsed"
    SURRENDERED = "surrendered"
    MATURED = "matured"
    TERMINATED = "terminated"
    CANCELLED = "cancelled"
