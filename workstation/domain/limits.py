"""The branch's limits, with their defaults: defined here once.

The configuration (``[risk]``, ``[security]``) takes its defaults from these
classes, and the services receive them built from the configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Thresholds:
    """The limits of the risk checks, in yuan (``[risk]`` in the configuration)."""

    teller_limit: Decimal = Decimal("20000")
    """The most a teller posts without a supervisor."""
    level1_limit: Decimal = Decimal("200000")
    """The most a level-1 supervisor approves; above it, level 2."""
    large_cash: Decimal = Decimal("50000")
    cash_premium_due_diligence: Decimal = Decimal("20000")
    payout_due_diligence: Decimal = Decimal("10000")
    structuring_margin: Decimal = Decimal("0.10")
    """How far below a threshold an amount counts as just under it (a share of it)."""
    till_limit: Decimal = Decimal("100000")
    premium_categories: tuple[str, ...] = ("new_business", "premium")
    """Template categories whose money in counts as premium for the cash-premium check."""

    @property
    def authority_limits(self) -> tuple[Decimal, ...]:
        """The most each level may sign for: the teller (level 0), then level 1."""
        return (self.teller_limit, self.level1_limit)


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class LockoutPolicy:
    """Wrong passwords in a row that lock an account, and for how long (``[security]``)."""

    max_failed: int = 5
    minutes: float = 15
    max_failed_overrides: int = 3
    """Fewer for a supervisor's password typed into an approval at someone else's counter."""


DEFAULT_LOCKOUT = LockoutPolicy()
