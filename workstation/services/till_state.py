"""What a till holds, as data: a shift's view and the summary the screens show.

Expected cash is the opening count plus every movement of the shift; a shift
that has ended keeps the expected figure it ended with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db.ledger import CashMovement
from workstation.db.tills import Shift
from workstation.domain.cash import Count
from workstation.domain.i18n import Msg
from workstation.domain.money import from_fen, yuan_of
from workstation.domain.statuses import ShiftStatus

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class TillSummary:
    """What the home and till screens show: the box now and what stands before close."""

    business_date: date
    shift: ShiftView | None
    moved: dict[str, Decimal]
    """Sums, all positive: cash_in, cash_out (postings and reversals), vault_in, vault_out."""
    limit: Decimal
    blockers: list[Msg]
    last_close: Count | None
    closed_today: bool = False
    """This teller has closed their till for the business date."""

    @property
    def open_shift(self) -> ShiftView:
        """The shift, where one must be open (the vault, handover and close screens open
        only then); ``ValueError`` if none is."""
        if self.shift is None:
            raise ValueError("no shift is open")
        return self.shift

    @property
    def over_limit(self) -> bool:
        return self.shift is not None and self.shift.expected > self.limit


@dataclass(frozen=True)
class ShiftView:
    id: int
    counter: str
    business_date: date
    teller_id: str
    opened_at: datetime
    opening: Count
    status: str
    expected: Decimal
    """What the box should hold now (or held at the end)."""
    counted: Decimal | None = None
    variance: Decimal | None = None


def expected_fen(s: Session, shift: Shift) -> int:
    """What the box should hold: the opening count plus every movement of the shift."""
    moved = s.scalar(
        select(func.coalesce(func.sum(CashMovement.amount_fen), 0)).where(
            CashMovement.shift_id == shift.id
        )
    )
    return shift.opening_fen + int(moved or 0)


def ended_fen(fen: int | None) -> int:
    """A figure an ended shift always has: closing it (or handing it over) wrote it."""
    if fen is None:
        raise ValueError("an ended shift is missing the figures its close wrote")
    return fen


def now_expected_fen(s: Session, shift: Shift) -> int:
    """What the box should hold now, or held when the shift ended."""
    if shift.status == ShiftStatus.OPEN:
        return expected_fen(s, shift)
    return ended_fen(shift.expected_fen)


def view_of(s: Session, shift: Shift) -> ShiftView:
    expected = now_expected_fen(s, shift)
    return ShiftView(
        shift.id,
        shift.counter,
        shift.business_date,
        shift.teller_id,
        shift.opened_at,
        Count.from_json(json.loads(shift.opening)),
        shift.status,
        from_fen(expected),
        yuan_of(shift.closing_fen),
        yuan_of(shift.variance_fen),
    )
