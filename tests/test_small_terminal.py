"""Pilot at 80×24: every screen works (it scrolls or folds) and the keys always go somewhere."""

from __future__ import annotations

from screens.form import FormScreen
from screens.handover import HandoverScreen
from screens.home import HomeScreen
from screens.till import TillScreen
from tests.flows import open_business, signed_in
from tests.ledger_support import on_shift
from tests.pilot import burst, press_to, screen_text, settle

SMALL = (80, 24)


def _visible(app, selector: str) -> bool:
    """The widget is drawn inside the terminal, not scrolled or pushed out of it."""
    region = app.screen.query_one(selector).region
    width, height = app.size
    inside = region.y >= 0 and region.bottom <= height and region.right <= width
    return region.height >= 1 and inside


async def test_at_80_by_24_focus_stays_and_every_field_can_be_reached(station):
    on_shift(station, "T001")
    async with signed_in(station, "T001", SMALL) as pilot:
        app = pilot.app
        # the form: F6 shows the sample in its place (the arrows scroll it), F6 again: back
        await open_business(pilot, "tb")
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press("f6", "down", "f6")
        await burst(pilot, "P2024000001")
        assert app.focused is form.query_one("#f-policy_no")
        assert form.state.values["policy_no"] == "P2024000001"
        await pilot.press("escape", "enter", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), screen_text(app)
        # the handover: the supervisor's fields scroll into view as the cursor reaches them
        await press_to(pilot, "f6", TillScreen)
        await press_to(pilot, "f4", HandoverScreen)
        for selector in ("#incoming-id", "#supervisor-id", "#supervisor-password"):
            app.screen.query_one(selector).focus()
            await pilot.pause()
            assert _visible(app, selector), (selector, app.screen.query_one(selector).region)
