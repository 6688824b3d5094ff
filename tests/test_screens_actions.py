"""The home actions are defined once: bindings, menu, role checks and palette come from it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import OptionList

from screens.actions import ACTION, EVERYWHERE, HOME_ACTIONS
from screens.app import WorkstationApp
from screens.dialogs.help import both_ways
from screens.home import HomeScreen
from tests.flows import signed_in
from tests.pilot import SIZE, make_app, ready, settle, sign_in
from workstation.domain.i18n import Catalog
from workstation.domain.staff import Role

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "screens" / "actions.py"
STAFF = {Role.TELLER: "T001", Role.SUPERVISOR: "S001", Role.ADMIN: "A001"}


def _own(bindings) -> list[tuple[str, str, str, str | None, str, bool]]:
    return [
        (b.key, b.action, b.description, b.key_display, b.tooltip, b.priority)
        for b in bindings
        if b.id in {a.name for a in HOME_ACTIONS}
    ]


def test_the_home_and_app_bindings_are_the_registrys():
    here = [a.binding() for a in HOME_ACTIONS if not a.everywhere]
    assert _own(HomeScreen.BINDINGS) == _own(here)
    assert _own(WorkstationApp.BINDINGS) == _own(a.binding() for a in EVERYWHERE)
    home_keys = {"f2", "f3", "f4", "f5", "f6", "f7", "f8", "f11", "f12", "ctrl+o", "ctrl+y"}
    home_keys |= {"v", "w", "ctrl+t"}  # statistics; flexible window (弹性窗口); staffing plan
    home_keys |= {"ctrl+f"}  # customer search (客户查询)
    home_keys |= {"ctrl+n"}  # open the next business date early (提前开始营业日)
    # the counter's queue: F9 calls the next ticket (叫号), letters the rest
    queue_keys = {"f9", *"orxsdhbtpu"}
    assert [a.key for a in HOME_ACTIONS] == list(dict.fromkeys(a.key for a in HOME_ACTIONS))
    assert {a.key for a in HOME_ACTIONS} == home_keys | queue_keys


def test_each_home_action_is_written_once():
    """No screen module but the registry names a home action's label, key or binding."""
    keys = {k for a in HOME_ACTIONS for k in (a.label, a.footer, a.tooltip)}
    elsewhere = []
    for path in sorted((ROOT / "screens").rglob("*.py")):
        if path == REGISTRY:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in keys:
                elsewhere.append(f"{path.name}:{node.lineno} {node.value}")
            named = isinstance(node, ast.FunctionDef) and node.name.startswith("action_")
            if named and node.name.removeprefix("action_") in {a.name for a in HOME_ACTIONS}:
                elsewhere.append(f"{path.name}:{node.lineno} {node.name}")
    assert elsewhere == []


def test_every_label_is_in_both_catalogs():
    for lang in ("zh", "en"):
        known = Catalog.load(lang).entries
        keys = [k for a in HOME_ACTIONS for k in (a.label, a.footer, a.tooltip)]
        assert [k for k in keys if k not in known] == []


@pytest.mark.parametrize("role", list(STAFF))
async def test_menu_role_checks_and_palette_agree_with_the_registry(station, role):
    app = make_app(station)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await sign_in(pilot, STAFF[role], "demo1234")
        home, t = app.screen, app.t
        assert isinstance(home, HomeScreen)
        mine = [a for a in HOME_ACTIONS if role in a.roles]
        menu = home.query_one("#actions", OptionList)
        prompts = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert prompts == [a.menu_text(t) for a in mine]
        pairs = zip(mine, prompts, strict=True)
        assert all(f"{a.key_display}  {t(a.label)}" in p for a, p in pairs)
        for action in HOME_ACTIONS:
            owner = app if action.everywhere else home
            assert bool(owner.check_action(ACTION, (action.name,))) is (role in action.roles)
        palette = {c.title: c.help for c in app.get_system_commands(home)}
        for a in mine:  # the label in both languages, the key, the tooltip as help
            here, there = both_ways(t, a.label)
            assert palette[f"{here} {there} · {a.key_display}"] == t(a.tooltip)
        assert len(palette) == len(mine) + 2  # and help (F1), quit (^Q): nobody else's
        # Textual offers the lines sorted, and Enter runs the first: never Quit
        assert not min(palette).startswith(t("key.quit"))


async def test_the_palette_lists_the_actions_with_their_keys_and_runs_them(station):
    async with signed_in(station, "T001", SIZE, lang="en") as pilot:
        app = pilot.app
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("j", "o", "u", "r")
        await settle(pilot)
        listed = app.screen.query_one(CommandList)
        found = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert any(line.startswith("Journal 交易查询 · F5") for line in found), found
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "JournalScreen"
