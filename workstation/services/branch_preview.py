"""The day's figures a supervisor reads before closing the business date (营业日轧账预览).

Business done (postings, customers' cash in and out), each counter's till as it
stands (open, handed over or closed, with its cash), and the vault's side of the
day: what the tills drew from it (请领), what they handed in (上缴), and the net.
The vault keeps no opening stock here, so its figure is the day's net movement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db.ledger import CashMovement, Posting
from workstation.db.models import Staff
from workstation.db.tills import Shift, VaultTransfer
from workstation.domain.flows import CUSTOMER_CASH, VaultDirection
from workstation.domain.statuses import PostingStatus
from workstation.services.till_state import now_expected_fen


@dataclass(frozen=True)
class CounterState:
    """A counter's latest shift of the day: who, open or ended, and its cash."""

    counter: str
    teller_id: str
    teller_name: str
    status: str
    """A ShiftStatus: open, handed_over or closed."""
    cash_fen: int
    """Open: what the box should hold now; ended: the count it ended with."""


@dataclass(frozen=True)
class DayPreview:
    business_date: date
    postings: int
    cash_in_fen: int
    cash_out_fen: int
    counters: tuple[CounterState, ...]
    from_vault_fen: int
    """请领: cash the tills drew from the vault."""
    to_vault_fen: int
    """上缴: cash the tills handed in."""

    @property
    def vault_net_fen(self) -> int:
        """The vault's net for the day: handed in less drawn."""
        return self.to_vault_fen - self.from_vault_fen


def day_preview(s: Session, branch_code: str, day: date) -> DayPreview:
    """What business date ``day`` of ``branch_code`` holds so far."""
    postings = s.scalar(
        select(func.count()).where(
            Posting.branch_code == branch_code,
            Posting.business_date == day,
            Posting.status == PostingStatus.POSTED,
        )
    )
    customers = [
        int(fen)
        for fen in s.scalars(
            select(CashMovement.amount_fen).where(
                CashMovement.branch_code == branch_code,
                CashMovement.business_date == day,
                CashMovement.kind.in_(CUSTOMER_CASH),
            )
        )
    ]
    shifts = s.execute(
        select(Shift, Staff.name)
        .join(Staff, Staff.staff_id == Shift.teller_id)
        .where(Shift.branch_code == branch_code, Shift.business_date == day)
        .order_by(Shift.opened_at, Shift.id)
    ).all()
    latest = {shift.counter: (shift, name) for shift, name in shifts}  # the last one wins
    counters = tuple(
        CounterState(
            counter,
            shift.teller_id,
            name,
            shift.status,
            now_expected_fen(s, shift) if shift.closing_fen is None else shift.closing_fen,
        )
        for counter, (shift, name) in sorted(latest.items())
    )
    moved = dict(
        s.execute(
            select(VaultTransfer.direction, func.sum(VaultTransfer.amount_fen))
            .where(VaultTransfer.shift_id.in_([shift.id for shift, _ in shifts]))
            .group_by(VaultTransfer.direction)
        ).all()
    )
    return DayPreview(
        day,
        int(postings or 0),
        sum(fen for fen in customers if fen > 0),
        -sum(fen for fen in customers if fen < 0),
        counters,
        int(moved.get(VaultDirection.FROM_VAULT, 0)),
        int(moved.get(VaultDirection.TO_VAULT, 0)),
    )
