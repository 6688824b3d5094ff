"""Customer search (客户查询) from home and from the picker, by keyboard, to a filled form."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList

from screens.customer_search import CustomerSearchScreen
from screens.form import FormScreen
from screens.picker import PickerScreen
from tests.flows import signed_in
from tests.pilot import assert_shows, press_to, settle, type_text


def _listed(pilot) -> str:
    """The customers and policies the search lists, as shown."""
    listed = pilot.app.screen.query_one("#customer-results", OptionList)
    options = (listed.get_option_at_index(i) for i in range(listed.option_count))
    return "\n".join(Text.from_markup(str(option.prompt)).plain for option in options)


async def _search(pilot, typed: str) -> None:
    await type_text(pilot, typed)
    await pilot.press("enter")
    await settle(pilot)


async def test_a_phone_finds_the_customers_policies_and_enter_starts_a_business_on_one(station):
    async with signed_in(station) as pilot:
        app = pilot.app
        await press_to(pilot, "ctrl+f", CustomerSearchScreen)  # from home
        await _search(pilot, "张")
        assert_shows(app, "至少输入 2 个字")
        await pilot.press(*["backspace"] * 2)
        await _search(pilot, "13800138000")
        # 张三, masked, with both his policies and their status; what he is on each
        listed = _listed(pilot)
        assert "张三  身份证 110105********0016  手机 138****8000" in listed
        assert "P2024000001  鑫享人生终身寿险  有效  投保人、被保险人" in listed, listed
        assert "P2025000008" in listed and "13800138000" not in listed
        picker = await press_to(pilot, "enter", PickerScreen)  # Enter again: the first policy
        assert_shows(app, "为保单 P2024000001")
        # from the picker, ^F finds another policy and comes back to this picker with it
        await press_to(pilot, "ctrl+f", CustomerSearchScreen)
        await _search(pilot, "P2025000008")
        assert "张小明" in _listed(pilot)
        assert await press_to(pilot, "enter", PickerScreen) is picker
        assert_shows(app, "为保单 P2025000008")
        await type_text(pilot, "tb")
        form = await press_to(pilot, "enter", FormScreen)
        await settle(pilot)
        key = form.policy_key or ""
        assert form.state.values[key] == "P2025000008"
        assert form.policy is not None and form.policy.policy_no == "P2025000008"
        assert form.state.values["applicant_name"] == "张三"  # looked up, and the holder filled in
