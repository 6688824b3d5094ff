"""The figures of a till and a business date, summed in SQL, for the printouts.

Reversed postings and their reversals are left out of the business totals
(they cancel) and listed on their own; cash comes from the box's movements.
"""

from __future__ import annotations

import json
from datetime import date, datetime, tzinfo
from decimal import Decimal

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from forms.search import TemplateIndex
from workstation.db.base import row
from workstation.db.engine import Database
from workstation.db.ledger import BusinessDay, CashMovement, Posting
from workstation.db.models import Counter, Staff
from workstation.db.tills import Handover, Shift, VaultTransfer
from workstation.domain.cash import Count
from workstation.domain.clock import stamp
from workstation.domain.flows import CUSTOMER_CASH, Direction, Method, MovementKind
from workstation.domain.i18n import Catalog
from workstation.domain.money import from_fen
from workstation.domain.statuses import PostingStatus, ShiftStatus
from workstation.services import report_lines as lines
from workstation.services.journal import close_anchor
from workstation.services.receipt_data import Bilingual, BranchHeader
from workstation.services.receipts import Named
from workstation.services.report_data import (
    BranchSummaryData,
    BusinessLine,
    HandoverData,
    Person,
    TellerReconciliationData,
    TellerTotal,
    VaultSlipData,
)
from workstation.services.till_state import ended_fen, now_expected_fen

ZH, EN = Catalog.load("zh"), Catalog.load("en")
ZERO = Decimal("0.00")


def _both(key: str) -> Bilingual:
    return Bilingual(ZH(key), EN(key))


def _count(text: str | None) -> Count:
    return Count.from_json(json.loads(text)) if text else Count()


Sums = tuple[int, int, int, int]
"""Cash in, cash out, other in and other out, in fen."""


def _money(sums: Sums) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    cash_in, cash_out, other_in, other_out = (from_fen(int(v)) for v in sums)
    return cash_in, cash_out, other_in, other_out


def _totals_by(
    s: Session, column: InstrumentedAttribute[str], where: ColumnElement[bool]
) -> list[tuple[str, int, Sums]]:
    """Per value of ``column``: the count of postings, then cash in, cash out, other in and
    other out in fen (reversed postings and reversals left out: they cancel)."""
    cash = Posting.method == Method.CASH

    def total(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, Posting.amount_fen), else_=0)), 0)

    rows = s.execute(
        select(
            column,
            func.count(),
            total(cash & (Posting.direction == Direction.IN)),
            total(cash & (Posting.direction == Direction.OUT)),
            total(~cash & (Posting.direction == Direction.IN)),
            total(~cash & (Posting.direction == Direction.OUT)),
        )
        .where(where, Posting.status == PostingStatus.POSTED)
        .group_by(column)
        .order_by(column)
    ).all()
    return [(key, n, (a, b, c, d)) for key, n, a, b, c, d in rows]


class ReportService:
    def __init__(
        self, db: Database, templates: TemplateIndex, branch: Named, counter: Named, zone: tzinfo
    ) -> None:
        """``branch`` and ``counter`` have ``code``, ``name_zh`` and ``name_en``;
        ``zone`` is the branch's time zone, in which every time is printed."""
        self.db, self.templates, self.branch, self.counter = db, templates, branch, counter
        self.zone = zone
        self._people: dict[str, Person] = {}

    def stamp(self, moment: datetime) -> str:
        """A stored time as the branch reads it (its own zone)."""
        return stamp(moment, self.zone)

    def header(self, s: Session | None = None, counter: str | None = None) -> BranchHeader:
        """The branch, and the counter whose till the document is about (none: the branch);
        a counter's name is read in ``s``."""
        place = None
        if counter is not None:
            if s is None:
                raise TypeError("header(): a counter's name is read in a session: pass it")
            row = s.scalar(
                select(Counter).where(
                    Counter.branch_code == self.branch.code, Counter.number == counter
                )
            )
            place = Bilingual(row.name_zh, row.name_en) if row else Bilingual(counter, counter)
        return BranchHeader(
            self.branch.code, Bilingual(self.branch.name_zh, self.branch.name_en), place
        )

    def person_or_none(self, s: Session, staff_id: str | None) -> Person | None:
        """The person, if any is named (an approval, a sign-off)."""
        return self.person(s, staff_id) if staff_id else None

    def person(self, s: Session, staff_id: str) -> Person:
        """Staff ``staff_id`` by name; one that is no longer in the database by their ID."""
        if staff_id not in self._people:
            staff = s.get(Staff, staff_id)
            self._people[staff_id] = Person(staff.name if staff else staff_id, staff_id)
        return self._people[staff_id]

    def business(self, code: str) -> Bilingual:
        template = self.templates.by_code(code)
        return Bilingual(template.name.zh, template.name.en) if template else Bilingual(code, code)

    # -- till documents -------------------------------------------------------------

    def vault_slip(self, transfer_id: int) -> VaultSlipData:
        with self.db.read() as s:
            transfer = row(s, VaultTransfer, transfer_id)
            shift = row(s, Shift, transfer.shift_id)
            return VaultSlipData(
                self.header(s, shift.counter),
                transfer.id,
                shift.business_date.isoformat(),
                self.stamp(transfer.at),
                _both(f"till.direction.{transfer.direction}"),
                _count(transfer.count),
                self.person(s, shift.teller_id),
                self.person(s, transfer.officer_id),
            )

    def handover(self, handover_id: int) -> HandoverData:
        with self.db.read() as s:
            record = row(s, Handover, handover_id)
            outgoing = row(s, Shift, record.from_shift_id)
            incoming = row(s, Shift, record.to_shift_id)
            return HandoverData(
                self.header(s, outgoing.counter),
                record.id,
                outgoing.business_date.isoformat(),
                self.stamp(record.at),
                self.person(s, outgoing.teller_id),
                self.person(s, incoming.teller_id),
                _count(record.outgoing_count),
                _count(record.incoming_count),
                from_fen(record.expected_fen),
                from_fen(record.difference_fen),
                from_fen(outgoing.variance_fen or 0),
                tuple(json.loads(record.items)),
                self.person_or_none(s, record.approved_by),
            )

    # -- the day -----------------------------------------------------------------------

    def _lines(self, s: Session, where: ColumnElement[bool]) -> tuple[BusinessLine, ...]:
        rows = _totals_by(s, Posting.template_code, where)
        return tuple(
            BusinessLine(code, self.business(code), n, *_money(sums)) for code, n, sums in rows
        )

    def _day(self, day: date) -> ColumnElement[bool]:
        return (Posting.branch_code == self.branch.code) & (Posting.business_date == day)

    def teller_day(self, teller_id: str, day: date) -> TellerReconciliationData:
        with self.db.read() as s:
            mine = self._day(day) & (Posting.teller_id == teller_id)
            shifts = s.scalars(
                select(Shift)
                .where(
                    Shift.branch_code == self.branch.code,
                    Shift.business_date == day,
                    Shift.teller_id == teller_id,
                )
                .order_by(Shift.opened_at, Shift.id)
            ).all()
            ids = [shift.id for shift in shifts]
            moved = dict(
                s.execute(
                    select(CashMovement.kind, func.sum(CashMovement.amount_fen))
                    .where(CashMovement.shift_id.in_(ids))
                    .group_by(CashMovement.kind)
                ).all()
            )
            cash_in = sum(
                a
                for a in s.scalars(
                    select(CashMovement.amount_fen).where(
                        CashMovement.shift_id.in_(ids),
                        CashMovement.kind.in_(CUSTOMER_CASH),
                        CashMovement.amount_fen > 0,
                    )
                )
            )
            cash_out = -sum(
                a
                for a in s.scalars(
                    select(CashMovement.amount_fen).where(
                        CashMovement.shift_id.in_(ids),
                        CashMovement.kind.in_(CUSTOMER_CASH),
                        CashMovement.amount_fen < 0,
                    )
                )
            )
            last = shifts[-1] if shifts else None
            # closed, or handed over: its count and variance stand
            closed = last if last is not None and last.status != ShiftStatus.OPEN else None
            expected = now_expected_fen(s, last) if last else 0
            variance = sum(
                shift.variance_fen or 0 for shift in shifts if shift.status != ShiftStatus.OPEN
            )
            return TellerReconciliationData(
                header=self.header(s, last.counter if last else self.counter.code),
                business_date=day.isoformat(),
                teller=self.person(s, teller_id),
                businesses=self._lines(s, mine),
                reversals=lines.reversals(self, s, mine),
                approvals=lines.approvals(self, s, mine),
                reprints=lines.reprints(self, s, mine),
                transfers=lines.transfers(self, s, ids),
                handovers=lines.handovers(self, s, ids),
                opening=from_fen(shifts[0].opening_fen) if shifts else ZERO,
                cash_in=from_fen(cash_in),
                cash_out=from_fen(cash_out),
                vault_in=from_fen(int(moved.get(MovementKind.VAULT_IN, 0))),
                vault_out=from_fen(-int(moved.get(MovementKind.VAULT_OUT, 0))),
                expected=from_fen(expected),
                counted=from_fen(ended_fen(closed.closing_fen)) if closed else None,
                variance=from_fen(variance) if closed else None,
                variance_reason=closed.variance_reason if closed else None,
                signed_off_by=self.person_or_none(s, closed.signed_off_by) if closed else None,
                closing_count=_count(closed.closing) if closed else None,
                status=last.status if last else ShiftStatus.OPEN,
            )

    def branch_day(self, day: date) -> BranchSummaryData:
        with self.db.read() as s:
            where = self._day(day)
            per_teller = _totals_by(s, Posting.teller_id, where)
            shifts = s.scalars(
                select(Shift).where(
                    Shift.branch_code == self.branch.code, Shift.business_date == day
                )
            ).all()
            variance_by_teller: dict[str, int] = {}
            for shift in shifts:
                variance_by_teller[shift.teller_id] = variance_by_teller.get(shift.teller_id, 0) + (
                    shift.variance_fen or 0
                )
            sums_by_teller = {teller: (n, sums) for teller, n, sums in per_teller}
            for teller in variance_by_teller:  # a till kept without postings is listed too
                sums_by_teller.setdefault(teller, (0, (0, 0, 0, 0)))
            tellers = tuple(
                TellerTotal(
                    self.person(s, teller),
                    n,
                    *_money(sums),
                    from_fen(variance_by_teller.get(teller, 0)),
                )
                for teller, (n, sums) in sorted(sums_by_teller.items())
            )
            record = s.get(BusinessDay, (self.branch.code, day))
            anchor = close_anchor(s, self.branch.code, day)
            return BranchSummaryData(
                header=self.header(),
                business_date=day.isoformat(),
                closed_at=self.stamp(record.closed_at) if record and record.closed_at else None,
                closed_by=self.person_or_none(s, record.closed_by) if record else None,
                tellers=tellers,
                businesses=self._lines(s, where),
                large_cash=lines.large_cash(self, s, where),
                variances=lines.variances(self, s, shifts),
                journal_anchor=None if anchor is None else str(anchor),
                vault=lines.vault(self, s, shifts),
            )
