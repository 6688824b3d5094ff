"""Helpers for the queue tests: a lobby, tellers on shift at their windows, the clock."""

from __future__ import annotations

import re
from pathlib import Path

from forms.branch_pack import DEFAULT_BRANCH_PACK
from tests.ledger_support import on_shift
from workstation.domain.queue import Priority


def lobby(station):
    """刘洋 (L001), the demo's lobby staff, signed in."""
    return station.auth.sign_in("L001", "demo1234")


def open_today(station) -> None:
    """The opening checklist ticked by the lobby and the branch opened, on the station clock's
    date (the demo opened only the day it was seeded: a test on the real clock opens its own)."""
    from workstation.domain.checklist import ChecklistKind

    who, checklists = lobby(station), station.checklists
    if checklists.today().opened:
        return
    for item in checklists.today().outstanding:
        checklists.tick(who, ChecklistKind.OPENING, item.key)
    checklists.open_branch(who)


def at_window(station, staff_id: str = "T001"):
    """A teller on shift at the station's counter, its window open."""
    who = on_shift(station, staff_id)
    station.queue.open_window(who, station.counter.code)
    return who


def issue_all(station, who, *orders: tuple[str, Priority], step: int = 1) -> list[str]:
    """Issue tickets in order, ``step`` seconds apart; their labels."""
    labels = []
    for service, priority in orders:
        labels.append(station.queue.issue(who, service, priority).ticket.label)
        station.clock.advance(seconds=step)
    return labels


def one_queue_pack(folder) -> Path:
    """The demo pack with every counter calling the payment queue, its quota 999."""
    text = DEFAULT_BRANCH_PACK.read_text(encoding="utf-8")
    text = re.sub(r"daily_quota = \d+", "daily_quota = 999", text.split("[[counters]]")[0])
    counters = "".join(f'[[counters]]\nnumber = "{n}"\nprimary = ["payment"]\n\n' for n in COUNTERS)
    path = Path(folder) / "one-queue.toml"
    path.write_text(text + counters, encoding="utf-8")
    return path


COUNTERS = ("01", "02", "03", "04")
STAFF = {"01": "T001", "02": "T002", "03": "S001", "04": "M001"}
"""Who opens a till at each counter in the multi-process tests."""


def queue_config(url: str, counter: str, pack: Path):
    from tests.conftest import make_config
    from workstation.config import QueueSection

    return make_config(url, counter).model_copy(update={"queue": QueueSection(pack=pack)})
