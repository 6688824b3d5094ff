"""The electronic journal: an append-only HMAC-SHA256 chain.

Each entry's hash is ``HMAC(key, previous hash || canonical content)`` where
the content is its sequence number, time, branch, counter, staff, event and
JSON payload (:mod:`workstation.services.journal_codec`). Without the key
nobody can append or edit an entry unseen; :meth:`Journal.verify` walks the
chain in fixed-size batches and names the first broken link, and checks an
anchor (a sequence number and hash kept outside the database) on the way.
Whether every record has its entry is :mod:`workstation.services.journal_audit`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Row, Table, bindparam, insert, select, text, update
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from workstation.db.engine import Database
from workstation.db.jsonfield import json_text
from workstation.db.models import JournalEntry, JournalHead
from workstation.db.prepared import Prepared
from workstation.db.unit import Unit, before_commit
from workstation.domain.clock import Clock
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Msg, msg
from workstation.services.journal_codec import (
    GENESIS,
    Signer,
    canonical_payload,
    content,
    stored_content,
    timestamp,
)

__all__ = ["GENESIS", "Anchor", "Journal", "Verification", "Where", "canonical_payload"]

HEAD_ID = 1
_QUEUE = "journal_queue"
"""Where a unit of work keeps its entries until it commits (``Session.info``)."""


@dataclass(frozen=True)
class Where:
    """Who did it, where: the fixed part of an entry."""

    branch_code: str | None = None
    counter: str | None = None
    staff_id: str | None = None


@dataclass(slots=True)
class Entry:
    """An entry appended in a unit of work: its content; its link (``seq``, ``prev_hash``,
    ``hash``) once that commits. A plain row, not an ORM object: every event builds one."""

    occurred_at: datetime
    branch_code: str | None
    counter: str | None
    staff_id: str | None
    event: str
    payload: str
    seq: int = 0
    prev_hash: str = ""
    hash: str = ""


Recorded = tuple[datetime, str, Mapping[str, object], Where]
"""An entry for :meth:`Journal.append_recorded`: when, event, payload, where."""


@dataclass(frozen=True)
class Verification:
    count: int
    last_seq: int
    broken_at: int | None = None
    problem: Msg | None = None
    last_hash: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class Anchor:
    """An entry's sequence number and hash, kept outside the database: ``SEQ:HASH``."""

    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, written: str) -> Anchor:
        seq, _, digest = written.strip().partition(":")
        digest = digest.lower()
        if not (seq.isdigit() and len(digest) == 64):
            raise WorkstationError("journal.anchor.bad", anchor=written.strip())
        if digest.strip("0123456789abcdef"):
            raise WorkstationError("journal.anchor.bad", anchor=written.strip())
        return cls(int(seq), digest)


_ENTRIES, _HEADS = cast(Table, JournalEntry.__table__), cast(Table, JournalHead.__table__)
_HEAD = Prepared(
    select(_HEADS.c.seq, _HEADS.c.hash).where(_HEADS.c.id == HEAD_ID).with_for_update()
)
_INSERT = Prepared(insert(_ENTRIES), [c.key for c in _ENTRIES.c])
_MOVE_HEAD = Prepared(
    update(_HEADS)
    .where(_HEADS.c.id == HEAD_ID)
    .values(seq=bindparam("seq"), hash=bindparam("hash"))
)


def _row(entry: Entry) -> dict[str, object]:
    return {c.key: getattr(entry, c.key) for c in _ENTRIES.c}


@sa_event.listens_for(Session, "before_commit")
@before_commit
def _chain_queued(session: Unit) -> None:
    """Every unit of work that appended entries chains them as it commits (a Session, and a
    Core unit of work: :mod:`workstation.db.unit`)."""
    queued = session.info.pop(_QUEUE, None)
    if queued is not None and queued[1]:
        chain, entries = queued
        chain(session, entries)


def _entry_content(entry: Entry) -> bytes:
    return content(
        entry.seq,
        timestamp(entry.occurred_at),
        entry.branch_code,
        entry.counter,
        entry.staff_id,
        entry.event,
        entry.payload,
    )


class Journal:
    def __init__(self, key: bytes, clock: Clock) -> None:
        self._signer = Signer(key)
        self.clock = clock

    def _mac(self, prev_hash: str, entry: Entry) -> str:
        """The hash an entry must carry."""
        return self._signer.sign(prev_hash, _entry_content(entry))

    def append(
        self,
        session: Unit,
        event: str,
        payload: Mapping[str, object] | None = None,
        where: Where = Where(),
    ) -> Entry:
        """Add an entry inside the caller's transaction; it commits or vanishes with it.

        The entry is chained (sequence number, previous hash, HMAC) only as the
        transaction commits: the journal head is then the last row it locks. Taken
        earlier, it made a lock-order cycle with rows locked later in the same unit
        of work — a sign-in locks its staff row, then the head; opening a shift held
        the head, then needed that staff row for its foreign key (PostgreSQL found
        the deadlock). Entries are numbered in commit order.
        """
        entry = Entry(
            occurred_at=self.clock.now().astimezone(UTC),
            branch_code=where.branch_code,
            counter=where.counter,
            staff_id=where.staff_id,
            event=event,
            payload=canonical_payload(payload or {}),
        )
        chain, queue = session.info.setdefault(_QUEUE, (self._chain, []))
        if chain != self._chain:
            raise RuntimeError("two journals append in one unit of work")
        queue.append(entry)
        session.flush()  # the caller's own rows, as before; the entry waits for commit
        return entry

    def _chain(self, session: Unit, queue: list[Entry]) -> None:
        """Number, link and sign the transaction's entries, under the head's row lock.

        The caller's rows are flushed first, so the head stays the last row locked;
        the entries go in as plain rows (no unit of work): every posting and queue
        event pays for this step.
        """
        session.flush()
        conn = session.connection()  # Core: no ORM layer on the step every posting pays
        head = _HEAD.first(conn, {})
        if head is None:
            raise RuntimeError("journal head row missing: database not migrated")
        seq, last = head
        for entry in queue:
            entry.seq, entry.prev_hash = seq + 1, last
            entry.hash = self._mac(last, entry)
            seq, last = entry.seq, entry.hash
        _INSERT.many(conn, [_row(entry) for entry in queue])
        _MOVE_HEAD.rows(conn, {"seq": seq, "hash": last})

    def append_recorded(self, session: Session, records: Iterable[Recorded]) -> int:
        """Entries for events that happened before they were journaled, each at its own
        time: history written in bulk (the demo's past weeks). Chained after the head in
        the order given, in the unit of work that writes the records (entries it queued
        by :meth:`append` follow at commit). Returns the count."""
        entries = [
            Entry(
                occurred_at=at.astimezone(UTC),
                branch_code=where.branch_code,
                counter=where.counter,
                staff_id=where.staff_id,
                event=event,
                payload=canonical_payload(payload),
            )
            for at, event, payload, where in records
        ]
        self._chain(session, entries)
        return len(entries)

    def verify(
        self, db: Database, batch_size: int = 1000, anchor: Anchor | None = None
    ) -> Verification:
        """Walk the whole chain, at most ``batch_size`` entries in memory at a time.

        With an ``anchor``, the entry it names must be there with its hash: then
        nothing up to it was removed or changed, even by someone with the key.
        """
        sign = self._signer.sign
        prev_hash, expected = GENESIS, 1
        anchor_seq, anchor_hash = (anchor.seq, anchor.hash) if anchor else (0, "")
        with db.snapshot() as session:
            for batch in _batches(session, batch_size):
                for seq, at, branch, counter, staff, event, payload, prev, stored in batch:
                    body = stored_content(seq, at, branch, counter, staff, event, payload)
                    # not compare_digest: nothing secret is guessed from how long a check takes
                    if seq != expected or prev != prev_hash or sign(prev_hash, body) != stored:
                        problem = _problem(seq, expected, prev, prev_hash)
                        return Verification(expected - 1, expected - 1, seq, problem)
                    if seq == anchor_seq and stored != anchor_hash:
                        problem = msg("journal.anchor.changed", seq=seq)
                        return Verification(expected - 1, expected - 1, seq, problem)
                    prev_hash, expected = stored, seq + 1
            recorded = session.execute(select(JournalHead.seq, JournalHead.hash)).one()
        last = expected - 1
        if last < anchor_seq:
            problem = msg("journal.anchor.missing", seq=anchor_seq, last=last)
            return Verification(last, last, last + 1, problem)
        if recorded.seq != last or recorded.hash != prev_hash:
            problem = msg("journal.broken.tail", last=last, head=recorded.seq)
            return Verification(last, last, last + 1, problem)
        return Verification(last, last, last_hash=prev_hash)

    def check_head(self, db: Database) -> tuple[Anchor, Msg | None]:
        """The head, and what is wrong with it: its entry missing or unlike it, or not
        signed with this key (this PC holds another key than the branch's).

        One entry read, for ``workstation doctor``; :meth:`verify` walks the whole chain.
        """
        with db.read() as session:
            head = session.execute(select(JournalHead.seq, JournalHead.hash)).one()
            row = session.execute(_ONE, {"seq": head.seq}).first()
        anchor = Anchor(head.seq, head.hash)
        if head.seq == 0:
            return anchor, None
        if row is None or row[-1] != head.hash:
            return anchor, msg("doctor.journal_head_lost", seq=head.seq)
        seq, at, branch, counter, staff, event, payload, prev, stored = row
        body = stored_content(seq, at, branch, counter, staff, event, payload)
        if self._signer.sign(prev, body) != stored:
            return anchor, msg("doctor.journal_other_key", seq=head.seq)
        return anchor, None


def _problem(seq: int, expected: int, prev: str, prev_hash: str) -> Msg:
    if seq != expected:
        return msg("journal.broken.missing", seq=seq, missing=expected)
    if prev != prev_hash:
        return msg("journal.broken.link", seq=seq)
    return msg("journal.broken.hmac", seq=seq)


if TYPE_CHECKING:  # SQLAlchemy 2.1's generic Row, for the checker only
    AnyRow = Row[*tuple[Any, ...]]
    """A row as the driver gives it."""

_BATCH = text(
    "SELECT seq, occurred_at, branch_code, counter, staff_id, event, payload, prev_hash, hash"
    " FROM journal_entries WHERE seq > :after ORDER BY seq LIMIT :size"
)
_ONE = text(
    "SELECT seq, occurred_at, branch_code, counter, staff_id, event, payload, prev_hash, hash"
    " FROM journal_entries WHERE seq = :seq"
)


def _batches(session: Session, batch_size: int) -> Iterator[Sequence[AnyRow]]:
    """The chain in order, a keyset batch at a time, as the driver gives it (no ORM, no types)."""
    after = 0
    while True:
        batch = session.execute(_BATCH, {"after": after, "size": batch_size}).fetchall()
        if not batch:
            return
        yield batch
        after = batch[-1][0]


def close_anchor(session: Session, branch_code: str, day: date) -> Anchor | None:
    """The entry that closed ``day`` at the branch (the day's anchor), if it is closed."""
    row = session.execute(
        select(JournalEntry.seq, JournalEntry.hash)
        .where(
            JournalEntry.event == "business_day_closed",
            JournalEntry.branch_code == branch_code,
            json_text(JournalEntry.payload, "date") == day.isoformat(),
        )
        .order_by(JournalEntry.seq.desc())
        .limit(1)
    ).first()
    return None if row is None else Anchor(row.seq, row.hash)


def current_head(db: Database) -> Anchor:
    """The journal's head as it stands: the last entry's sequence number and hash."""
    with db.read() as session:
        row = session.execute(select(JournalHead.seq, JournalHead.hash)).one()
    return Anchor(row.seq, row.hash)


def recent(
    session: Session, limit: int = 50, event: str | None = None, staff_id: str | None = None
) -> Sequence[AnyRow]:
    """The newest entries first, for ``journal show`` and the screens."""
    table = JournalEntry.__table__
    query = select(table).order_by(table.c.seq.desc()).limit(limit)
    if event:
        query = query.where(table.c.event == event)
    if staff_id:
        query = query.where(table.c.staff_id == staff_id)
    return session.execute(query).all()
