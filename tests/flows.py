"""A teller's flows by keyboard, shared by the Pilot and snapshot tests.

Each flow starts where a teller would (the home screen, or a fresh app) and
ends on the screen it names, asserting it got there. The keys are the ones a
teller presses; :mod:`tests.pilot` has the primitives.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.pilot import Pilot

from screens.form import FormScreen
from screens.posted import PostedScreen
from screens.review import ReviewScreen
from screens.till import OpenShiftScreen, TillScreen
from tests.pilot import burst, make_app, press_to, ready, screen_text, settle, sign_in, type_text
from workstation.station import Station

BIG = (140, 42)
"""Room for everything the review and the approval dialogs show."""
PASSWORD = "demo1234"


@asynccontextmanager
async def signed_in(
    station: Station, staff_id: str = "T001", size: tuple[int, int] = BIG, **options: object
) -> AsyncIterator[Pilot]:
    """A fresh app on ``station`` with ``staff_id`` signed in at the home screen.

    ``options`` go to :func:`tests.pilot.make_app`. Started inside the test, as
    Textual needs (never in a fixture).
    """
    app = make_app(station, **options)  # type: ignore[arg-type]
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await sign_in(pilot, staff_id, PASSWORD)
        yield pilot


@asynccontextmanager
async def surrender_sent_for_approval(
    station: Station, other: Station, size: tuple[int, int] = BIG
) -> AsyncIterator[tuple[Pilot, Pilot]]:
    """T001 at ``station`` fills 张三's surrender and sends it for remote approval (F8);
    S001 is signed in at ``other`` (another counter), at home. Yields (teller, supervisor)."""
    teller_app, supervisor_app = make_app(station), make_app(other)
    async with (
        teller_app.run_test(size=size) as teller,
        supervisor_app.run_test(size=size) as supervisor,
    ):
        await ready(teller)
        await ready(supervisor)
        await sign_in(teller, "T001", PASSWORD)
        await sign_in(supervisor, "S001", PASSWORD)
        await fill_surrender(teller)
        await teller.press("space", "f8")  # the due-diligence notice seen; to the supervisors
        await settle(teller)
        yield teller, supervisor


async def approve_here(pilot: Pilot, approver: str, *before: str) -> None:
    """Press ``before`` then F7, and ``approver`` grants level 1 at this counter."""
    await pilot.press(*before, "f7")
    await pilot.pause()
    await burst(pilot, approver, "<enter>", PASSWORD, "<enter>", "1", "<enter>")
    await settle(pilot)


async def open_business(pilot: Pilot, typed: str, policy_no: str | None = None) -> None:
    """From home: F2, type a code, a name or pinyin initials, Enter: the form opens; with
    ``policy_no``, typed in its first field and Enter: the policy is looked up."""
    await pilot.press("f2")
    await type_text(pilot, typed)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormScreen), screen_text(pilot.app)
    if policy_no is not None:
        await burst(pilot, policy_no, "<enter>")
        await settle(pilot)


async def to_review(pilot: Pilot) -> None:
    """F10 on a filled form: the review, with the findings."""
    await press_to(pilot, "f10", ReviewScreen)


async def fill_surrender(
    pilot: Pilot, policy_no: str = "P2024000001", id_number: str = "110105198001010016"
) -> None:
    """From the home screen: pick 退保, fill it for 张三 by keyboard, tick the documents."""
    await open_business(pilot, "tb", policy_no)
    await burst(pilot, "<enter>", id_number, "<enter>", "长期", "<enter>", "<enter>")
    # Enter passes the agent box (Space would tick it: 张三 comes in person)
    await burst(pilot, "<enter>", "<enter>", "<enter>", "6222021000123450", "<enter>")
    await burst(pilot, "中国工商银行上海浦东支行", "<enter>", "1", "<enter>")  # reason 1, on
    # on the documents: the first Enter says "here", the next four tick
    await burst(pilot, "<enter>", "<enter>", "<enter>", "<enter>", "<enter>")
    await to_review(pilot)


async def post_surrender(pilot: Pilot) -> str:
    """From home: 退保 filled, the documents ticked, S001 approves here, F10, and back home
    (Enter): the posting's serial."""
    await fill_surrender(pilot)
    await approve_here(pilot, "S001", "space")
    await press_to(pilot, "f10", PostedScreen)
    serial = pilot.app.screen.result.serial
    await pilot.press("enter")
    await settle(pilot)
    return serial


async def review_contact_change(pilot: Pilot) -> None:
    """From home: 张三's new mobile and address on P2024000001, by keyboard, to the review."""
    await open_business(pilot, "2001", "P2024000001")
    await burst(pilot, "<enter>", "110105198001010016", "<enter>", "长期", "<enter>", "<enter>")
    await burst(pilot, "<enter>", "13917654321", "<enter>", "上海市浦东新区张杨路1888号", "<enter>")
    await burst(pilot, "<enter>", "<enter>", "<enter>", "<enter>", "<enter>")  # here, then tick
    await to_review(pilot)


async def post_contact_change(pilot: Pilot) -> None:
    """From home: the contact change, reviewed and posted (F10): the posted screen."""
    await review_contact_change(pilot)
    await press_to(pilot, "f10", PostedScreen)


async def posted_then_f6(pilot: Pilot) -> None:
    """T001 signs in, posts the contact change and presses F6; the print has run."""
    await ready(pilot)
    await sign_in(pilot, "T001", PASSWORD)
    await post_contact_change(pilot)
    await pilot.press("f6")
    await settle(pilot)


def count_keys(*pieces: int | str) -> list[str]:
    """Keys for the eight denomination rows (¥100 … ¥0.1): a number or blank, then Enter."""
    keys: list[str] = []
    for number in pieces:
        if number:
            keys.append(str(number))
        keys.append("<enter>")
    return keys


async def open_empty_shift(pilot: Pilot) -> None:
    """From home: F6, the empty box agrees with the last close, F10: the till screen."""
    app = pilot.app
    await press_to(pilot, "f6", OpenShiftScreen)
    assert "与上次日终相符" in screen_text(app)
    await press_to(pilot, "f10", TillScreen)
