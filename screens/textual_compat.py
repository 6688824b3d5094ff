"""Every use of Textual's private API, in one place, checked against one Textual version.

Textual gives no public way to do these few things; each helper says why it is
needed. ``tests/test_textual_compat.py`` fails when the installed Textual is not
:data:`CHECKED_WITH`: on an upgrade, check each helper here against the new
Textual (its tests do most of it), then move the pin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual._compositor import LayoutUpdate
from textual.binding import Binding, BindingsMap
from textual.keys import _character_to_key
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.message import Message
    from textual.message_pump import MessagePump
    from textual.screen import Screen

CHECKED_WITH = "8.2.8"
"""The Textual version these helpers were read against (``textual.__version__``)."""

COMPACT_CLASS = "-textual-compact"
"""The class ``Input.compact`` toggles (``reactive(False, toggle_class=...)``)."""


def translate_bindings(node: DOMNode, translate: Callable[[str], str]) -> None:
    """Replace the descriptions and tooltips of ``node``'s bindings by ``translate(...)`` of them.

    Bindings are declared with catalog keys; the language is known only once the
    app runs. Textual builds ``node._bindings`` from ``BINDINGS`` when the node is
    made and offers no public way to change a description afterwards.
    """
    translated: dict[str, list[Binding]] = {}
    for key, bindings in node._bindings.key_to_bindings.items():
        translated[key] = [
            replace(
                b,
                description=translate(b.description),
                tooltip=translate(b.tooltip) if b.tooltip else "",
            )
            for b in bindings
        ]
    node._bindings = BindingsMap.from_keys(translated)


def bindings_for(node: DOMNode, key: str) -> list[Binding]:
    """The bindings ``node`` itself holds for ``key`` (as translated), for tests."""
    return list(node._bindings.key_to_bindings.get(key, []))


def has_queued_messages(widget: MessagePump) -> bool:
    """Whether ``widget`` (or the app, or a screen) has messages (keys) waiting: Textual
    does not say publicly."""
    return not widget._message_queue.empty()


def compact_from_the_start(field: Input) -> None:
    """Make ``field`` compact before it is mounted, without restyling it twice.

    ``Input(compact=True)`` sets the reactive after construction and Textual
    restyles the input (and its four component classes) for the class it toggles.
    """
    field.set_reactive(Input.compact, True)
    field.add_class(COMPACT_CLASS, update=False)


def character_to_key(character: str) -> str:
    """The key name Textual gives a typed character (``"-"`` is ``"minus"``), for tests."""
    return _character_to_key(character)


def send_to_app(app: App[object], message: Message) -> None:
    """Deliver ``message`` (a key) through the app's driver, as a terminal would, for tests."""
    driver = app._driver
    if driver is None:
        raise RuntimeError("the app has no driver: is it running?")
    driver.send_message(message)


def notification_messages(app: App[object]) -> Iterator[str]:
    """The texts of the notifications the app shows now, for tests."""
    return (notification.message for notification in app._notifications)


Display = Callable[["Screen[Any]", Any], None]
"""``App._display(screen, update)``: what sends a frame (or part of one) to the terminal."""


def wrap_display(app: App[object], wrapper: Callable[[Display], Display]) -> None:
    """Put ``wrapper`` around what sends frames to the terminal, for benchmarks."""
    app._display = wrapper(app._display)  # type: ignore[method-assign,assignment]


def in_batch(app: App[object]) -> bool:
    """Whether the app is holding frames back in a batch update, for benchmarks."""
    return bool(app._batch_count)


def is_layout_update(update: object) -> bool:
    """Whether a display update is a whole-screen layout (not a partial repaint)."""
    return isinstance(update, LayoutUpdate)


def screen_lines(app: App[object]) -> list[str]:
    """The terminal's rows as the compositor draws the current screen, for tests that read
    every line (where each line breaks), not only the texts the widgets hold."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
