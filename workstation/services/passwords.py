"""Staff passwords: argon2id hashes, a minimal strength rule, never kept in clear."""

from __future__ import annotations

from functools import cached_property

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from workstation.domain.errors import WorkstationError

MIN_LENGTH = 8


class WeakPassword(WorkstationError):
    """A new password does not meet the rule."""


def check_strength(password: str) -> None:
    """At least 8 characters with a letter and a digit."""
    if (
        len(password) < MIN_LENGTH
        or not any(c.isalpha() for c in password)
        or not any(c.isdigit() for c in password)
    ):
        raise WeakPassword("password.weak", min=MIN_LENGTH)


class Passwords:
    """Hash and verify with argon2id; tests pass cheaper parameters."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self.hasher = hasher or PasswordHasher()

    @classmethod
    def fast(cls) -> Passwords:
        """Cheap parameters for tests; never for real staff."""
        return cls(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self.hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    @cached_property
    def _dummy(self) -> str:
        return self.hasher.hash("no such staff member")

    def burn(self, password: str) -> None:
        """Spend the time a verify takes, so an unknown staff ID answers as slowly."""
        self.verify(self._dummy, password)
