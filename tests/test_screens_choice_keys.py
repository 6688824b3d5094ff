"""Pilot: stray keys on the form stay where the teller sees them (issue 16.3).

A digit at a choice picks the option and the cursor stays there; Enter moves on
and ticks no document; a stray key at an amount filled in from the policy adds
to it, in view, and never replaces it.
"""

from __future__ import annotations

from screens.widgets.choice import ChoiceField
from screens.widgets.documents import DocumentsChecklist
from tests.flows import open_business, signed_in
from tests.pilot import burst


async def test_stray_keys_neither_move_on_nor_replace_a_prefilled_amount(station):
    async with signed_in(station) as pilot:
        app = pilot.app
        await open_business(pilot, "tb", "P2024000001")
        await burst(pilot, "<enter>", "110105198001010016", "<enter>", "长期", "<enter>")
        await burst(pilot, "<enter>", "<enter>")  # the phone from the policy; in person
        amount = app.screen.query_one("#f-amount")
        assert app.focused is amount and amount.value == "86,400.00"  # from the policy
        await burst(pilot, "5")  # a stray digit adds to the amount, in view
        assert amount.value == "86,400.005", amount.value
        await burst(pilot, "<backspace>")  # the policy's amount again
        await burst(pilot, "<home>")  # (a bound key and Enter in one burst race: separate)
        await burst(pilot, "<enter>", "<shift+tab>")  # away and back: the cursor at the end
        assert app.focused is amount and amount.cursor_position == len("86,400.00")
        assert amount.selected_text == ""
        await burst(pilot, "<enter>", "<enter>", "6222021000123450", "<enter>")
        await burst(pilot, "中国工商银行上海浦东支行", "<enter>")
        reason = app.screen.query_one("#f-reason", ChoiceField)
        assert app.focused is reason
        await burst(pilot, "1")  # picks the first reason; the cursor stays on the choice
        assert app.focused is reason and reason.value == "financial"
        await burst(pilot, "2", "9")  # another digit picks again, in view; 9 is no option
        assert app.focused is reason and reason.value == "no_longer_needed"
        assert "[reverse b]2." in reason.render()
        await burst(pilot, "<enter>")  # Enter moves on to the documents and ticks nothing
        assert isinstance(app.focused, DocumentsChecklist)
        assert app.screen.state.ticked == set()
        assert app.screen.state.values["amount"] == "86,400.00"
