"""What a counter PC checks before it joins a branch's database (``workstation join``).

The branch is read from the database, not typed; the counter must be one of
its counters; and the journal key this PC is given must be the branch's: it
has to reproduce the HMAC of the journal's newest entry, or the counter could
write entries no one can verify.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text

from forms.schema import NamedInBoth
from workstation.db.engine import Database
from workstation.db.models import Branch, Counter, JournalHead
from workstation.domain.errors import WorkstationError
from workstation.services.journal_codec import Signer, stored_content


class JoinError(WorkstationError):
    """This PC cannot join the branch as asked."""


@dataclass(frozen=True)
class BranchFacts(NamedInBoth):
    """A branch as its database holds it."""

    code: str
    name_zh: str
    name_en: str
    counters: tuple[str, ...]
    """Its counter numbers, in order."""

    def require_counter(self, number: str) -> None:
        if number not in self.counters:
            raise JoinError(
                "join.unknown_counter",
                branch=self.code,
                counter=number,
                counters=", ".join(self.counters),
            )


def read_branch(db: Database, wanted: str | None = None) -> BranchFacts:
    """The database's branch; ``wanted`` picks one when it holds several."""
    with db.read() as s:
        codes = list(s.scalars(select(Branch.code).order_by(Branch.code)))
        if not codes:
            raise JoinError("join.no_branch")
        if wanted is None and len(codes) > 1:
            raise JoinError("join.several_branches", branches=", ".join(codes))
        code = wanted.upper() if wanted is not None else codes[0]
        branch = s.get(Branch, code)
        if branch is None:
            raise JoinError("join.unknown_branch", branch=code, branches=", ".join(codes))
        numbers = s.scalars(
            select(Counter.number).where(Counter.branch_code == code).order_by(Counter.number)
        )
        return BranchFacts(branch.code, branch.name_zh, branch.name_en, tuple(numbers))


_ENTRY = text(
    "SELECT seq, occurred_at, branch_code, counter, staff_id, event, payload, prev_hash, hash"
    " FROM journal_entries WHERE seq = :seq"
)


def key_opens_journal(db: Database, key: bytes) -> bool | None:
    """Whether ``key`` signed the journal's newest entry; None while the journal is empty."""
    with db.read() as s:
        head = s.execute(select(JournalHead.seq)).scalar_one_or_none()
        if not head:
            return None
        row = s.execute(_ENTRY, {"seq": head}).first()
    if row is None:
        return False  # the head names an entry that is not there: nothing can vouch for it
    seq, at, branch, counter, staff, event, payload, prev_hash, stored = row
    body = stored_content(seq, at, branch, counter, staff, event, payload)
    return bool(Signer(key).sign(prev_hash, body) == stored)


def require_key_opens(db: Database, key: bytes, branch: str) -> None:
    """Refuse a key that did not sign this branch's journal."""
    if key_opens_journal(db, key) is False:
        raise JoinError("join.wrong_key", branch=branch)
