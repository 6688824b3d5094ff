"""Service ratings (服务评价): the levels a customer chooses, the reasons, the statuses.

A level is the key the customer presses on the pad: 1 非常满意 … 5 非常不满意.
At 不满意 or below the pad asks for reasons.
"""

from __future__ import annotations

from workstation.domain.i18n import Msg, msg
from workstation.domain.labelled import Labelled

LEVELS = (1, 2, 3, 4, 5)
"""1 非常满意, 2 满意, 3 基本满意, 4 不满意, 5 非常不满意."""
UNHAPPY = 4
"""From this level on (不满意, 非常不满意) the pad asks why."""


def level_label(level: int) -> Msg:
    return msg(f"rating.level.{level}")


class RatingStatus(Labelled, prefix="rating.status"):
    ASKED = "asked"
    """A ticket was finished: the counter's pad asks."""
    ANSWERED = "answered"
    UNRATED = "unrated"
    """未评价: the pad's time ran out, or the next customer was finished first."""


class Aspect(Labelled, prefix="rating.aspect"):
    """What the customer may also rate, on the same five levels."""

    ATTITUDE = "attitude"
    EFFICIENCY = "efficiency"
    QUALITY = "quality"


class Reason(Labelled, prefix="rating.reason"):
    """Why a customer was not satisfied."""

    WAITING = "waiting"
    ATTITUDE = "attitude"
    SKILL = "skill"
    PAPERWORK = "paperwork"
    OTHER = "other"
