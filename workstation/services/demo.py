"""The demo branch: SH01 Pudong with four counters, six staff and demo policies."""

from __future__ import annotations

from datetime import timedelta

from forms.branch_pack import load_branch_pack
from workstation.db.engine import Database
from workstation.domain.clock import Clock, local_date
from workstation.domain.staff import Role
from workstation.services.checklists import open_checked
from workstation.services.demo_history import Window, Written, write_history
from workstation.services.demo_policies import seed_policies
from workstation.services.journal import Journal
from workstation.services.passwords import Passwords
from workstation.services.setup import BranchSpec, initialise
from workstation.services.staff import Person

DEMO_PASSWORD = "demo1234"
DEMO_BRANCH = BranchSpec(
    code="SH01",
    name_zh="上海浦东客户服务中心",
    name_en="Shanghai Pudong Service Centre",
    counters=4,
    flexible=frozenset({"04"}),
)
DEMO_STAFF = (
    Person("T001", "张敏", Role.TELLER, DEMO_PASSWORD),
    Person("T002", "李娜", Role.TELLER, DEMO_PASSWORD),
    Person("S001", "王强", Role.SUPERVISOR, DEMO_PASSWORD, level=1),
    Person("M001", "陈刚", Role.SUPERVISOR, DEMO_PASSWORD, level=2),
    Person("A001", "周洁", Role.ADMIN, DEMO_PASSWORD),
    Person("L001", "刘洋", Role.LOBBY, DEMO_PASSWORD),
)


def seed_demo(db: Database, journal: Journal, passwords: Passwords, clock: Clock) -> None:
    initialise(db, journal, passwords, clock, DEMO_BRANCH, list(DEMO_STAFF), actor="demo")
    seed_policies(db, local_date(clock), DEMO_BRANCH.code)
    open_demo_branch(db, journal, clock)


def open_demo_branch(db: Database, journal: Journal, clock: Clock) -> None:
    """Today's opening checklist done by the lobby's 刘洋 and the branch open: the demo
    (and every test on it) issues tickets at once; the next day starts with the checklist."""
    items = load_branch_pack().checklists.opening
    with db.write() as s:
        open_checked(s, journal, clock, DEMO_BRANCH.code, items, "L001")


DEMO_WINDOWS = (
    Window("01", "T001"),  # payments
    Window("02", "T002"),  # policy services and claims, consultation as overflow
    Window("03", "M001"),
    Window("04", "S001"),  # the flexible window: opened when the queue needs it
)


def write_demo_history(db: Database, journal: Journal, clock: Clock, weeks: int) -> Written:
    """The ``weeks`` before today at the demo's windows (tickets, ratings, opinions),
    so the statistics and the periodic report have a past to show."""
    last = local_date(clock) - timedelta(days=1)
    pack = load_branch_pack()
    with db.write() as s:
        return write_history(
            s, journal, pack, DEMO_BRANCH.code, DEMO_WINDOWS, last, weeks * 7, clock.zone,
            clock.now(),
        )  # fmt: skip
