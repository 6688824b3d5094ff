"""Suggestions from the queue board (服务应急): a zone crowded enough to open the flexible window.

A pure function of the board's figures and the service pack's thresholds: a
zone whose longest wait is over ``wait_factor`` times its target, or where more
than ``max_waiting`` wait, gives one line ("crowd surge: open the flexible
window?"). The supervisor's home and the lobby show them; nothing is stored.
"""

from __future__ import annotations

from forms.service_pack import Thresholds
from workstation.domain.i18n import Msg, msg
from workstation.services.queue_views import QueueBoard, ZoneView


def _minutes(zone: ZoneView) -> int:
    return int(zone.longest_wait.total_seconds() // 60)


def zone_suggestion(zone: ZoneView, limits: Thresholds) -> Msg | None:
    """The crowd-surge line for ``zone``, or None while it is within the thresholds."""
    name = msg("queue.bilingual", zh=zone.name_zh, en=zone.name_en)
    if zone.waiting > limits.max_waiting:
        return msg(
            "incident.suggest.waiting", zone=name, waiting=zone.waiting, limit=limits.max_waiting
        )
    if zone.waiting and zone.longest_wait > zone.target * limits.wait_factor:
        target = int(zone.target.total_seconds() // 60)
        return msg(
            "incident.suggest.wait", zone=name, minutes=_minutes(zone),
            factor=limits.wait_factor, target=target,
        )  # fmt: skip
    return None


def suggestions(board: QueueBoard, limits: Thresholds) -> tuple[Msg, ...]:
    """One line per zone past a threshold, in the board's zone order; none for a zone the
    flexible window is open for already (the advisor's 弹性窗口, services/flexible.py)."""
    served = {zone for _counter, zone in board.flexible}
    found = (zone_suggestion(zone, limits) for zone in board.zones if zone.zone not in served)
    return tuple(line for line in found if line is not None)
