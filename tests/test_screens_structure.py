"""How screens/ is put together: dialogs in their own package, each with its own CSS."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path
from typing import TypeVar

from textual.screen import ModalScreen

ROOT = Path(__file__).resolve().parents[1]
SCREENS = ROOT / "screens"
DIALOGS = SCREENS / "dialogs"


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _dialog_modules() -> list[Path]:
    return sorted(p for p in DIALOGS.glob("*.py") if p.name != "__init__.py")


def test_every_modal_screen_is_a_dialog_in_the_dialogs_package():
    elsewhere = []
    for path in sorted(SCREENS.rglob("*.py")):
        module = importlib.import_module(_module(path))
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, ModalScreen)
                and value.__module__ == module.__name__
                and path.parent != DIALOGS
            ):
                elsewhere.append(f"{module.__name__}.{name}")
    assert elsewhere == []


def _dialog_classes() -> list[type[ModalScreen]]:
    found = []
    for path in _dialog_modules():
        module = importlib.import_module(_module(path))
        found += [
            value
            for value in vars(module).values()
            if inspect.isclass(value)
            and issubclass(value, ModalScreen)
            and value.__module__ == module.__name__
        ]
    return found


def test_every_dialog_module_defines_its_own_css():
    modules = {_module(path) for path in _dialog_modules()}
    with_css = {cls.__module__ for cls in _dialog_classes() if "DEFAULT_CSS" in vars(cls)}
    without = [cls.__name__ for cls in _dialog_classes() if "DEFAULT_CSS" not in vars(cls)]
    assert (without, modules - with_css) == ([], set())


def _result_types(cls: type) -> list[object]:
    """The types a class binds its generic parameters to, up its bases."""
    return [
        arg
        for k in cls.__mro__
        for base in vars(k).get("__orig_bases__", ())
        for arg in getattr(base, "__args__", ())
        if not isinstance(arg, TypeVar)
    ]


def test_every_dialog_is_a_typed_modal_screen():
    """``ModalScreen[T]`` with T bound: the result type is stated, not left to ``Any``."""
    concrete = [cls for cls in _dialog_classes() if not getattr(cls, "__parameters__", ())]
    assert concrete and [cls.__name__ for cls in concrete if not _result_types(cls)] == []


def test_no_screen_module_imports_css_from_another():
    imported = [
        f"{path.relative_to(ROOT)}:{node.lineno} {alias.name}"
        for path in sorted(SCREENS.rglob("*.py"))
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if "CSS" in alias.name.upper()
    ]
    assert imported == []
