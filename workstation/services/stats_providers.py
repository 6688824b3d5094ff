"""The statistics' figures owned by the opinion book and the incidents.

- **opinions received**: opinions recorded in the period (any kind, any
  channel, the follow-ups of poor ratings included), for the branch and for the
  teller and counter each names.
- **complaints** and **complaints closed on time**: complaints recorded in the
  period, and those of them closed on or before their due date (15 working days
  unless set otherwise); one still open is not (yet) closed on time. Both are
  counts, so the reader sees "7 of 9".
- **incidents**: service incidents started in the period (branch only).

Each is counted in SQL over the period's rows; a group none names shows no
figure (the statistics service's rule: nothing shown as zero that was not counted).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import case, func, select

from workstation.db.engine import Database
from workstation.db.incidents import Incident
from workstation.db.opinions import Opinion
from workstation.domain.clock import Clock, local
from workstation.domain.opinion import OpinionKind
from workstation.services.stats_figures import Dimension, ExtraFigure

RECEIVED = ("opinions_received", "收到意见", "Opinions received")
COMPLAINTS = ("complaints", "投诉", "Complaints")
ON_TIME = ("complaints_on_time", "投诉按期办结", "Complaints closed on time")
INCIDENTS = ("incidents", "服务应急事件", "Service incidents")


class OpinionFigures:
    """Opinions received per branch, teller and counter; complaints closed on time."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    def figures(self, branch_code: str, first: date, last: date) -> Sequence[ExtraFigure]:
        o = Opinion.__table__.c
        complaint = o.kind == str(OpinionKind.COMPLAINT)
        in_period = (o.branch_code == branch_code) & o.business_date.between(first, last)
        found: list[ExtraFigure] = []
        with self.db.read() as s:
            groups = (
                (Dimension.OVERALL, None),
                (Dimension.TELLER, o.teller),
                (Dimension.COUNTER, o.counter),
            )
            for dimension, column in groups:
                keys = () if column is None else (column,)
                rows = s.execute(
                    select(*keys, func.count(), func.sum(case((complaint, 1), else_=0)))
                    .where(in_period, *(k.is_not(None) for k in keys))
                    .group_by(*keys)
                ).all()
                for *key, received, _ in rows:
                    group = key[0] if key else ""
                    found.append(ExtraFigure(*RECEIVED, dimension, group, received))
            closed = s.execute(select(o.due_date, o.closed_at).where(in_period, complaint)).all()
        if closed:
            on_time = sum(1 for due, at in closed if self._on_time(due, at))
            found.append(ExtraFigure(*COMPLAINTS, Dimension.OVERALL, "", len(closed)))
            found.append(ExtraFigure(*ON_TIME, Dimension.OVERALL, "", on_time))
        return found

    def _on_time(self, due: date | None, closed_at: datetime | None) -> bool:
        if closed_at is None:
            return False
        return due is None or local(closed_at, self.clock.zone).date() <= due


class IncidentFigures:
    """Service incidents started in the period, for the branch."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    def figures(self, branch_code: str, first: date, last: date) -> Sequence[ExtraFigure]:
        zone = self.clock.zone
        start = datetime.combine(first, time(), zone)
        end = datetime.combine(last + timedelta(days=1), time(), zone)
        with self.db.read() as s:
            count = s.scalar(
                select(func.count()).where(
                    Incident.branch_code == branch_code,
                    Incident.started_at >= start,
                    Incident.started_at < end,
                )
            )
        return [ExtraFigure(*INCIDENTS, Dimension.OVERALL, "", count or 0)]
