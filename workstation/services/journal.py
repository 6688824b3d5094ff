"""The electronic journal: an append-only HMAC-SHA256 chain.

Each entry's hash is ``HMAC(key, previous hash || canonical content)`` where
the content is its sequence number, time, branch, counter, staff, event and
JSON payload. Without the key nobody can append or edit an entry unseen;
:meth:`Journal.verify` walks the chain in fixed-size batches and names the
first broken link.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.engine import Database
from workstation.db.models import JournalEntry, JournalHead
from workstation.domain.clock import Clock
from workstation.domain.i18n import Msg, msg

GENESIS = "0" * 64
HEAD_ID = 1
_QUEUE = "journal_queue"
"""Where a unit of work keeps its entries until it commits (``Session.info``)."""


@dataclass(frozen=True)
class Where:
    """Who did it, where: the fixed part of an entry."""

    branch_code: str | None = None
    counter: str | None = None
    staff_id: str | None = None


@dataclass(frozen=True)
class Verification:
    count: int
    last_seq: int
    broken_at: int | None = None
    problem: Msg | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def canonical_payload(payload: Mapping[str, object]) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _content(row) -> bytes:
    fields = [
        row.seq,
        _timestamp(row.occurred_at),
        row.branch_code,
        row.counter,
        row.staff_id,
        row.event,
        row.payload,
    ]
    return json.dumps(fields, separators=(",", ":"), ensure_ascii=False).encode()


class Journal:
    def __init__(self, key: bytes, clock: Clock) -> None:
        self._key = key
        self.clock = clock

    def _mac(self, prev_hash: str, row) -> str:
        return hmac.new(self._key, prev_hash.encode() + _content(row), hashlib.sha256).hexdigest()

    def append(
        self,
        session: Session,
        event: str,
        payload: Mapping[str, object] | None = None,
        where: Where = Where(),
    ) -> JournalEntry:
        """Add an entry inside the caller's transaction; it commits or vanishes with it.

        The entry is chained (sequence number, previous hash, HMAC) only as the
        transaction commits: the journal head is then the last row it locks. Taken
        earlier, it made a lock-order cycle with rows locked later in the same unit
        of work — a sign-in locks its staff row, then the head; opening a shift held
        the head, then needed that staff row for its foreign key (PostgreSQL found
        the deadlock). Entries are numbered in commit order.
        """
        entry = JournalEntry(
            occurred_at=self.clock.now().astimezone(UTC),
            branch_code=where.branch_code,
            counter=where.counter,
            staff_id=where.staff_id,
            event=event,
            payload=canonical_payload(payload or {}),
        )
        queue = session.info.setdefault(_QUEUE, [])
        if not queue:
            sa_event.listen(session, "before_commit", self._chain, once=True)
        queue.append(entry)
        session.flush()  # the caller's own rows, as before; the entry waits for commit
        return entry

    def _chain(self, session: Session) -> None:
        """Number, link and sign the transaction's entries, under the head's row lock."""
        queue = session.info.pop(_QUEUE, [])
        if not queue:
            return
        head = session.get(JournalHead, HEAD_ID, with_for_update=True, populate_existing=True)
        if head is None:
            raise RuntimeError("journal head row missing: database not migrated")
        for entry in queue:
            entry.seq, entry.prev_hash = head.seq + 1, head.hash
            entry.hash = self._mac(head.hash, entry)
            session.add(entry)
            head.seq, head.hash = entry.seq, entry.hash
        session.flush()

    def verify(self, db: Database, batch_size: int = 1000) -> Verification:
        """Walk the whole chain, at most ``batch_size`` entries in memory at a time."""
        prev_hash, expected, count = GENESIS, 1, 0
        with db.snapshot() as session:
            for row in _rows(session, batch_size):
                problem = self._check(row, expected, prev_hash)
                if problem is not None:
                    return Verification(count, expected - 1, row.seq, problem)
                prev_hash, expected, count = row.hash, row.seq + 1, count + 1
            head = session.execute(select(JournalHead.seq, JournalHead.hash)).one()
        last = expected - 1
        if head.seq != last or head.hash != prev_hash:
            return Verification(
                count, last, last + 1, msg("journal.broken.tail", last=last, head=head.seq)
            )
        return Verification(count, last)

    def _check(self, row, expected: int, prev_hash: str) -> Msg | None:
        if row.seq != expected:
            return msg("journal.broken.missing", seq=row.seq, missing=expected)
        if row.prev_hash != prev_hash:
            return msg("journal.broken.link", seq=row.seq)
        if not hmac.compare_digest(self._mac(prev_hash, row), row.hash):
            return msg("journal.broken.hmac", seq=row.seq)
        return None


def _rows(session: Session, batch_size: int) -> Iterator:
    table = JournalEntry.__table__
    last = 0
    while True:
        batch = session.execute(
            select(table).where(table.c.seq > last).order_by(table.c.seq).limit(batch_size)
        ).all()
        if not batch:
            return
        yield from batch
        last = batch[-1].seq


def recent(
    session: Session, limit: int = 50, event: str | None = None, staff_id: str | None = None
) -> list:
    """The newest entries first, for ``journal show`` and the screens."""
    table = JournalEntry.__table__
    query = select(table).order_by(table.c.seq.desc()).limit(limit)
    if event:
        query = query.where(table.c.event == event)
    if staff_id:
        query = query.where(table.c.staff_id == staff_id)
    return session.execute(query).all()
