"""What a branch's services are built with: the database, the journal, the clock and the branch.

A service that reads the branch's pack holds it too (:class:`PackDesk`); one whose
rules may need a supervisor's sign-off holds the auth service and the counter it
serves (:class:`CounterDesk`). ``workstation.station`` builds each with these in
this order; a service adds its own settings after them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from workstation.db.engine import Database
from workstation.domain.clock import Clock
from workstation.services.auth import AuthService
from workstation.services.journal import Journal

P = TypeVar("P")


@dataclass(eq=False)
class PackDesk(Generic[P]):
    db: Database
    journal: Journal
    clock: Clock
    branch_code: str
    pack: P


@dataclass(eq=False)
class CounterDesk:
    db: Database
    journal: Journal
    auth: AuthService
    clock: Clock
    branch_code: str
    counter: str | None
