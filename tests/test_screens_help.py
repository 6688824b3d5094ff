"""Help on every screen (issue 16.6): F1 or ``?`` shows the screen's purpose and keys, the
palette lists every key in both languages and finds the help by ``help`` or ``快捷键``."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from screens.dialogs.help import HelpDialog
from screens.home import HomeScreen
from screens.picker import PickerScreen
from screens.till import OpenShiftScreen
from tests.flows import signed_in
from tests.pilot import SIZE, assert_shows, press_to, screen_text, settle, type_text
from workstation.domain.i18n import Catalog

EN = Catalog.load("en")


async def test_f1_and_question_mark_show_purpose_and_keys_a_field_keeps_the_mark(station):
    async with signed_in(station, "T001", SIZE) as pilot:
        app, t = pilot.app, pilot.app.t
        await press_to(pilot, "f1", HelpDialog)
        assert_shows(app, t("help.name.home_screen"), t("help.purpose.home_screen"))
        text = screen_text(app)
        business = f"F2  {t('action.new_business')}  {EN('action.new_business')}"
        assert business in text, text  # the key, its label, the other language
        assert "F9" in text and "F12" in text and "F3 " not in text  # a teller's keys only
        await press_to(pilot, "escape", HomeScreen)
        await press_to(pilot, "question_mark", HelpDialog)  # ``?`` where no field is focused
        await press_to(pilot, "f1", HomeScreen)  # F1 again closes it

        picker = await press_to(pilot, "f2", PickerScreen)
        await type_text(pilot, "tb?")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)  # typed into the search, not help
        assert picker.query_one("#search", Input).value == "tb?"
        await press_to(pilot, "escape", HomeScreen)

        await press_to(pilot, "f6", OpenShiftScreen)
        await press_to(pilot, "f1", HelpDialog)
        assert_shows(app, t("help.purpose.open_shift_screen"), f"F10  {t('key.open_shift')}")


async def test_the_palette_lists_every_key_in_both_languages_and_finds_help(station):
    async with signed_in(station, "T001", SIZE) as pilot:
        app = pilot.app
        commands = list(app.get_system_commands(app.screen))
        titles = [c.title for c in commands]
        assert f"办理业务 {EN('action.new_business')} · F2" in titles, titles
        assert len(titles) == len(set(titles)) and "退出 Quit · ^Q" in titles
        assert all(c.help not in c.title for c in commands if c.help)  # no "Quit / Quit"
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        for query in ("help", "keys", "帮助", "快捷键"):
            field = app.screen.query_one(Input)
            field.value = ""
            await type_text(pilot, query)
            await settle(pilot)
            listed = app.screen.query_one(CommandList)
            found = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
            assert found and "F1" in found[0], (query, found)
        await press_to(pilot, "enter", HelpDialog)
        assert_shows(app, app.t("help.purpose.home_screen"))
