"""Textual's private API is used in one module, checked against one Textual version."""

from __future__ import annotations

import re
from pathlib import Path

import textual
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from screens import textual_compat
from screens.textual_compat import (
    CHECKED_WITH,
    COMPACT_CLASS,
    bindings_for,
    character_to_key,
    compact_from_the_start,
    has_queued_messages,
    in_batch,
    is_layout_update,
    notification_messages,
    send_to_app,
    translate_bindings,
    wrap_display,
)

ROOT = Path(__file__).resolve().parents[1]
SHIM = Path(textual_compat.__file__).relative_to(ROOT)
PRIVATE = re.compile(
    r"\._(bindings|message_queue|driver|notifications|display|batch_count)\b"
    r"|\btextual\._|_character_to_key|-textual-"
)


def test_the_installed_textual_is_the_one_the_shim_was_checked_against():
    assert textual.__version__ == CHECKED_WITH, (
        f"Textual {textual.__version__} is installed, but {SHIM} was checked against "
        f"Textual {CHECKED_WITH}: check each helper in {SHIM} against the new version "
        "(the tests below help), then set CHECKED_WITH to it."
    )


def test_no_other_module_uses_textual_private_api():
    places = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("screens", "tests", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.relative_to(ROOT) != SHIM and path.name != Path(__file__).name
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if PRIVATE.search(line)
    ]
    assert places == [], f"Textual's private API belongs in {SHIM}"


class Keys(App[None]):
    BINDINGS = [Binding("f2", "ring", "greet", tooltip="tip", id="ring")]

    def compose(self) -> ComposeResult:
        yield Input(id="field")


def test_bindings_are_translated_in_place():
    app = Keys()
    translate_bindings(app, str.upper)
    [binding] = bindings_for(app, "f2")
    assert (binding.description, binding.tooltip, binding.id) == ("GREET", "TIP", "ring")


def test_a_field_is_compact_from_the_start():
    assert Input(compact=True).has_class(COMPACT_CLASS)
    field = Input()
    compact_from_the_start(field)
    assert field.compact and field.has_class(COMPACT_CLASS)


def test_a_typed_character_has_textuals_key_name():
    assert [character_to_key(c) for c in "-. "] == ["minus", "full_stop", "space"]


async def test_keys_notifications_queues_and_frames_go_through_the_shim():
    app = Keys()
    updates: list[object] = []

    def recording(display):
        def record(screen, update) -> None:
            updates.append(update)
            display(screen, update)

        return record

    async with app.run_test() as pilot:
        wrap_display(app, recording)
        event = events.Key("x", "x")
        event.set_sender(app)
        send_to_app(app, event)
        await pilot.pause()
        field = app.query_one("#field", Input)
        assert field.value == "x"
        app.notify("hello")
        await pilot.pause()
        assert list(notification_messages(app)) == ["hello"]
        assert not has_queued_messages(field)
        field.post_message(events.Key("y", "y"))
        assert has_queued_messages(field)
        assert not in_batch(app)
        with app.batch_update():
            assert in_batch(app)
        app.screen.refresh(layout=True)
        await pilot.pause()
    assert any(is_layout_update(update) for update in updates)
