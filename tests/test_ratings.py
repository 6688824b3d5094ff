"""Service ratings: the system asks when a ticket is finished; only the counter's pad answers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.ledger_support import in_both_languages, journal_payloads
from tests.queue_support import at_window, lobby
from workstation.db.ratings import Rating
from workstation.domain.queue import Priority
from workstation.domain.rating import RatingStatus, Reason
from workstation.services.ratings import RatingError

pytestmark = pytest.mark.db
ROOT = Path(__file__).resolve().parents[1]


def served(station, teller, counter: str = "01", service: str = "payment"):
    """A ticket issued, called to ``counter``, started and finished; its view."""
    station.queue.issue(lobby(station), service, Priority.NONE)
    station.queue.call_next(teller, counter)
    station.queue.start(teller, counter)
    return station.queue.finish(teller, counter)


def ratings(station) -> int:
    with station.db.read() as s:
        return s.scalar(select(func.count()).select_from(Rating)) or 0


def refused(call, *args, **kwargs) -> RatingError:
    with pytest.raises(RatingError) as caught:
        call(*args, **kwargs)
    assert in_both_languages(caught.value.msg)
    return caught.value


def test_finishing_a_ticket_asks_exactly_one_rating_at_that_counter(station, station2):
    teller = at_window(station, "T001")
    assert station.ratings.pending("01") is None
    done = served(station, teller)
    asked = station.ratings.pending("01")
    assert asked is not None and asked.ticket_id == done.id and asked.ticket_label == "A001"
    assert (asked.counter, asked.teller, asked.asked_at) == ("01", "T001", station.clock.now())
    assert station.ratings.pending("02") is None  # another window's pad asks nothing
    assert ratings(station) == 1
    view = station.ratings.of_ticket(done.id)
    assert view is not None and view.status is RatingStatus.ASKED and view.level is None
    assert [p["ticket"] for p in journal_payloads(station, "rating.asked")] == ["A001"]


def test_the_pad_answer_binds_to_ticket_teller_counter_and_time(station):
    teller = at_window(station, "T001")
    done = served(station, teller)
    asked = station.ratings.pending("01")
    station.clock.advance(seconds=7)
    view = station.ratings.answer("01", asked.id, 2, attitude=1, quality=2)
    assert (view.ticket_id, view.teller, view.counter) == (done.id, "T001", "01")
    assert (view.status, view.level, view.attitude, view.efficiency, view.quality) == (
        RatingStatus.ANSWERED, 2, 1, None, 2,
    )  # fmt: skip
    assert view.answered_at == station.clock.now() and not view.late
    assert station.ratings.pending("01") is None
    assert journal_payloads(station, "rating.answered")[0]["level"] == 2
    assert station.journal.verify(station.db).ok


def test_a_pad_of_another_counter_cannot_answer(station):
    teller = at_window(station, "T001")
    served(station, teller)
    asked = station.ratings.pending("01")
    error = refused(station.ratings.answer, "02", asked.id, 1)
    assert error.msg.key == "rating.error.other_counter"
    assert station.ratings.rating(asked.id).status is RatingStatus.ASKED


def test_a_rating_cannot_be_answered_twice_nor_after_its_timeout(station):
    teller = at_window(station, "T001")
    served(station, teller)
    first = station.ratings.pending("01")
    station.ratings.answer("01", first.id, 1)
    assert refused(station.ratings.answer, "01", first.id, 5).msg.key == "rating.error.closed"
    assert station.ratings.rating(first.id).level == 1
    served(station, teller)
    second = station.ratings.pending("01")
    station.clock.advance(seconds=30)
    timed_out = station.ratings.expire("01", second.id)
    assert timed_out.status is RatingStatus.UNRATED and timed_out.level is None
    assert refused(station.ratings.answer, "01", second.id, 2).msg.key == "rating.error.closed"
    assert refused(station.ratings.answer, "01", 999, 2).msg.key == "rating.error.unknown"
    assert len(journal_payloads(station, "rating.unrated")) == 1


def test_bad_levels_and_reasons_store_nothing(station):
    teller = at_window(station, "T001")
    served(station, teller)
    asked = station.ratings.pending("01")
    assert refused(station.ratings.answer, "01", asked.id, 6).msg.key == "rating.error.level"
    key = refused(station.ratings.answer, "01", asked.id, 4, reasons=["noise"]).msg.key
    assert key == "rating.error.reason"
    key = refused(station.ratings.answer, "01", asked.id, 2, reasons=[Reason.WAITING]).msg.key
    assert key == "rating.error.reasons_unasked"
    view = station.ratings.answer("01", asked.id, 5, reasons=["waiting", Reason.SKILL])
    assert view.reasons == (Reason.WAITING, Reason.SKILL)


def test_an_answer_after_the_next_call_is_flagged_late(station):
    teller = at_window(station, "T001")
    served(station, teller)
    asked = station.ratings.pending("01")
    station.queue.issue(lobby(station), "payment", Priority.NONE)
    station.clock.advance(seconds=5)
    station.queue.call_next(teller, "01")
    assert station.ratings.answer("01", asked.id, 2).late


def test_the_next_finish_records_an_unanswered_request_unrated(station):
    teller = at_window(station, "T001")
    first = served(station, teller)
    second = served(station, teller)
    assert station.ratings.of_ticket(first.id).status is RatingStatus.UNRATED
    assert station.ratings.pending("01").ticket_id == second.id


def test_the_badge_names_the_teller_at_the_window(station):
    assert station.ratings.badge("01").staff_name is None
    at_window(station, "T001")
    badge = station.ratings.badge("01")
    assert (badge.staff_id, badge.state) == ("T001", "open") and badge.staff_name
    assert refused(station.ratings.badge, "99").msg.key == "rating.error.unknown_counter"


def uses(folders: tuple[str, ...], hit) -> set[str]:
    """The files under ``folders`` with a node for which ``hit(node)`` holds."""
    found = set()
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if any(hit(node) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))):
                found.add(str(path.relative_to(ROOT)))
    return found


def rating_write(node: ast.AST) -> bool:
    """``….ratings.answer`` or ``….ratings.expire``."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr in {"answer", "expire"}
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "ratings"
    )


def test_no_teller_side_path_answers_or_asks_a_rating():
    """Only the pad answers or expires a rating; only finishing a ticket asks one; no
    screen but the pad's touches the rating service at all."""
    code = ("screens", "workstation", "printing", "forms")
    assert uses(code, rating_write) == {"screens/pad_app.py"}
    ratings_attr = uses(
        ("screens",), lambda n: isinstance(n, ast.Attribute) and n.attr == "ratings"
    )
    assert ratings_attr == {"screens/pad_app.py"}
    asking = uses(code, lambda n: isinstance(n, ast.Name) and n.id == "ask_rating")
    assert asking == {"workstation/services/queue_calls.py"}
