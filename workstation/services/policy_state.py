"""The directory as the counter sees it: the snapshot plus the day's unreversed postings.

Every look-up (the form's policy panel, prefill) and every risk check reads a
policy through :class:`TodayDirectory`, so a second loan sees the room the
first left and a surrendered policy reads surrendered. A posting reads the
policy in its own write transaction, after locking the policy's row, so two
counters posting on one policy at once are judged on committed state.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from workstation.db.engine import Database
from workstation.db.ledger import Posting
from workstation.db.models import Policy
from workstation.domain.clock import Clock
from workstation.domain.statuses import PostingStatus
from workstation.services.calendar import current_business_date
from workstation.services.directory import BankAccountView, PersonView, PolicyDirectory, PolicyView
from workstation.services.effects import DoneToday, Effect
from workstation.services.overlay import overlay

_DONE_TODAY = (
    select(Posting.serial, Posting.template_code, Posting.effect)
    .where(
        Posting.policy_no == bindparam("policy_no"),
        Posting.business_date == bindparam("day"),
        Posting.status == PostingStatus.POSTED,  # neither a reversed original nor its reversal
    )
    .order_by(Posting.posted_at, Posting.id)
)
_LOCK = select(Policy.policy_no).where(Policy.policy_no == bindparam("policy_no")).with_for_update()


def done_today(s: Session, policy_no: str, day: date) -> list[DoneToday]:
    """The business date's unreversed postings on the policy, oldest first: one query."""
    rows = s.connection().execute(_DONE_TODAY, {"policy_no": policy_no, "day": day})
    return [DoneToday(serial, code, Effect.from_json(effect)) for serial, code, effect in rows]


class TodayDirectory:
    """A :class:`PolicyDirectory` whose policies carry the day's effects."""

    def __init__(
        self, snapshot: PolicyDirectory, db: Database, clock: Clock, branch_code: str
    ) -> None:
        self.snapshot, self.db, self.clock, self.branch_code = snapshot, db, clock, branch_code

    def policy(self, policy_no: str) -> PolicyView | None:
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.branch_code)
            return self.policy_in(s, policy_no, day)

    def policy_in(
        self, s: Session, policy_no: str, day: date, *, lock: bool = False
    ) -> PolicyView | None:
        """The policy on business date ``day``, inside a unit of work already open.

        ``lock``: hold the policy's row until the transaction ends (a posting does),
        so another counter's posting on it waits and then sees this one.
        """
        if lock and s.get_bind().dialect.name != "sqlite":  # SQLite: one writer holds it all
            s.connection().execute(_LOCK, {"policy_no": policy_no})
        local = getattr(self.snapshot, "policy_in", None)
        found = local(s, policy_no) if local else self.snapshot.policy(policy_no)
        return None if found is None else overlay(found, done_today(s, policy_no, day))

    def customer(self, id_number: str) -> PersonView | None:
        return self.snapshot.customer(id_number)

    def policies_of(self, id_number: str) -> list[PolicyView]:
        found = self.snapshot.policies_of(id_number)
        if not found:
            return found
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.branch_code)
            return [overlay(p, done_today(s, p.policy_no, day)) for p in found]

    def bank_accounts(self, id_number: str) -> list[BankAccountView]:
        return self.snapshot.bank_accounts(id_number)

    def account(self, card_no: str) -> BankAccountView | None:
        return self.snapshot.account(card_no)
