"""Which way money goes, how it is paid, and what moves cash in a box: one enum each.

The values are the strings templates use and the database stores.
"""

from __future__ import annotations

from enum import StrEnum


class Direction(StrEnum):
    """Which way a business moves money, from the branch's side."""

    IN = "in"
    OUT = "out"
    NONE = "none"

    def reversed(self) -> Direction:
        """The direction of the entry that undoes this one."""
        return {Direction.IN: Direction.OUT, Direction.OUT: Direction.IN}.get(self, self)

    @property
    def sign(self) -> int:
        """+1 for money in, -1 for money out, 0 for none."""
        return {Direction.IN: 1, Direction.OUT: -1}.get(self, 0)


class Method(StrEnum):
    """How money is paid."""

    CASH = "cash"
    BANK_CARD = "bank_card"
    TRANSFER = "transfer"


class VaultDirection(StrEnum):
    FROM_VAULT = "from_vault"
    """请领: the box draws cash from the vault."""
    TO_VAULT = "to_vault"
    """上缴: the box hands cash to the vault."""

    @property
    def sign(self) -> int:
        return 1 if self is VaultDirection.FROM_VAULT else -1


class MovementKind(StrEnum):
    """What moved cash into or out of a teller's box."""

    POSTING = "posting"
    REVERSAL = "reversal"
    VAULT_IN = "vault_in"
    VAULT_OUT = "vault_out"
    VARIANCE = "variance"
    """Over (长款) or short (短款) at the end of a shift."""


CUSTOMER_CASH = (MovementKind.POSTING, MovementKind.REVERSAL)
"""The movements that are customers' cash, in or out (the rest is the vault's or a variance)."""
