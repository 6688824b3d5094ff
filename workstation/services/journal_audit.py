"""Does every record have its journal entry, and every entry its record?

The chain (:meth:`Journal.verify`) proves no entry was edited or removed from
its middle; it cannot see entries cut from the end together with the head,
nor a record written past the services. So each kind of record is matched to
the journal's entries by a key the entry's payload carries (a posting's
serial, an approval's or a cash movement's id, a print's serial and number
...). The database does the matching (both sides' keys grouped, one kind at a time),
so it stays fast and Python's memory flat however long the journal is. Run
it on a chain that verifies: it trusts each payload to be the JSON the
journal wrote.

A print is journaled when it ends (saved, printed or failed: a retry of a
failed print keeps its number, so one print may have two entries); one left
``pending`` by a program that stopped mid-print produced no document and is
not named (nor is the entry of its earlier failure, while a retry runs).

Journals written before approvals and cash movements carried their ids in
the payload (``override``, ``movement``) cannot vouch for the records of that
time: those records, up to the last entry in the older form, are left out of
the match; everything after it is matched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    CompoundSelect,
    Row,
    SQLColumnExpression,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Select

from workstation.db.engine import Database
from workstation.db.incidents import Incident
from workstation.db.jsonfield import json_has, json_int, json_text
from workstation.db.ledger import BusinessDay, CashMovement, Override, Posting, PrintRecord
from workstation.db.models import JournalEntry
from workstation.db.opinions import Opinion
from workstation.db.queue import TicketEvent
from workstation.db.ratings import Rating
from workstation.db.tills import DocumentPrint, Handover, Shift, VaultTransfer
from workstation.domain.i18n import Msg, msg
from workstation.domain.prints import DOCUMENT_EVENTS, RECEIPT_EVENTS, PrintStatus
from workstation.domain.queue import QUEUE_EVENTS
from workstation.domain.statuses import PostingStatus, ShiftStatus

J = JournalEntry
Expr = SQLColumnExpression[Any]
"""A column or an expression of one (a mapped attribute too)."""
if TYPE_CHECKING:  # SQLAlchemy 2.1's generic statements, for the checker only
    Records = Select[*tuple[Any, ...]]
    Entries = Records | CompoundSelect[*tuple[Any, ...]]
MOVEMENT_EVENTS = ("posted", "reversed", "vault_transfer", "shift_closed", "handover")
"""The entries that name the cash movement they made (``movement``: its id, or null)."""


def _field(key: str) -> ColumnElement[str]:
    return json_text(J.payload, key)


def _number(key: str) -> ColumnElement[int]:
    return json_int(J.payload, key)


def _text(column: Expr) -> ColumnElement[str]:
    return cast(column, String)


@dataclass(frozen=True)
class Kind:
    """One kind of record and the entries that vouch for it.

    ``records`` selects ``(key, order)``, and ``needs`` (0 or 1) where a record may
    stand without an entry; ``entries`` selects ``(key, seq)``.
    """

    name: str
    records: Callable[[], Records]
    entries: Callable[[], Entries]


def _entries(key: Expr, *events: str) -> Records:
    return select(key.label("key"), J.seq.label("seq")).where(J.event.in_(events))


def _ids(id_column: Expr, where: Callable[[], Expr] | None = None) -> Records:
    records: Records = select(id_column.label("key"), id_column.label("order"))
    return records if where is None else records.where(where())


def _by_id(
    name: str,
    id_column: Expr,
    key: str,
    events: tuple[str, ...],
    where: Callable[[], Expr] | None = None,
) -> Kind:
    """A record matched by its id, which its entries (of ``events``) carry as ``key``;
    ``where`` picks the records that need one."""
    return Kind(name, lambda: _ids(id_column, where), lambda: _entries(_number(key), *events))


def _since_ids(time: Expr, key: str, events: tuple[str, ...]) -> ColumnElement[bool]:
    """Records after the last entry written before the payload carried ``key``."""
    older = (
        select(func.max(J.occurred_at))
        .where(J.event.in_(events), ~json_has(J.payload, key))
        .scalar_subquery()
    )
    return or_(older.is_(None), time > older)


def _postings(status_is_reversal: bool) -> Records:
    status = Posting.status == PostingStatus.REVERSAL
    return select(Posting.serial.label("key"), Posting.id.label("order")).where(
        status if status_is_reversal else ~status
    )


def _shifts_opened() -> Entries:
    by_handover = (
        select(Handover.to_shift_id.label("key"), J.seq.label("seq"))
        .join(Handover, Handover.id == _number("handover"))
        .where(J.event == "handover")
    )
    return _entries(_number("shift"), "shift_opened").union_all(by_handover)


def _receipt_prints() -> Records:
    key = Posting.serial + "#" + _text(PrintRecord.print_no)
    return select(key.label("key"), PrintRecord.id.label("order"), _ended(PrintRecord.status)).join(
        Posting, Posting.id == PrintRecord.posting_id
    )


def _ended(status: Expr) -> ColumnElement[int]:
    """A print needs its entry once it has ended; a pending one (begun, or retried after a
    failure) may have none yet, or only its earlier failure's."""
    return case((status == PrintStatus.PENDING, 0), else_=1).label("needs")


def _document_key(kind: Expr, ref: Expr, print_no: Expr) -> ColumnElement[str]:
    return kind + ":" + ref + "#" + _text(print_no)


def _business_days(event: str, order: Expr, marked: Expr) -> Kind:
    """A business date's row whose ``marked`` column is set, matched by its ``event`` entries
    by branch and date."""
    return Kind(
        event,
        lambda: select(
            (BusinessDay.branch_code + " " + _text(BusinessDay.business_date)).label("key"),
            order.label("order"),
        ).where(marked.is_not(None)),
        lambda: _entries(J.branch_code + " " + _field("date"), event),
    )


KINDS: tuple[Kind, ...] = (
    Kind(
        "posting",
        lambda: _postings(False),
        lambda: _entries(_field("serial"), "posted"),
    ),
    Kind(
        "reversal",
        lambda: _postings(True),
        lambda: _entries(_field("serial"), "reversed"),
    ),
    _by_id(
        "override",
        Override.id,
        "override",
        ("override_approved",),
        lambda: _since_ids(Override.decided_at, "override", ("override_approved",)),
    ),
    _by_id(
        "cash_movement",
        CashMovement.id,
        "movement",
        MOVEMENT_EVENTS,
        lambda: _since_ids(CashMovement.created_at, "movement", MOVEMENT_EVENTS),
    ),
    Kind("shift_opened", lambda: _ids(Shift.id), _shifts_opened),
    _by_id(
        "shift_closed",
        Shift.id,
        "shift",
        ("shift_closed",),
        lambda: Shift.status == ShiftStatus.CLOSED,
    ),
    _by_id("vault_transfer", VaultTransfer.id, "transfer", ("vault_transfer",)),
    _by_id("handover", Handover.id, "handover", ("handover",)),
    Kind(
        "receipt_print",
        _receipt_prints,
        lambda: _entries(_field("serial") + "#" + _field("print_no"), *RECEIPT_EVENTS.names),
    ),
    Kind(
        "document_print",
        lambda: select(
            _document_key(DocumentPrint.kind, DocumentPrint.ref, DocumentPrint.print_no).label(
                "key"
            ),
            DocumentPrint.id.label("order"),
            _ended(DocumentPrint.status),
        ),
        lambda: _entries(
            _field("kind") + ":" + _field("ref") + "#" + _field("print_no"),
            *DOCUMENT_EVENTS.names,
        ),
    ),
    _by_id("ticket_event", TicketEvent.id, "event", QUEUE_EVENTS),
    # the pad's question; its answer (or 未评价) is a second entry of the same id
    _by_id("rating", Rating.id, "rating", ("rating.asked",)),
    _by_id("opinion", Opinion.id, "opinion", ("opinion.recorded",)),
    _by_id("incident", Incident.id, "incident", ("incident.started",)),
    _business_days("business_day_closed", BusinessDay.closed_at, BusinessDay.closed_at),
    # a date a supervisor opened ahead of the calendar (services/next_day.py)
    _business_days("business_day_opened_early", BusinessDay.opened_at, BusinessDay.opening_reason),
)


@dataclass(frozen=True)
class Audit:
    """The first mismatch, or none; ``kinds`` were matched."""

    kinds: int
    problem: Msg | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _first_mismatch(s: Session, kind: Kind) -> Row[*tuple[Any, ...]] | None:
    """One pass over each side: keys grouped, those on one side only kept, the first of them.

    A record without an entry comes before an entry without a record; records
    in their own order, entries by sequence number.
    """
    records, entries = kind.records().subquery(), kind.entries().subquery()
    needs = records.c.needs if "needs" in records.c else literal(1).label("needs")
    sides = union_all(
        select(records.c.key, records.c.order.label("record"), needs, null().label("seq")),
        select(entries.c.key, null(), literal(0), entries.c.seq),
    ).subquery()
    record, seq = func.min(sides.c.record), func.min(sides.c.seq)
    needed = func.max(sides.c.needs) == 1
    return s.execute(
        select(sides.c.key, record.label("record"), seq.label("seq"))
        .where(sides.c.key.is_not(None))
        .group_by(sides.c.key)
        .having(or_(record.is_(None), and_(seq.is_(None), needed)))
        .order_by(seq.is_not(None), record, seq)
        .limit(1)
    ).first()


def audit(db: Database, kinds: tuple[Kind, ...] = KINDS) -> Audit:
    """Match every kind in one consistent snapshot; name the first mismatch."""
    with db.snapshot() as s:
        for kind in kinds:
            found = _first_mismatch(s, kind)
            if found is None:
                continue
            what = msg(f"journal.audit.kind.{kind.name}")
            if found.seq is None:
                problem = msg("journal.audit.no_entry", what=what, key=found.key)
            else:
                problem = msg("journal.audit.no_record", what=what, key=found.key, seq=found.seq)
            return Audit(len(kinds), problem)
    return Audit(len(kinds))
