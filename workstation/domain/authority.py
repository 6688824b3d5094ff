"""Who may sign for an amount: the teller up to their limit, then supervisors level by level.

The limits come from the configuration (``[risk] teller_limit``, ``level1_limit``);
level *n* signs up to the *n*-th limit above the teller's, the top level for any amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

REVERSAL_LEVEL = 1
"""The lowest level that may approve a reversal: a reversal always needs a supervisor."""


def level_for_amount(amount: Decimal, limits: Sequence[Decimal]) -> int:
    """The supervisor level ``amount`` needs: 0 within ``limits[0]`` (the teller's own),
    1 above it and within ``limits[1]``, and so on; above the last limit, ``len(limits)``."""
    level = 0
    for limit in limits:
        if amount <= limit:
            break
        level += 1
    return level


def reversal_level(amount: Decimal | None, limits: Sequence[Decimal]) -> int:
    """At least :data:`REVERSAL_LEVEL`; more where the amount itself needs more."""
    if amount is None:
        return REVERSAL_LEVEL
    return max(REVERSAL_LEVEL, level_for_amount(amount, limits))
