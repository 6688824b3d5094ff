"""A posting's effect on its policy, as data: what is stored on the posting row.

The kinds are the template vocabulary of ``forms.effect``. An effect is built
once, when the business posts (``services.overlay.effect_of``), and read back
for every later look-up of the day; it is never re-parsed from display text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache


@dataclass(frozen=True)
class Effect:
    kind: str
    """A kind of ``forms.effect.EffectKind``: loan, repay, terminate …"""
    amount: Decimal | None = None
    """loan, repay, benefit_paid, premium_paid: the amount posted."""
    status: str | None = None
    """terminate: the status the policy ends in."""
    benefit: str | None = None
    """benefit_paid: maturity or survival."""
    due: date | None = None
    """benefit_paid: the benefit's due date; premium_paid: the due date of the premium paid."""
    paid_to: date | None = None
    """premium_paid: the new paid-to date."""
    details: tuple[tuple[str, str], ...] = ()
    """contact, beneficiary and account changes: (role, new value), e.g. ("phone", "139…")."""

    def detail(self, role: str) -> str | None:
        return dict(self.details).get(role)

    def to_json(self) -> str:
        data: dict[str, object] = {"kind": self.kind}
        if self.amount is not None:
            data["amount"] = str(self.amount)
        for name in ("status", "benefit"):
            if (value := getattr(self, name)) is not None:
                data[name] = value
        for name in ("due", "paid_to"):
            if (day := getattr(self, name)) is not None:
                data[name] = day.isoformat()
        if self.details:
            data["details"] = dict(self.details)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Effect:
        """The stored effect; NULL (a business that changes nothing) reads as ``none``."""
        return _parsed(text) if text else NONE

    @classmethod
    def _parse(cls, text: str) -> Effect:
        data = json.loads(text)
        amount = data.get("amount")
        return cls(
            kind=data["kind"],
            amount=None if amount is None else Decimal(amount),
            status=data.get("status"),
            benefit=data.get("benefit"),
            due=_day(data.get("due")),
            paid_to=_day(data.get("paid_to")),
            details=tuple((data.get("details") or {}).items()),
        )


NONE = Effect("none")


@lru_cache(maxsize=4096)
def _parsed(text: str) -> Effect:
    """Effects are immutable: a text read again (every look-up of a busy day) is parsed once."""
    return Effect._parse(text)


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


@dataclass(frozen=True)
class DoneToday:
    """One of the day's unreversed postings on a policy, as a look-up lists it."""

    serial: str
    template_code: str
    effect: Effect
