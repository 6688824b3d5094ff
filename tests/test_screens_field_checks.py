"""Pilot (issue 16.9): the teller types an ID that is not the holder's, an expired ID and a
5-digit postcode; each field says so as the teller leaves it, before any review."""

from __future__ import annotations

from textual.widgets import Static

from screens.form import FormScreen
from tests.flows import open_business, signed_in
from tests.pilot import burst, settle


def _note(app, key: str) -> str:
    found = app.screen.query(f"#note-{key}")
    return str(found.first(Static).render()) if found and found.first().display else ""


async def test_field_lines_show_as_the_teller_leaves_each_field(station):
    async with signed_in(station, "T001") as pilot:
        app = pilot.app
        await open_business(pilot, "2001", "P2024000001")
        await burst(pilot, "<enter>", "44030419820309049X", "<enter>", "2020-01-01", "<enter>")
        await settle(pilot)
        assert "与保单登记的投保人不符" in _note(app, "applicant_id")
        assert "证件已过期" in _note(app, "applicant_id_expiry") and "2020-01-01" in _note(
            app, "applicant_id_expiry"
        )
        await burst(pilot, "<enter>", "<enter>", "13917654321", "<enter>", "上海市张杨路1号")
        await burst(pilot, "<enter>", "20013", "<tab>", "zhangsan@", "<tab>")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)  # no review yet
        assert "邮政编码为 6 位数字" in _note(app, "new_postcode")
        assert "电子邮箱" in _note(app, "new_email")
        # put right, each line goes as the teller leaves the field again
        app.screen.query_one("#f-applicant_id_expiry").focus()
        # the value is not selected on focus (16.3): the teller deletes it, then types
        await burst(pilot, *["<backspace>"] * 10)
        await burst(pilot, "长期", "<enter>")
        await settle(pilot)
        assert _note(app, "applicant_id_expiry") == ""
