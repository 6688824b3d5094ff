"""Imports point down the layers of DESIGN.md; textual and reportlab stay in their layer."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RANK = {"workstation.domain": 0, "forms": 1, "workstation": 2, "printing": 3, "screens": 4}
ENTRY = ("workstation.cli", "workstation.__main__")
ONLY_IN = {"textual": "screens", "reportlab": "printing"}
LAZY = {"sqlalchemy", "alembic", "keyring", "argon2", "reportlab", "pypinyin", "pydantic"}


def _layer(module: str) -> str | None:
    if module.startswith(ENTRY):
        return "entry"
    if module == "workstation.domain" or module.startswith("workstation.domain."):
        return "workstation.domain"
    top = module.split(".")[0]
    return top if top in RANK else None


def _modules():
    for package in ("workstation", "screens", "forms", "printing"):
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if "migrations" in rel.parts:
                continue
            yield ".".join(rel.with_suffix("").parts).removesuffix(".__init__"), path


def _imports(path: Path, top_level_only: bool = False) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def test_imports_point_down_the_layers():
    bad = []
    for module, path in _modules():
        here = _layer(module)
        for line, imported in _imports(path):
            owner = ONLY_IN.get(imported.split(".")[0])
            if owner and here not in (owner, "entry"):
                bad.append(f"{module}:{line} imports {imported}; only {owner}/ may")
            there = _layer(imported)
            if here != "entry" and there and there != "entry" and RANK[there] > RANK[here]:
                bad.append(f"{module}:{line} ({here}) imports {imported} ({there})")
            if here != "entry" and there == "entry":
                bad.append(f"{module}:{line} imports the entry point {imported}")
    assert bad == []


def test_domain_imports_nothing_from_the_project():
    bad = [
        (module, imported)
        for module, path in _modules()
        if _layer(module) == "workstation.domain"
        for _, imported in _imports(path)
        if _layer(imported) not in (None, "workstation.domain")
    ]
    assert bad == []


def test_the_start_up_path_imports_nothing_heavy():
    """What ``workstation`` loads before the sign-in screen shows must not pull a heavy library."""
    code = (
        "import sys, workstation.cli, screens.app, screens.signin, screens.widgets.status_bar;"
        f"print(sorted(m for m in {sorted(LAZY)!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"
