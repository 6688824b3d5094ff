"""Both catalogs hold the same keys with the same placeholders; code uses only known keys."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from workstation.domain.i18n import LANGUAGES, Catalog

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    p for d in ("workstation", "screens", "forms", "printing") for p in (ROOT / d).rglob("*.py")
]
# msg("key"), Msg("key"), SomeError("key"), t("key"), and binding descriptions "key.*"
USES = re.compile(
    r"""(?:\bmsg|\bMsg|Error|Mismatch|Locked|Password|Unavailable|\bt|self\.t|app\.t)\(\s*f?"([a-z_]+(?:\.[a-z_{}.]+)+)"|"((?:key|action)\.[a-z_.]+)\""""
)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogs_have_the_same_keys():
    zh, en = (set(Catalog.load(lang).entries) for lang in LANGUAGES)
    assert zh - en == set(), "only in zh"
    assert en - zh == set(), "only in en"


def test_each_key_has_the_same_placeholders_in_both():
    zh, en = Catalog.load("zh").entries, Catalog.load("en").entries
    different = {k: (zh[k], en[k]) for k in zh if _placeholders(zh[k]) != _placeholders(en[k])}
    assert different == {}


def test_every_key_the_code_uses_is_in_the_catalog():
    known = set(Catalog.load("zh").entries)
    missing = []
    for path in SOURCES:
        for match in USES.finditer(path.read_text(encoding="utf-8")):
            key = match.group(1) or match.group(2)
            if "{" in key:
                prefix = key.split("{")[0]
                if not any(k.startswith(prefix) for k in known):
                    missing.append((path.name, key))
            elif key not in known:
                missing.append((path.name, key))
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unknown_language_is_refused(lang):
    assert Catalog.load(lang).lang == lang
    with pytest.raises(ValueError):
        Catalog.load("fr")
