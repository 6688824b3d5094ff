"""The queue-order rule, table by table: each row a queue, a window's state and who is next."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from workstation.domain.queue import Priority
from workstation.domain.queue_rule import Candidate, QueueRule, choose_next, rule_lines

T0 = datetime(2026, 11, 27, 9, 0)
RULE = QueueRule({Priority.VIP: 3, Priority.ELDERLY: 2, Priority.PREGNANT: 2}, priority_run_cap=2)
TARGET = timedelta(minutes=20)
N, E, V, P = Priority.NONE, Priority.ELDERLY, Priority.VIP, Priority.PREGNANT


def cand(label, minute, priority=N, *, overflow=False, for_counter=None, service="b"):
    return Candidate(
        ticket_id=int(label[1:]), label=label, service=service, priority=priority,
        queued_at=T0 + timedelta(minutes=minute), target=TARGET, overflow=overflow,
        for_counter=for_counter,
    )  # fmt: skip


# (name, candidates, minutes now after T0, priority calls in a row, expected label)
TABLE = [
    ("first come first served", [cand("B002", 2), cand("B001", 1)], 5, 0, "B001"),
    ("priority before normal", [cand("B001", 1), cand("B002", 2, E)], 5, 0, "B002"),
    ("highest weight first", [cand("B001", 1, E), cand("B002", 2, V)], 5, 0, "B002"),
    ("same weight: earliest", [cand("B002", 2, P), cand("B001", 3, E)], 5, 0, "B002"),
    ("cap reached: a normal", [cand("B001", 1), cand("B002", 2, E)], 5, 2, "B001"),
    ("cap reached, no normal", [cand("B002", 2, E)], 5, 2, "B002"),
    ("under the cap: priority", [cand("B001", 1), cand("B002", 2, E)], 5, 1, "B002"),
    ("aging overtakes priority", [cand("B001", 0), cand("B002", 1, V)], 21, 0, "B001"),
    ("not yet aged", [cand("B001", 0), cand("B002", 1, V)], 20, 0, "B002"),
    ("aged: oldest first", [cand("B003", 3), cand("B001", 0), cand("B002", 1)], 30, 0, "B001"),
    (
        "reinstated no-show at the end",
        [cand("B001", 30), cand("B002", 2), cand("B003", 4)],
        31,
        0,
        "B002",
    ),
    (
        "transfer keeps arrival: ahead of later arrivals",
        [cand("B007", 1), cand("B005", 3)],
        5,
        0,
        "B007",
    ),
    (
        "transferred to this counter first",
        [cand("B001", 0), cand("B009", 9, for_counter="02")],
        5,
        0,
        "B009",
    ),
    ("transferred to another counter: not here", [cand("B009", 0, for_counter="03")], 5, 0, None),
    ("primary before overflow", [cand("D001", 0, overflow=True), cand("B001", 4)], 5, 0, "B001"),
    ("overflow when no primary waits", [cand("D001", 0, overflow=True)], 5, 0, "D001"),
    (
        "overflow priority ignored while primary waits",
        [cand("D001", 0, V, overflow=True), cand("B001", 4)],
        5,
        0,
        "B001",
    ),
    ("nothing waiting", [], 5, 0, None),
    ("ties by ticket id", [cand("B002", 1), cand("B001", 1)], 5, 0, "B001"),
]


@pytest.mark.parametrize(
    ("cands", "minutes", "run", "expected"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_the_rule_picks(cands, minutes, run, expected):
    now = T0 + timedelta(minutes=minutes)
    chosen = choose_next(cands, counter="02", now=now, priority_run=run, rule=RULE)
    assert (chosen.label if chosen else None) == expected


def test_at_most_two_priority_calls_in_a_row():
    left = [cand(f"B{i:03d}", i, E if i <= 5 else N) for i in range(1, 9)]
    run, order = 0, []
    while left:
        chosen = choose_next(
            left, counter="02", now=T0 + timedelta(minutes=10), priority_run=run, rule=RULE
        )
        order.append(chosen.label)
        left.remove(chosen)
        run = run + 1 if chosen.priority is not N else 0
    assert order == ["B001", "B002", "B006", "B003", "B004", "B007", "B005", "B008"]


def test_the_rule_is_printed_with_its_cap():
    from workstation.domain.i18n import Catalog

    lines = [Catalog.load("zh")(line) for line in rule_lines(RULE)]
    assert len(lines) == 5 and "连续叫了 2 个优先号" in lines[3]
    assert "（贵宾3、老年人2、" in lines[3], lines[3]  # named, highest weight first
    english = Catalog.load("en")(rule_lines(RULE)[3])
    assert "(VIP 3, Elderly 2, " in english, english
