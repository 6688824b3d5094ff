"""The demo's generated past: open days only, every row journaled, figures that agree."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from workstation.db.opinions import Opinion
from workstation.db.queue import Ticket
from workstation.db.ratings import Rating
from workstation.domain.opinion import OpinionKind, OpinionStatus
from workstation.services.demo import write_demo_history
from workstation.services.journal_audit import audit

# The demo clock's day is 2026-11-27 (a Friday); the history ends the day before.


def test_history_covers_working_days_and_every_row_has_its_journal_entry(station):
    written = write_demo_history(station.db, station.journal, station.clock, weeks=2)
    # 2026-11-13 (a Friday) … 11-26 (a Thursday): 13, 14 (Saturday), 16-21, 23-26 = 12 open
    # days: the branch opens on Saturdays, not on Sundays
    assert written.days == 12
    with station.db.read() as s:
        days = set(s.scalars(select(Ticket.business_date).distinct()))
        assert min(days) == date(2026, 11, 13) and max(days) == date(2026, 11, 26)
        assert all(day.weekday() < 6 for day in days)
        assert {date(2026, 11, 14), date(2026, 11, 21)} <= days
        assert s.scalar(select(func.count()).select_from(Ticket)) == written.tickets
        poor = s.scalar(select(func.count()).select_from(Rating).where(Rating.level >= 4))
        follow_ups = s.scalar(
            select(func.count()).select_from(Opinion).where(Opinion.rating_id.is_not(None))
        )
        assert poor and follow_ups == poor  # every 不满意 or worse was followed up
        late = s.scalars(
            select(Opinion).where(
                Opinion.kind == str(OpinionKind.COMPLAINT), Opinion.closed_at.is_not(None)
            )
        ).all()
        assert all(o.status == OpinionStatus.CLOSED and o.response for o in late)
    assert station.journal.verify(station.db).ok
    assert audit(station.db).ok  # every ticket event matched by its entry


def test_a_holiday_week_and_its_make_up_saturday(station):
    """National Day 2026: 10-01 … 10-07 off, Saturday 10-10 a working day (调休)."""
    from workstation.services.demo import DEMO_WINDOWS
    from workstation.services.demo_history import write_history

    with station.db.write() as s:
        write_history(
            s, station.journal, station.queue.pack, "SH01", DEMO_WINDOWS[:1],
            date(2026, 10, 10), 14, station.clock.zone, station.clock.now(),
        )  # fmt: skip
    with station.db.read() as s:
        days = set(s.scalars(select(Ticket.business_date).distinct()))
    assert date(2026, 10, 10) in days
    assert not days & {date(2026, 9, 1) + timedelta(days=n) for n in range(30, 37)}
    assert date(2026, 9, 30) in days and date(2026, 10, 9) in days


def test_the_statistics_read_the_history(station):
    write_demo_history(station.db, station.journal, station.clock, weeks=1)
    stats = station.stats.period(date(2026, 11, 20), date(2026, 11, 26))
    with station.db.read() as s:
        done = s.scalar(select(func.count()).select_from(Ticket).where(Ticket.status == "done"))
    assert stats.overall.figures.served == done > 0
    assert {g.key for g in stats.counters} == {"01", "02", "03", "04"}  # 04 when needed
    assert 0.8 < (stats.overall.figures.satisfaction or 0) <= 1


def test_the_display_shows_todays_calls_not_yesterdays(station):
    """A branch with a past: the board's recent calls (the display's list) are today's."""
    from tests.queue_support import at_window, lobby
    from workstation.domain.queue import Priority

    write_demo_history(station.db, station.journal, station.clock, weeks=1)
    assert station.queue.board().last_calls == ()
    station.queue.issue(lobby(station), "payment", Priority.NONE)
    called = station.queue.call_next(at_window(station), "01")
    assert [c.ticket_label for c in station.queue.board().last_calls] == [called.label]
