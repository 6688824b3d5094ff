"""First-time set-up of a branch (``workstation init``) and the demo branch."""

from __future__ import annotations

from dataclasses import dataclass, field

from workstation.db.engine import Database
from workstation.db.models import Branch, Counter
from workstation.domain.clock import Clock
from workstation.domain.errors import WorkstationError
from workstation.services.journal import Journal, Where
from workstation.services.passwords import Passwords
from workstation.services.staff import Person, StaffAdmin


class SetupError(WorkstationError):
    """The branch cannot be set up as asked."""


@dataclass(frozen=True)
class BranchSpec:
    code: str
    name_zh: str
    name_en: str
    counters: int = 4
    flexible: frozenset[str] = field(default_factory=frozenset)
    """Counter numbers that are flexible windows (弹性窗口)."""


def counter_number(n: int) -> str:
    return f"{n:02d}"


def initialise(
    db: Database,
    journal: Journal,
    passwords: Passwords,
    clock: Clock,
    branch: BranchSpec,
    people: list[Person],
    actor: str,
) -> None:
    """Create the branch, its counters and its first staff in one transaction."""
    if not 1 <= branch.counters <= 99:
        raise SetupError("setup.bad_counters")
    numbers = {counter_number(n) for n in range(1, branch.counters + 1)}
    if unknown := sorted(branch.flexible - numbers):
        last = counter_number(branch.counters)
        raise SetupError("setup.bad_flexible", counter=unknown[0], last=last)
    admin = StaffAdmin(db, journal, passwords, clock, actor)
    with db.write() as s:
        if s.get(Branch, branch.code) is not None:
            raise SetupError("setup.exists", branch=branch.code)
        s.add(
            Branch(
                code=branch.code,
                name_zh=branch.name_zh,
                name_en=branch.name_en,
                created_at=clock.now(),
            )
        )
        for n in range(1, branch.counters + 1):
            number = counter_number(n)
            flexible = number in branch.flexible
            s.add(
                Counter(
                    branch_code=branch.code,
                    number=number,
                    name_zh=f"{number}号{'弹性' if flexible else ''}窗口",
                    name_en=f"Window {number}{' (flexible)' if flexible else ''}",
                    flexible=flexible,
                )
            )
        s.flush()
        journal.append(
            s,
            "initialised",
            {
                "branch": branch.code,
                "name": branch.name_zh,
                "counters": branch.counters,
                "by": actor,
            },
            Where(branch.code),
        )
        for person in people:
            admin.create(s, branch.code, person)
