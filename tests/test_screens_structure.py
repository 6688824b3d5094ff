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
    """Each module, and each dialog that opens (a generic base such as ``LocalApproval``
    is only subclassed: its subclasses style themselves)."""
    modules = {_module(path) for path in _dialog_modules()}
    with_css = {cls.__module__ for cls in _dialog_classes() if "DEFAULT_CSS" in vars(cls)}
    concrete = [cls for cls in _dialog_classes() if not getattr(cls, "__parameters__", ())]
    without = [cls.__name__ for cls in concrete if "DEFAULT_CSS" not in vars(cls)]
    assert modules and (without, modules - with_css) == ([], set())


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


LAZY = {("screens.app", "screens.navigation")}
"""The one function-local import of a screen module: navigation loads every screen, so the
app imports it in the worker that opens the station, off the way to the first frame."""


def _runtime_imports(tree: ast.Module) -> list[tuple[ast.AST, str, bool]]:
    """(node, module, in a function) for each import that runs (not under TYPE_CHECKING)."""
    found: list[tuple[ast.AST, str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child, in_function)
            return
        if isinstance(node, ast.Import):
            found.extend((node, alias.name, in_function) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node, node.module, in_function))
            found.extend((node, f"{node.module}.{alias.name}", in_function) for alias in node.names)
        inner = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(tree, False)
    return found


def _screen_modules() -> dict[str, Path]:
    return {_module(path): path for path in sorted(SCREENS.rglob("*.py"))}


def _graph() -> dict[str, set[str]]:
    modules = _screen_modules()
    return {
        name: {imported for _, imported, _ in _runtime_imports(_tree(path)) if imported in modules}
        - {name}
        for name, path in modules.items()
    }


def test_no_screen_module_imports_another_inside_a_function():
    modules = _screen_modules()
    local = sorted(
        f"{name}:{node.lineno} {imported}"
        for name, path in modules.items()
        for node, imported, in_function in _runtime_imports(_tree(path))
        if in_function and imported in modules and (name, imported) not in LAZY
    )
    assert local == []


def test_there_is_no_import_cycle_among_screen_modules():
    graph, cycles = _graph(), []

    def walk(module: str, path: list[str]) -> None:
        for imported in sorted(graph[module]):
            if imported in path:
                cycles.append(" -> ".join([*path[path.index(imported) :], imported]))
            elif len(path) < len(graph):
                walk(imported, [*path, imported])

    for module in graph:
        walk(module, [module])
    assert cycles == []


def test_only_navigation_opens_screens_from_other_modules():
    """A screen module imports no other screen; they meet in screens/navigation.py (and the
    app shows the first one, sign-in)."""
    screens = {
        name
        for name, path in _screen_modules().items()
        if "(WorkstationScreen)" in path.read_text(encoding="utf-8")
        or "(CashScreen)" in path.read_text(encoding="utf-8")
    }
    bases = {"screens.till", "screens.till_ops"}  # CashScreen, CountingScreen: shared bases
    crossing = sorted(
        f"{name} imports {imported}"
        for name, imported_set in _graph().items()
        if name not in ("screens.navigation", "screens.app")
        for imported in imported_set
        if imported in screens - bases
    )
    assert screens and crossing == []


def test_state_that_drives_bindings_is_reactive_not_refreshed_by_hand():
    by_hand = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted(SCREENS.rglob("*.py"))
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Attribute) and node.attr == "refresh_bindings"
    ]
    assert by_hand == []


def test_every_reactive_is_typed_and_says_what_it_holds():
    bare, bound = [], 0
    for path in sorted(SCREENS.rglob("*.py")):
        for cls in (n for n in ast.walk(_tree(path)) if isinstance(n, ast.ClassDef)):
            for here, after in zip(cls.body, [*cls.body[1:], None], strict=True):
                value = getattr(here, "value", None)
                if not (isinstance(value, ast.Call) and ast.unparse(value.func) == "reactive"):
                    continue
                bound += "bindings=True" in ast.unparse(value)
                documented = isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                if not (isinstance(here, ast.AnnAssign) and documented):
                    bare.append(f"{path.relative_to(ROOT)}:{here.lineno}")
    assert bound >= 8 and bare == []


def _concrete_screens() -> list[type]:
    """Every WorkstationScreen subclass no other screen builds on (CashScreen is a base)."""
    for name in _screen_modules():
        importlib.import_module(name)
    from screens.base import WorkstationScreen

    def below(cls: type) -> list[type]:
        return [c for sub in cls.__subclasses__() for c in (sub, *below(sub))]

    return sorted({c for c in below(WorkstationScreen) if not c.__subclasses__()}, key=str)


def test_every_screen_says_in_both_languages_what_it_is_for():
    """F1 shows a screen's name and purpose (screens/dialogs/help.py): a new screen needs both."""
    from screens.dialogs.help import name_key, purpose_key
    from workstation.domain.i18n import LANGUAGES, Catalog

    screens = _concrete_screens()
    missing = [
        f"{lang}: {key}"
        for lang in LANGUAGES
        for screen in screens
        for key in (name_key(screen), purpose_key(screen))
        if key not in Catalog.load(lang).entries
    ]
    assert len(screens) > 20 and missing == []
