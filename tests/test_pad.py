"""The rating pad: idle it shows the window and the teller; a finished ticket asks; keys rate."""

from __future__ import annotations

import asyncio

import pytest
from click.testing import CliRunner

from screens.pad_app import PadApp, Step
from tests import following
from tests.following import text
from tests.pilot import SIZE
from tests.queue_support import at_window, lobby
from workstation.cli import main
from workstation.domain.queue import PauseReason, Priority
from workstation.domain.rating import RatingStatus, Reason

POLL_S = 0.02


HOUR = 3600.0
"""The pad's own timers in a test: they never run out unless the test says so (a loaded
machine must not time a customer out, or end the thanks, while the test looks)."""


def pad(station, counter: str = "01", **options) -> PadApp:
    options = {"timeout": HOUR, "thanks": HOUR, **options}
    return PadApp(lambda: station, counter, interval=POLL_S, **options)


async def until(pilot, check, bound: float = 60.0) -> None:
    """Let the app run until ``check()`` holds; the bound only keeps a broken pad from hanging
    the suite (nothing here races it)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + bound
    while not check():
        assert loop.time() < deadline, f"still {pilot.app.step}: {text(pilot.app, '#prompt')!r}"
        await pilot.pause(0.02)


async def shown(pilot, check, timeout: float = 60.0) -> None:
    """Wait until the pad has taken a reading for which ``check()`` holds (bounded)."""
    await following.shown(pilot, check, "#prompt", timeout)


def finish_one(station, teller, counter: str = "01", service: str = "payment"):
    station.queue.issue(lobby(station), service, Priority.NONE)
    station.queue.call_next(teller, counter)
    return station.queue.finish(teller, counter)


async def test_idle_the_pad_shows_the_window_the_teller_and_a_pause(station):
    app = pad(station)
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, lambda: True)
        assert text(app, "#window") == "01 号窗口"
        assert text(app, "#teller") == "本窗口暂无柜员"
        teller = at_window(station, "T001")
        await shown(pilot, lambda: "工号 T001" in text(app, "#teller"))
        assert app.step is Step.IDLE and not app.query_one("#levels").display
        station.queue.pause_window(teller, "01", PauseReason.BREAK)
        await shown(pilot, lambda: text(app, "#state") == "暂停服务")


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_pressing_2_stores_satisfied_bound_to_ticket_teller_and_counter(station, lang):
    teller = at_window(station, "T001")
    app = pad(station, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, lambda: True)
        done = finish_one(station, teller)
        await shown(pilot, lambda: app.step is Step.LEVEL)
        assert "A001" in text(app, "#prompt")
        await pilot.press("2")
        assert app.step is Step.ASPECT  # 满意: no reasons asked
        await pilot.press("enter")  # the details skipped at once
        assert app.step is Step.THANKS
    stored = station.ratings.of_ticket(done.id)
    assert stored is not None and stored.status is RatingStatus.ANSWERED and stored.level == 2
    assert (stored.teller, stored.counter, stored.ticket_id) == ("T001", "01", done.id)


async def test_a_tap_rates_and_unhappy_asks_reasons_and_details(station):
    teller = at_window(station, "T001")
    app = pad(station)
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, lambda: True)
        done = finish_one(station, teller)
        await shown(pilot, lambda: app.step is Step.LEVEL)
        await pilot.click("#level-4")  # 不满意, by touch
        assert app.step is Step.REASONS
        await pilot.press("1")  # waiting time
        await pilot.click("#reason-paperwork")
        await pilot.click("#submit")
        assert app.step is Step.ASPECT
        await pilot.press("3")  # attitude
        await pilot.click("#skip")  # efficiency skipped
        await pilot.press("5")  # quality: the last one stores
        assert app.step is Step.THANKS
    stored = station.ratings.of_ticket(done.id)
    assert (stored.level, stored.attitude, stored.efficiency, stored.quality) == (4, 3, None, 5)
    assert stored.reasons == (Reason.WAITING, Reason.PAPERWORK)


async def test_no_answer_within_the_timeout_records_unrated(station):
    teller = at_window(station, "T001")
    app = pad(station, timeout=0.2)  # runs out while the test waits; the thanks stay
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, lambda: True)
        done = finish_one(station, teller)
        # Not "asked, then thanked": on a loaded machine the 0.2 s may pass before the test
        # looks. Only a request asked and not answered ends here, however long each step takes.
        await until(pilot, lambda: app.step is Step.THANKS)
        assert text(app, "#prompt") == "本次未评价，谢谢光临"
    assert station.ratings.of_ticket(done.id).status is RatingStatus.UNRATED


async def test_a_pad_never_asks_about_another_window(station, station2):
    at_window(station, "T001")
    two = at_window(station2, "T002")
    app = pad(station, "01")
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, lambda: True)
        finish_one(station2, two, "02", "policy_service")
        assert station.ratings.pending("02") is not None
        await shown(pilot, lambda: app.updates >= 2)
        assert app.step is Step.IDLE and app.request is None


def test_a_pad_for_an_unknown_counter_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["pad", "--counter", "02", "--demo", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "workstation demo --data-dir" in result.output
