"""What a posting and a reversal share: the steps of writing one ledger entry.

Each step runs inside the caller's transaction: find the entry a key already
made, hold a shift, take the approvals given for exactly this submission,
number the entry, and say what was posted. A refusal raises
:class:`PostingRefused` and the transaction leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from workstation.db.ledger import Override, Posting, SerialCounter
from workstation.db.tills import Shift
from workstation.db.upsert import Tally
from workstation.domain.errors import WorkstationError
from workstation.domain.money import yuan_of
from workstation.domain.statuses import Purpose
from workstation.services.approvals import Approval, approvals_for, approvals_of
from workstation.services.auth import SignedIn
from workstation.services.tills import TillService


class PostingRefused(WorkstationError):
    """The business was not posted; the message says why and what to do."""


@dataclass(frozen=True)
class PostingResult:
    serial: str
    business_date: date
    posted_at: datetime
    template_code: str
    policy_no: str | None
    amount: Decimal | None
    method: str | None
    direction: str
    large_cash_report: bool
    approvers: tuple[str, ...]
    """The approvers' staff IDs, each once."""
    repeated: bool = False
    """True when this submission had been posted already: the first result, again."""
    tendered: Decimal | None = None
    """Cash the customer handed over, when it was more than due."""
    change: Decimal | None = None
    approvals: tuple[Approval, ...] = ()
    """The approvals as recorded (name, level, time), each approver once."""
    ticket_id: int | None = None
    """The queue ticket being served when it was posted."""


@dataclass(frozen=True)
class Place:
    """Where entries are written: the branch and the counter, which numbers them."""

    branch_code: str
    counter: str


def serial_number(branch: str, day: date, counter: str, seq: int) -> str:
    return f"{branch}-{day:%Y%m%d}-{counter}-{seq:05d}"


_INSERT = insert(Posting).returning(Posting.id)
_SERIALS = Tally(SerialCounter, "last_seq", ("branch_code", "business_date", "counter"))


def next_seq(s: Session, branch: str, day: date, counter: str) -> int:
    """The counter's next sequence number on ``day``, under a row lock held until the
    transaction ends; a rolled-back posting gives its number back (the serial is gapless)."""
    return _SERIALS.next(s, branch_code=branch, business_date=day, counter=counter)


def entry(
    s: Session, place: Place, day: date, who: SignedIn, shift: Shift, at: datetime, **business: Any
) -> Posting:
    """A ledger entry numbered and written now at ``place`` on ``day``, by ``who`` on
    ``shift`` at ``at``; ``business`` is what it records (template, customer, amount …).
    The row is inserted on the Core connection; the ``Posting`` returned, with its id, is
    outside the session (a record of what was written, not a row to change)."""
    seq = next_seq(s, place.branch_code, day, place.counter)
    posting = Posting(
        serial=serial_number(place.branch_code, day, place.counter, seq),
        branch_code=place.branch_code,
        business_date=day,
        counter=place.counter,
        seq=seq,
        teller_id=who.staff.staff_id,
        sign_on_id=who.sign_on_id,
        posted_at=at,
        shift_id=shift.id,
        **business,
    )
    values = {k: v for k, v in vars(posting).items() if not k.startswith("_")}
    posting.id = s.connection().execute(_INSERT, values).scalar_one()  # no ORM flush
    return posting


def result_of(posting: Posting, approvals: tuple[Approval, ...], repeated: bool) -> PostingResult:
    approvers = tuple(dict.fromkeys(a.approver_id for a in approvals))
    return PostingResult(
        serial=posting.serial,
        business_date=posting.business_date,
        posted_at=posting.posted_at,
        template_code=posting.template_code,
        policy_no=posting.policy_no,
        amount=yuan_of(posting.amount_fen),
        method=posting.method,
        direction=posting.direction,
        large_cash_report=posting.large_cash_report,
        approvers=approvers,
        repeated=repeated,
        tendered=yuan_of(posting.tendered_fen),
        change=yuan_of(posting.change_fen),
        approvals=approvals,
        ticket_id=posting.ticket_id,
    )


def recorded(s: Session, posting: Posting, repeated: bool = False) -> PostingResult:
    """What was posted, with its approvals as recorded."""
    return result_of(posting, approvals_of(s, posting.id), repeated)


_BY_KEY = select(Posting.id).where(Posting.idempotency_key == bindparam("key"))
"""Built once: every posting and reversal asks it first, and it almost never finds one."""


def by_key(s: Session, idempotency_key: str) -> Posting | None:
    """The entry this idempotency key already made, if any."""
    found = s.connection().scalar(_BY_KEY, {"key": idempotency_key})
    return None if found is None else s.get(Posting, found)


def shift_of(s: Session, till: TillService, teller_id: str, day: date) -> Shift:
    """The teller's open shift at this counter: nothing is posted without one."""
    shift = till.open_shift(s, teller_id, day)
    if shift is None:
        raise PostingRefused("posting.no_shift")
    return shift


def take_approvals(
    s: Session, purpose: Purpose, key: str, digest: str, level: int, teller_id: str
) -> tuple[Override, ...]:
    """The approvals given for exactly this submission (key and content) by a supervisor of
    at least ``level`` who is not the teller; refused when there is none."""
    approvals = tuple(
        a
        for a in approvals_for(s, purpose, key, digest)
        if a.approver_level >= level and a.approver_id != teller_id
    )
    if not approvals:
        raise PostingRefused("posting.needs_approval", level=level)
    return approvals


def link_approvals(s: Session, approvals: Sequence[Override], posting_id: int) -> None:
    """The approvals now belong to the entry they let through."""
    ids = [a.id for a in approvals]
    if ids:
        s.execute(update(Override).where(Override.id.in_(ids)).values(posting_id=posting_id))
