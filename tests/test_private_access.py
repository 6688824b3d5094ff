"""No module reaches into another object's privates: ``x._name`` only on ``self``, ``cls``,
``super()`` or a class of the same module; no ``from module import _name`` across modules.

A service that needs another's step asks for a public method (``AuthService.check_password``,
``TillService.where``); the few library APIs spelled with an underscore are listed below,
each with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("workstation", "forms", "printing", "screens")
OWNERS = {"self", "cls"}

ALLOWED: dict[str, tuple[tuple[str, ...], str]] = {
    "_asdict": (PACKAGES, "namedtuple's public API, underscored so it never clashes with a field"),
    "_replace": (PACKAGES, "namedtuple's public API"),
    "_fields": (PACKAGES, "namedtuple's public API"),
    "_mapping": (PACKAGES, "SQLAlchemy Row's public API: the row as a mapping"),
}
"""Attribute → (the packages that may use it, why)."""

SHIMS = {Path("screens/textual_compat.py")}
"""Where a library's private API is used on purpose, in one place pinned to its version
(tests/test_textual_compat.py checks nothing else uses Textual's)."""


def _own_names(tree: ast.Module) -> set[str]:
    """Classes and functions the module defines itself: their privates are its own."""
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
    }


def _is_owner(value: ast.expr, own: set[str]) -> bool:
    if isinstance(value, ast.Name):
        return value.id in OWNERS or value.id in own
    call = value.func if isinstance(value, ast.Call) else None
    return isinstance(call, ast.Name) and call.id == "super"


def violations(source: str, package: str) -> list[str]:
    """Each reach into another object's privates in ``source``, as ``line: what``."""
    tree = ast.parse(source)
    own, found = _own_names(tree), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            name = node.attr
            private = name.startswith("_") and not name.startswith("__")
            allowed = ALLOWED.get(name)
            if not private or _is_owner(node.value, own):
                continue
            if allowed is not None and package in allowed[0]:
                continue
            found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] not in PACKAGES:
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
    return found


def test_no_module_reaches_into_another_objects_privates():
    bad = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            rel = path.relative_to(ROOT)
            if rel in SHIMS:
                continue
            bad += [f"{rel}:{v}" for v in violations(path.read_text(encoding="utf-8"), package)]
    assert bad == []


def test_the_check_sees_a_reach_through_another_service():
    source = (
        "class Closing:\n"
        "    def close(self, s):\n"
        "        self.till.auth._attempt(s)\n"
        "        return self.till._where(None), self._own(), super()._base()\n"
    )
    assert violations(source, "workstation") == [
        "3: self.till.auth._attempt",
        "4: self.till._where",
    ]


def test_the_check_sees_a_private_import_and_keeps_the_allowances_to_their_packages():
    source = "from workstation.services.posting import _write\nwidget._secret\nrow._mapping\n"
    assert violations(source, "workstation") == [
        "1: from workstation.services.posting import _write",
        "2: widget._secret",
    ]
    assert violations("row._mapping\n", "screens") == []


def test_a_class_may_use_its_own_privates_by_name():
    source = "class Effect:\n    @classmethod\n    def _parse(cls): ...\n\nEffect._parse()\n"
    assert violations(source, "workstation") == []
