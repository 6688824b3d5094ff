"""The lines of the day's printouts: reversals, approvals, reprints, transfers, handovers,
large-value cash and variances. ``names`` turns staff IDs and business codes into names,
and stored times into the branch's (``names.stamp``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from workstation.db.base import row
from workstation.db.ledger import Override, Posting, PrintRecord
from workstation.db.tills import Handover, Shift, VaultTransfer
from workstation.domain.cash import Count
from workstation.domain.flows import VaultDirection
from workstation.domain.i18n import Catalog
from workstation.domain.identity import mask_resident_id
from workstation.domain.money import from_fen
from workstation.domain.statuses import PostingStatus
from workstation.services.receipt_data import Bilingual
from workstation.services.report_data import (
    ApprovalSummary,
    HandoverLine,
    LargeCashLine,
    Person,
    ReprintLine,
    ReversalLine,
    TransferLine,
    VarianceLine,
    VaultLine,
)


class Names(Protocol):
    """Names for what the lines show (``ReportService``)."""

    def business(self, code: str) -> Bilingual: ...
    def person(self, s: Session, staff_id: str) -> Person: ...
    def person_or_none(self, s: Session, staff_id: str | None) -> Person | None: ...
    def stamp(self, moment: datetime) -> str: ...


def _customer(p: Posting) -> str:
    masked = mask_resident_id(p.customer_id_number) if p.customer_id_number else ""
    return f"{p.customer_name or ''} {masked}".strip()


ZH, EN = Catalog.load("zh"), Catalog.load("en")


def _both(key: str) -> Bilingual:
    return Bilingual(ZH(key), EN(key))


def _outgoing_total(h: Handover) -> int:
    return Count.from_json(json.loads(h.outgoing_count)).total_fen


def reversals(names: Names, s: Session, where: ColumnElement[bool]) -> tuple[ReversalLine, ...]:
    original = Posting.__table__.alias("original")
    rows = s.execute(
        select(Posting, original.c.serial)
        .join(original, original.c.id == Posting.reversal_of)
        .where(where, Posting.status == PostingStatus.REVERSAL)
        .order_by(Posting.posted_at)
    ).all()
    return tuple(
        ReversalLine(
            p.serial,
            first,
            names.business(p.template_code),
            None if p.amount_fen is None else from_fen(abs(p.amount_fen)),
            p.reason or "",
            p.teller_id,
        )
        for p, first in rows
    )


def approvals(names: Names, s: Session, where: ColumnElement[bool]) -> tuple[ApprovalSummary, ...]:
    rows = s.execute(
        select(Posting, Override)
        .join(Override, Override.posting_id == Posting.id)
        .where(where)
        .order_by(Posting.posted_at, Override.id)
    ).all()
    return tuple(
        ApprovalSummary(
            p.serial,
            names.business(p.template_code),
            None if p.amount_fen is None else from_fen(abs(p.amount_fen)),
            names.person(s, o.approver_id),
            o.approver_level,
            _both(f"override.mode.{o.mode}"),
        )
        for p, o in rows
    )


def reprints(names: Names, s: Session, where: ColumnElement[bool]) -> tuple[ReprintLine, ...]:
    rows = s.execute(
        select(Posting.serial, PrintRecord)
        .join(PrintRecord, PrintRecord.posting_id == Posting.id)
        .where(where, PrintRecord.print_no > 1)
        .order_by(PrintRecord.printed_at)
    ).all()
    return tuple(ReprintLine(serial, r.print_no, r.reason or "", r.staff_id) for serial, r in rows)


def transfers(names: Names, s: Session, shift_ids: list[int]) -> tuple[TransferLine, ...]:
    rows = s.scalars(
        select(VaultTransfer)
        .where(VaultTransfer.shift_id.in_(shift_ids))
        .order_by(VaultTransfer.at)
    ).all()
    return tuple(
        TransferLine(
            names.stamp(t.at),
            _both(f"till.direction.{t.direction}"),
            from_fen(t.amount_fen),
            names.person(s, t.officer_id),
        )
        for t in rows
    )


def vault(names: Names, s: Session, shifts: Iterable[Shift]) -> tuple[VaultLine, ...]:
    """Every counter's transfers with the vault: into it (上缴) positive, out of it negative."""
    by_id = {shift.id: shift for shift in shifts}
    rows = s.scalars(
        select(VaultTransfer)
        .where(VaultTransfer.shift_id.in_(list(by_id)))
        .order_by(VaultTransfer.at, VaultTransfer.id)
    ).all()
    return tuple(
        VaultLine(
            names.stamp(t.at),
            by_id[t.shift_id].counter,
            names.person(s, by_id[t.shift_id].teller_id),
            _both(f"till.direction.{t.direction}"),
            from_fen(t.amount_fen if t.direction == VaultDirection.TO_VAULT else -t.amount_fen),
            names.person(s, t.officer_id),
        )
        for t in rows
    )


def handovers(names: Names, s: Session, shift_ids: list[int]) -> tuple[HandoverLine, ...]:
    rows = s.scalars(
        select(Handover)
        .where(Handover.from_shift_id.in_(shift_ids) | Handover.to_shift_id.in_(shift_ids))
        .order_by(Handover.at)
    ).all()
    lines = []
    for h in rows:
        outgoing, incoming = row(s, Shift, h.from_shift_id), row(s, Shift, h.to_shift_id)
        lines.append(
            HandoverLine(
                names.stamp(h.at),
                names.person(s, outgoing.teller_id),
                names.person(s, incoming.teller_id),
                from_fen(_outgoing_total(h)),
                from_fen(h.difference_fen),
            )
        )
    return tuple(lines)


def large_cash(names: Names, s: Session, where: ColumnElement[bool]) -> tuple[LargeCashLine, ...]:
    rows = s.scalars(
        select(Posting)
        .where(where, Posting.large_cash_report, Posting.status == PostingStatus.POSTED)
        .order_by(Posting.posted_at)
    ).all()
    return tuple(
        LargeCashLine(
            p.serial,
            _customer(p),
            names.business(p.template_code),
            from_fen(abs(p.amount_fen or 0)),
            _both(f"direction.{p.direction}"),
            p.teller_id,
        )
        for p in rows
    )


def variances(names: Names, s: Session, shifts: Iterable[Shift]) -> tuple[VarianceLine, ...]:
    lines = []
    for shift in sorted(shifts, key=lambda sh: (sh.opened_at, sh.id)):
        teller = names.person(s, shift.teller_id)
        if shift.opening_difference_fen and shift.previous_shift_id is None:
            lines.append(
                VarianceLine(
                    _both("report.variance.opening"),
                    teller,
                    shift.counter,
                    from_fen(shift.opening_difference_fen),
                    shift.opening_reason,
                    names.person_or_none(s, shift.opening_approved_by),
                )
            )
        if shift.previous_shift_id is not None and shift.opening_difference_fen:
            lines.append(
                VarianceLine(
                    _both("report.variance.handover"),
                    teller,
                    shift.counter,
                    from_fen(shift.opening_difference_fen),
                    None,
                    names.person_or_none(s, shift.opening_approved_by),
                )
            )
        if shift.variance_fen:
            lines.append(
                VarianceLine(
                    _both(f"report.variance.{shift.status}"),
                    teller,
                    shift.counter,
                    from_fen(shift.variance_fen),
                    shift.variance_reason,
                    names.person_or_none(s, shift.signed_off_by),
                )
            )
    return tuple(lines)
