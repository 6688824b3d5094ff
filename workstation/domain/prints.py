"""Where a print of a receipt or a till document stands."""

from __future__ import annotations

from enum import StrEnum


class PrintStatus(StrEnum):
    PENDING = "pending"
    """Begun: numbered, not yet saved (or the program stopped before it was)."""
    SAVED = "saved"
    """The PDF is in the output folder."""
    PRINTED = "printed"
    """The PDF is saved and the printer took it."""
    FAILED = "failed"
    """Not saved (no path: the next print is a retry, not a reprint), or the printer refused."""
