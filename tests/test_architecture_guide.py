"""ARCHITECTURE.md stays true: every file or folder it names exists, and its recipes are there.

A path in backticks (``screens/actions.py``, ``forms/templates/insurance/``) must exist.
A recipe names a file still to be written with a placeholder (``tests/test_screens_<name>.py``):
then the folder it goes in must exist; a glob (``tests/test_risk_*.py``) must match.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "ARCHITECTURE.md"
RECIPES = (
    "Add a business type",
    "Add a risk rule",
    "Add a printout",
    "Add a screen",
    "Add a home action",
    "Add a service",
    "Add a dialog",
    "Add a queue service or counter",
)
EXTENSIONS = (".py", ".toml", ".tcss", ".md", ".svg", ".cfg", ".txt")
BACKTICKED = re.compile(r"`([^`\s]+)`")


def path_like(token: str) -> bool:
    """``screens/actions.py`` or ``forms/``: a path, not a call, a key or a dotted module."""
    if not re.fullmatch(r"[\w./*<>-]+", token) or token.startswith("."):
        return False
    return "/" in token or token.endswith(EXTENSIONS)


def paths_in(text: str) -> list[str]:
    return [token for token in BACKTICKED.findall(text) if path_like(token)]


def missing(path: str, root: Path = ROOT) -> bool:
    """Whether ``path`` names nothing in the tree (a placeholder: nothing where it goes)."""
    if "<" in path:
        folder = path[: path.index("<")].rpartition("/")[0]
        return not (root / folder).is_dir()
    if "*" in path:
        return not any(root.glob(path))
    return not (root / path).exists()


def sections(text: str) -> dict[str, str]:
    """``### Title`` → the text under it, up to the next heading."""
    parts = re.split(r"^#{2,3} (.+)$", text, flags=re.M)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def test_every_path_the_guide_names_exists():
    names = paths_in(GUIDE.read_text(encoding="utf-8"))
    assert len(names) > 50, names  # the parser still finds them
    assert [name for name in names if missing(name)] == []


def test_every_recipe_is_there_and_names_the_files_it_touches():
    found = sections(GUIDE.read_text(encoding="utf-8"))
    for title in RECIPES:
        assert title in found, title
        named = paths_in(found[title])
        assert named, f"the recipe {title!r} names no file"
        assert [name for name in named if missing(name)] == [], title


def test_the_check_catches_a_name_that_does_not_exist(tmp_path):
    (tmp_path / "screens").mkdir()
    (tmp_path / "screens" / "actions.py").touch()
    text = (
        "`screens/actions.py` `screens/nowhere.py` `tests/test_<name>.py` "
        "`screens/<name>.py` `docs/*.md` `db.read()` `key.tip.<name>`"
    )
    names = paths_in(text)
    assert names == [
        "screens/actions.py",
        "screens/nowhere.py",
        "tests/test_<name>.py",
        "screens/<name>.py",
        "docs/*.md",
    ]
    assert [name for name in names if missing(name, tmp_path)] == [
        "screens/nowhere.py",
        "tests/test_<name>.py",
        "docs/*.md",
    ]


def test_the_readme_links_the_guide():
    assert "ARCHITECTURE.md" in (ROOT / "README.md").read_text(encoding="utf-8")
