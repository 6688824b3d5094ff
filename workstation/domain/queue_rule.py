"""The one queue-order rule, a pure function, and the lines the lobby prints of it.

Given the tickets a window may call, :func:`choose_next` picks one:

1. tickets transferred to this very counter first (by queued time);
2. primary services before overflow (overflow only when no primary ticket waits);
3. a normal ticket waiting past its service's target overtakes priority (oldest first);
4. otherwise the highest priority weight, then the earliest queued — unless the
   window has called ``priority_run_cap`` priority tickets in a row: then the
   earliest normal ticket;
5. ties by queued time, then ticket id; a reinstated no-show is queued at its
   reinstate time (the end).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from workstation.domain.i18n import Msg, msg
from workstation.domain.queue import Priority

RULE_LINES = 5


@dataclass(frozen=True)
class QueueRule:
    priority_weights: Mapping[Priority, int] = field(default_factory=dict)
    """From the pack; NONE (and any class left out) weighs 0: a normal ticket."""
    priority_run_cap: int = 2
    """At most this many priority calls in a row at one window."""

    def weight(self, priority: Priority) -> int:
        return 0 if priority is Priority.NONE else self.priority_weights.get(priority, 0)


@dataclass(frozen=True)
class Candidate:
    ticket_id: int
    label: str
    service: str
    priority: Priority
    queued_at: datetime
    """Arrival, or the reinstate time for a reinstated no-show."""
    target: timedelta
    """The service's target wait."""
    overflow: bool = False
    """Reached through an overflow link (a flexible window, or a counter's overflow)."""
    for_counter: str | None = None
    """A transfer to one counter: only that counter may call it."""


def _earliest(cands: Sequence[Candidate]) -> Candidate:
    return min(cands, key=lambda c: (c.queued_at, c.ticket_id))


def choose_next(
    cands: Sequence[Candidate],
    *,
    counter: str,
    now: datetime,
    priority_run: int,
    rule: QueueRule,
) -> Candidate | None:
    """The ticket ``counter`` calls next, by the rule above; None when none may be called."""
    mine = [c for c in cands if c.for_counter == counter]
    if mine:
        return _earliest(mine)
    open_to_all = [c for c in cands if c.for_counter is None]
    pool = [c for c in open_to_all if not c.overflow] or open_to_all
    if not pool:
        return None
    normal = [c for c in pool if rule.weight(c.priority) == 0]
    overdue = [c for c in normal if now - c.queued_at > c.target]
    if overdue:
        return _earliest(overdue)
    priority = [c for c in pool if rule.weight(c.priority) > 0]
    if priority and (priority_run < rule.priority_run_cap or not normal):
        return min(priority, key=lambda c: (-rule.weight(c.priority), c.queued_at, c.ticket_id))
    return _earliest(normal)


def is_priority(rule: QueueRule, priority: Priority) -> bool:
    return rule.weight(priority) > 0


def rule_lines(rule: QueueRule) -> list[Msg]:
    """The rule in words, as the lobby screen shows it (``queue.rule.1`` … ``queue.rule.5``)."""
    ranked = sorted(
        ((p, w) for p, w in rule.priority_weights.items() if w > 0), key=lambda i: -i[1]
    )
    weights: Msg | str = ""
    # 贵宾 3、老年人 2、…: each class named in the catalog's words, highest first
    for priority, weight in reversed(ranked):
        key = "queue.rule.weight_more" if weights else "queue.rule.weight"
        weights = msg(key, name=priority.label, weight=weight, rest=weights)
    return [
        msg(f"queue.rule.{n}", cap=rule.priority_run_cap, weights=weights)
        for n in range(1, RULE_LINES + 1)
    ]
