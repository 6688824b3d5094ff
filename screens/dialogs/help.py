"""Help (F1, ``?``): what the screen is for and its keys, derived from its bindings.

The keys are never a second list: they are the screen's active bindings (its own,
the home registry's through ``bindings(HOME_ACTIONS)``, and the app's), as
``check_action`` leaves them for the person signed in. The command palette
lists the same lines (:func:`key_lines`, :func:`palette_title`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from screens.actions import ACTION, BY_NAME
from screens.base import KEY_NAMES
from screens.dialogs.base import Dialog
from screens.text import Prose
from workstation.domain.i18n import LANGUAGES, Catalog

if TYPE_CHECKING:
    from textual.dom import DOMNode

CATALOG_KEYS = Catalog.load("zh").entries
"""A key line's label is one of these (the catalogs have the same keys, tests/test_catalog.py)."""
NOT_LISTED = frozenset({"command_palette"})
"""Actions a key line would only repeat (the palette lists itself nowhere)."""


def snake(name: str) -> str:
    """``HomeScreen`` → ``home_screen``: the screen's part of its ``help.*`` keys."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def purpose_key(screen: type[Screen]) -> str:
    return f"help.purpose.{snake(screen.__name__)}"


def name_key(screen: type[Screen]) -> str:
    return f"help.name.{snake(screen.__name__)}"


def other_catalog(t: Catalog) -> Catalog:
    """The session's other language: the counter is bilingual."""
    return Catalog.load(next(lang for lang in LANGUAGES if lang != t.lang))


def both_ways(t: Catalog, key: str) -> tuple[str, str]:
    """The text of ``key`` in the session's language and the other one ("" when alike)."""
    here, there = t(key), other_catalog(t)(key)
    return here, "" if there == here else there


@dataclass(frozen=True)
class KeyLine:
    """One key of a screen: as the footer shows it, its catalog label, what it runs where."""

    keys: str
    label: str
    """Catalog key of what it does."""
    tip: str
    """Its tooltip, already in the session's language ("" when none)."""
    node: DOMNode
    action: str
    enabled: bool


def catalog_label(node: DOMNode, binding: Binding) -> str:
    """The catalog key behind a binding's (translated) description: a home action's menu
    label, else the description its class declared (found in ``BINDINGS`` along the MRO)."""
    match = re.fullmatch(rf"{ACTION}\('(\w+)'\)", binding.action)
    if match and match.group(1) in BY_NAME:
        return BY_NAME[match.group(1)].label
    for cls in type(node).__mro__:
        for declared in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            if declared.action == binding.action and declared.description:
                return declared.description
    return binding.description


def key_display(binding: Binding) -> str:
    """The key as the footer writes it: ``F2``, ``Esc``, ``^Q``."""
    if binding.key_display:
        return binding.key_display
    first = binding.key.split(",")[0]
    return KEY_NAMES.get(first, first.upper().replace("CTRL+", "^"))


def key_lines(screen: Screen) -> list[KeyLine]:
    """Every described key active on ``screen`` (its own and the app's), one line per action."""
    lines: dict[tuple[int, str], KeyLine] = {}
    for active in screen.active_bindings.values():
        node, binding = active.node, active.binding
        if node not in (screen, screen.app) or not binding.description:
            continue
        label = catalog_label(node, binding)
        if binding.action in NOT_LISTED or label not in CATALOG_KEYS:
            continue  # Textual's own (copy), not the counter's
        shown = key_display(binding)
        seen = lines.get((id(node), binding.action))
        if seen is not None:
            if shown not in seen.keys.split(" / "):
                lines[(id(node), binding.action)] = KeyLine(
                    f"{seen.keys} / {shown}", seen.label, seen.tip, node, seen.action, seen.enabled
                )
            continue
        lines[(id(node), binding.action)] = KeyLine(
            shown,
            label,
            binding.tooltip,
            node,
            binding.action,
            active.enabled,
        )
    return list(lines.values())


def palette_title(t: Catalog, line: KeyLine) -> str:
    """``办理业务 Business · F2``: both languages, so either finds it, then the key."""
    here, there = both_ways(t, line.label)
    return f"{here} {there} · {line.keys}" if there else f"{here} · {line.keys}"


class HelpDialog(Dialog[None]):
    """The screen's name, one line on what it is for, and its keys; F1 or Esc closes it."""

    DEFAULT_CSS = """
    HelpDialog > Vertical { width: 84; max-width: 100%; max-height: 100%; }
    HelpDialog #purpose { margin-bottom: 1; }
    HelpDialog #keys { height: auto; max-height: 50vh; }
    HelpDialog #hint { margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "close", "key.back", key_display="Esc", id="close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.shown_for = screen
        self.lines = key_lines(screen)

    def compose(self) -> ComposeResult:
        t, kind = self.t, type(self.shown_for)
        with Vertical():
            if t(name_key(kind)) != name_key(kind):  # a screen; a dialog has no entry
                yield Label(t(name_key(kind)), classes="heading", id="help-title")
                yield Prose(t(purpose_key(kind)), id="purpose")
            yield Label(t("help.keys_heading"), classes="field-label")
            with VerticalScroll(id="keys"):  # one widget: a home screen has twenty-odd keys
                yield Static(Text("\n").join(self.line_text(line) for line in self.lines))
            yield Prose(t("help.hint"), id="hint")

    def line_text(self, line: KeyLine) -> Text:
        here, there = both_ways(self.t, line.label)
        text = Text.assemble((f"{line.keys:>9}  ", "bold"), here)
        if there:
            text.append(f"  {there}", style="dim")
        if not line.enabled:
            text.append(f"  {self.t('help.disabled')}", style="dim italic")
        return text

    def action_close(self) -> None:
        self.dismiss()

    def action_help(self) -> None:
        """F1 (or ``?``) again closes it."""
        self.dismiss()
