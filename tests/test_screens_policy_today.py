"""Pilot: the policy panel of a form shows the policy as it stands now and what was done today."""

from __future__ import annotations

from screens.form import FormScreen
from screens.picker import PickerScreen
from tests.flows import BIG
from tests.ledger_support import on_shift, post_approved, submission, surrender
from tests.pilot import make_app, ready, screen_text, settle, sign_in, type_text


async def _open_form(pilot, code: str, policy_no: str) -> None:
    await ready(pilot)
    await sign_in(pilot, "T001", "demo1234")
    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PickerScreen)
    await type_text(pilot, code)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormScreen)
    await type_text(pilot, policy_no)
    await pilot.press("enter")
    await settle(pilot)


def _value(app, key: str) -> str:
    return str(app.screen.query_one(f"#f-{key}").value)


async def test_a_loan_form_shows_todays_loan_with_its_serial_and_the_room_left(station):
    teller = on_shift(station)
    lent = post_approved(station, submission(station, "3201", amount="20,000.00"), teller)
    app = make_app(station)
    async with app.run_test(size=BIG) as pilot:
        await _open_form(pilot, "3201", "P2024000002")
        text = screen_text(app)
        assert "今日已办 1 笔" in text
        assert f"{lent.serial}  保单借款 ¥20,000.00" in text
        assert "借款余额 ¥30,000.00" in text  # ¥10,000.00 on file and today's ¥20,000.00
        assert _value(app, "amount") == "10,000.00"  # the room left, not the room this morning


async def test_a_surrender_form_shows_the_policy_surrendered_today(station):
    teller = on_shift(station)
    done = post_approved(station, surrender(station), teller)
    app = make_app(station, lang="en")
    async with app.run_test(size=BIG) as pilot:
        await _open_form(pilot, "3101", "P2024000001")
        text = screen_text(app)
        assert "P2024000001" in text and "Surrendered" in text
        assert "Done today, 1" in text and f"{done.serial}  Surrender → Surrendered" in text
        assert app.screen.query_one("#policy").has_class("-alert")
