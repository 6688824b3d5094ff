"""Pilot: pick a business by pinyin, fill the surrender form by keyboard, reach the review."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from screens.form import FormScreen
from screens.picker import PickerScreen
from screens.review import ReviewScreen
from tests.flows import open_business, signed_in
from tests.pilot import SIZE, burst, make_app, ready, screen_text, settle, sign_in, type_text


def _value(app, key: str) -> str:
    widget = app.screen.query_one(f"#f-{key}")
    return str(widget.value)


def _error(app, key: str) -> str:
    note = app.screen.query_one(f"#note-{key}")
    return str(note.render()) if note.has_class("-error") else ""


def station_ticked(app) -> set[str]:
    return set(app.screen.state.ticked)


async def _open_surrender(pilot) -> None:
    await ready(pilot)
    await sign_in(pilot, "T001", "demo1234")
    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PickerScreen)
    await type_text(pilot, "tb")
    results = pilot.app.screen.query_one("#results", OptionList)
    first = results.get_option_at_index(results.highlighted)
    assert first.id == "3101"
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormScreen)


async def test_surrender_by_keyboard_from_pinyin_to_review(station):
    app = make_app(station)
    async with app.run_test(size=(140, 42)) as pilot:
        await _open_surrender(pilot)
        assert app.focused.id == "f-policy_no"
        assert app.focused.region.height == 1  # compact: one line per field
        await type_text(pilot, "P2024000001")
        await pilot.press("enter")
        await settle(pilot)
        # the policy is on screen and the holder is filled in
        text = screen_text(app)
        assert "P2024000001" in text and "投保人 张三" in text and "现金价值 ¥86,400.00" in text
        assert _value(app, "applicant_name") == "张三"
        assert _value(app, "amount") == "86,400.00"
        assert app.focused.id == "f-applicant_name"
        await pilot.press("enter")
        # a wrong check digit is refused as it is typed
        assert app.focused.id == "f-applicant_id"
        await type_text(pilot, "110105198001010017")
        assert "校验位不符" in _error(app, "applicant_id")
        await pilot.press("enter")
        assert app.focused.id == "f-applicant_id"  # Enter does not leave a wrong field
        await pilot.press("backspace")
        await type_text(pilot, "6")
        assert _error(app, "applicant_id") == ""
        await pilot.press("enter")
        await type_text(pilot, "长期")
        await pilot.press("enter")
        assert app.focused.id == "f-applicant_phone"  # prefilled; Enter moves on
        await pilot.press("enter")
        assert app.focused.id == "by-agent"  # in person: leave the agent box empty
        await pilot.press("enter")
        assert app.focused.id == "f-amount"
        await pilot.press("enter", "enter")
        await type_text(pilot, "6222021000123450")
        await pilot.press("enter")
        await type_text(pilot, "中国工商银行上海浦东支行")
        await pilot.press("enter")
        assert app.focused.id == "f-reason"
        await pilot.press("1")  # the first reason, by its number; the cursor stays there
        await pilot.pause()
        assert _value(app, "reason") == "financial"
        await pilot.press("enter")
        # documents: the teller ticks each original seen; agent documents are not listed
        checklist = app.screen.query_one("#documents")
        assert app.focused is checklist
        assert "经公证的授权委托书" not in str(checklist.render())
        await pilot.press("f10")  # one document short: the review waits
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")  # 16.3: arriving is not choosing; this Enter ticks nothing
        assert station_ticked(app) == set()
        await pilot.press("enter", "enter", "enter", "enter")
        assert station_ticked(app) == {
            "surrender_form",
            "policy_contract",
            "holder_id_card",
            "payee_bank_card",
        }
        await pilot.press("f10")
        await pilot.pause()
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        text = screen_text(app)
        assert "6222 **** **** 3450" in text and "¥86,400.00" in text and "经济困难" in text
        assert "110105********0016" in text and "138****8000" in text  # masked on screen
        assert "6222 0210 0012 3450" not in text and "110105198001010016" not in text
        assert "需 1 级授权" in text


async def test_review_is_refused_while_fields_are_missing(station):
    app = make_app(station)
    async with app.run_test(size=(140, 42)) as pilot:
        await _open_surrender(pilot)
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert _error(app, "policy_no") == "必填"
        assert app.focused.id == "f-policy_no"


@pytest.mark.parametrize(
    ("typed", "values", "error", "focus"),
    [
        # Found and shown in ASCII: what will be posted, and the policy's applicant.
        (
            "ｐ２０２４０００００１",
            {"policy_no": "P2024000001", "applicant_name": "张三"},
            "",
            "f-applicant_name",
        ),
        ("P2099999999", {}, "没有这个保单号", "f-policy_no"),
    ],
    ids=["full-width-found", "unknown-named"],
)
async def test_a_policy_number_is_looked_up_on_enter(station, typed, values, error, focus):
    app = make_app(station)
    async with app.run_test(size=(140, 42)) as pilot:
        await _open_surrender(pilot)
        await type_text(pilot, typed)
        await pilot.press("enter")
        await settle(pilot)
        assert {key: _value(app, key) for key in values} == values
        if error:
            assert error in _error(app, "policy_no")
        assert app.focused.id == focus


async def test_agent_fields_and_documents_appear_when_an_agent_applies(station):
    app = make_app(station)
    async with app.run_test(size=(140, 42)) as pilot:
        await _open_surrender(pilot)
        screen = app.screen
        assert not screen.query("#f-agent_name")  # built only when an agent applies
        switch = screen.query_one("#by-agent")
        assert switch.region.height >= 1  # the switch is on screen
        assert str(switch.render()) == "[ ] 由代办人办理（代办）"
        switch.focus()
        await pilot.press("space")
        await pilot.pause()
        assert str(switch.render()) == "[✓] 由代办人办理（代办）"
        assert screen.query_one("#f-agent_name").display
        assert "经公证的授权委托书" in str(screen.query_one("#documents").render())
        await pilot.press("f10")
        await pilot.pause()
        assert _error(app, "agent_name") == "必填"


async def test_english_form_and_sample(station):
    async with signed_in(station, "T001", (140, 42), lang="en") as pilot:
        app = pilot.app
        await pilot.press("f2")
        await type_text(pilot, "1101")  # renewal premium: paid in cash or by bank card
        await pilot.pause()
        text = screen_text(app)
        assert "(Cash, Bank card, Transfer)" in text and "（" not in text and "、" not in text
        await pilot.press("escape")
        await pilot.pause()
        await open_business(pilot, "surr")
        text = screen_text(app)
        assert "3101  Surrender" in text
        assert "Sample filled form · 样例 SAMPLE" in text
        assert "Policyholder's resident ID" in text


async def test_narrow_terminal_folds_the_sample_behind_f6(station):
    app = make_app(station)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_surrender(pilot)
        sample = app.screen.query_one("#sample")
        assert not sample.display
        await pilot.press("f6")
        await pilot.pause()
        assert sample.display and not app.screen.query_one("#fields").display
        await pilot.press("f6")
        await pilot.pause()
        assert not sample.display


async def test_leaving_a_filled_form_asks_first(station):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await _open_surrender(pilot)
        await type_text(pilot, "P2024")
        await pilot.press("escape")
        await pilot.pause()
        assert "放弃这张表单" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_agent_rows_are_built_once_in_their_place(station):
    app = make_app(station)
    async with app.run_test(size=(140, 42)) as pilot:
        await _open_surrender(pilot)
        screen = app.screen
        switch = screen.query_one("#by-agent")
        switch.focus()
        for _ in range(3):  # on, off, on
            await pilot.press("space")
            await pilot.pause()
        grid = screen.query_one("#fields")
        ids = [child.id for child in grid.children]
        assert ids.count("f-agent_name") == 1
        assert ids.index("by-agent") < ids.index("f-agent_name") < ids.index("f-amount")
        await pilot.press("tab")
        assert app.focused.id == "f-agent_name"


async def test_fields_typed_in_a_burst_stay_in_their_fields(station):
    app = make_app(station)
    async with app.run_test(size=(140, 42)) as pilot:
        await _open_surrender(pilot)
        app.screen.query_one("#f-applicant_id").focus()
        await pilot.pause()
        await burst(pilot, "110105198001010016", "<enter>", "长期", "<enter>", "13800138000")
        assert _value(app, "applicant_id") == "110105198001010016"
        assert _value(app, "applicant_id_expiry") == "长期"
        assert _value(app, "applicant_phone") == "13800138000"


async def test_a_scanned_policy_number_shows_its_policy(station):
    """A barcode reader types the number and Enter at once; the lookup must stick."""
    app = make_app(station)
    async with app.run_test(size=(140, 42)) as pilot:
        await _open_surrender(pilot)
        await burst(pilot, "P2024000001", "<enter>")
        await settle(pilot)
        assert app.screen.query_one("#policy").region.height >= 5  # three lines, framed
        assert app.screen.policy.policy_no == "P2024000001"
        assert app.screen.query_one("#sec-applicant_name").region.height == 2


def _sample_lines(app) -> list[str]:
    return str(app.screen.query_one("#sample").render()).splitlines()


def _highlighted(app) -> list[str]:
    markup = app.screen.query_one("#sample").render().markup
    return [line for line in markup.splitlines() if "on #3a3a00" in line]


async def test_the_sample_marks_the_focused_field_and_shows_its_help(station):
    app = make_app(station)
    async with app.run_test(size=(140, 42)) as pilot:
        await _open_surrender(pilot)
        lines = _sample_lines(app)
        assert lines[0].startswith("填写范例 · 样例 SAMPLE")
        assert any(line.startswith("保单号") and "P2024000001" in line for line in lines)
        assert len(_highlighted(app)) == 1 and "保单号" in _highlighted(app)[0]
        assert "见保险合同首页右上角" in "".join(lines)  # the focused field's help, both languages
        assert "Top right of the contract" in " ".join(lines)
        await pilot.press("tab", "tab")
        assert app.focused.id == "f-applicant_id"
        assert len(_highlighted(app)) == 1 and "投保人身份证号" in _highlighted(app)[0]
        assert "按投保人身份证原件逐位录入" in "".join(_sample_lines(app))
        app.screen.query_one("#documents").focus()
        await pilot.pause()
        assert "退保申请书（投保人签名）" in "".join(_sample_lines(app)[-3:])


async def test_on_a_short_terminal_the_sample_keeps_the_focused_row_in_view(station):
    app = make_app(station)
    async with app.run_test(size=(140, 20)) as pilot:
        await _open_surrender(pilot)
        assert any(line.startswith("保单号") for line in _sample_lines(app))
        app.screen.query_one("#f-reason").focus()
        await pilot.pause()
        lines = _sample_lines(app)
        assert any(line.startswith("退保原因") and "经济困难" in line for line in lines)
        assert not any(line.startswith("保单号") for line in lines)  # scrolled past the top
        assert lines[0].endswith("▲")


async def test_a_wrong_value_is_explained_in_both_languages_beside_the_form(station):
    app = make_app(station)
    async with app.run_test(size=(140, 42)) as pilot:
        await _open_surrender(pilot)
        await pilot.press("tab", "tab")
        await type_text(pilot, "110105198001010017")
        assert "校验位不符" in _error(app, "applicant_id")  # under the field: the screen's language
        help_text = " ".join(_sample_lines(app))
        assert "✗ 身份证号校验位不符" in help_text
        assert "check digit does not match" in help_text
        assert "按投保人身份证原件逐位录入" in help_text  # the help stays beneath
        await pilot.press("backspace")
        await type_text(pilot, "6")
        help_text = " ".join(_sample_lines(app))
        assert "✗" not in help_text and "check digit" not in help_text
