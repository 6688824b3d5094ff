"""Choosing the font paper is printed in, and registering it with reportlab once.

A TrueType CJK font is embedded (as a subset) in every PDF, so a printer without
Asian fonts still prints every glyph. ``STSong-Light`` (a CID font, never
embedded) is the last resort: through CUPS it lost every ASCII glyph (serial,
amounts, staff IDs), so choosing it comes with a warning.

Parsing a font costs tens of milliseconds: nothing here touches reportlab at
import; :func:`choose_font` loads candidates when a document is first rendered
and keeps what it loaded for :func:`register`.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workstation.domain.i18n import Msg, msg

CID_FALLBACK = "STSong-Light"
# Debian/Ubuntu and other Linux layouts, then Windows, then macOS. ``.ttc``
# collections are read at subfont index 0.
CANDIDATES: tuple[Path, ...] = tuple(
    Path(p)
    for p in (
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "C:/Windows/Fonts/simsun.ttc",
        "C:/Windows/Fonts/msyh.ttc",
        "C:/Windows/Fonts/simhei.ttf",
        "/System/Library/Fonts/STHeiti Light.ttc",
        "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
        "/Library/Fonts/Arial Unicode.ttf",
    )
)
# A font that cannot show these prints blanks where the receipt matters.
_MUST_SHOW = "柜面回单人民币壹贰叁元整0123456789AZaz"
_CFF = "PostScript (CFF) outlines are not supported; use a TrueType font (.ttf or .ttc)"

_lock = threading.Lock()
_loaded: dict[tuple[str, int], Any] = {}
"""TTFont objects parsed by :func:`choose_font`, by (path, subfont)."""
_registered: dict[tuple[str, int], str] = {}


@dataclass(frozen=True)
class FontChoice:
    """The font to print in, and how it was chosen."""

    name: str
    """The name styles use once :func:`register` has run."""
    path: str | None
    """The TrueType file; ``None`` for the CID fallback."""
    subfont: int
    embedded: bool
    warning: Msg | None
    """What the teller (or the log) should be told about this choice."""
    rejected: tuple[tuple[str, str], ...] = ()
    """(path, reason) of each font file tried and refused."""


def choose_font(
    configured: Path | None = None, candidates: Sequence[Path] | None = None
) -> FontChoice:
    """The configured TrueType font if it loads, else the first CJK TrueType font found.

    Falls back to the CID font ``STSong-Light`` (not embedded, with the
    ``printing.font_fallback`` warning) only when no file loads. A configured
    file that is missing or refused gives ``printing.font_bad`` and discovery
    goes on. ``candidates`` replaces :data:`CANDIDATES` (for tests).
    """
    rejected: list[tuple[str, str]] = []
    warning: Msg | None = None
    if configured is not None:
        reason = _try_load(configured, 0)
        if reason is None:
            return _embedded(configured, 0, None, rejected)
        rejected.append((str(configured), reason))
        warning = msg("printing.font_bad", path=str(configured), reason=reason)
    for path in CANDIDATES if candidates is None else candidates:
        if not path.is_file():
            continue
        reason = _try_load(path, 0)
        if reason is None:
            return _embedded(path, 0, warning, rejected)
        rejected.append((str(path), reason))
    return FontChoice(
        name=CID_FALLBACK,
        path=None,
        subfont=0,
        embedded=False,
        warning=msg("printing.font_fallback"),
        rejected=tuple(rejected),
    )


def register(choice: FontChoice) -> str:
    """Register the chosen font with reportlab (once per file) and return its name.

    Thread-safe. Bold and italic map to the same face, so ``<b>`` in a
    paragraph never fails for want of a bold file.
    """
    from reportlab.pdfbase import pdfmetrics

    key = (choice.path or CID_FALLBACK, choice.subfont)
    with _lock:
        name = _registered.get(key)
        if name is not None and name in pdfmetrics.getRegisteredFontNames():
            return name
        if choice.embedded and choice.path is not None:
            font = _loaded.get(key) or _load(Path(choice.path), choice.subfont, choice.name)
            _loaded[key] = font
            pdfmetrics.registerFont(font)
        else:
            from reportlab.pdfbase.cidfonts import UnicodeCIDFont

            pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        name = choice.name if choice.embedded else CID_FALLBACK
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        _registered[key] = name
        return name


def font_name(path: Path, subfont: int) -> str:
    """A reportlab name unique to the file: ``CW-wqymicrohei-0-1a2b3c``."""
    stem = re.sub(r"[^A-Za-z0-9]", "", path.stem).lower() or "font"
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:6]
    return f"CW-{stem}-{subfont}-{digest}"


def _embedded(
    path: Path, subfont: int, warning: Msg | None, rejected: list[tuple[str, str]]
) -> FontChoice:
    return FontChoice(
        name=font_name(path, subfont),
        path=str(path),
        subfont=subfont,
        embedded=True,
        warning=warning,
        rejected=tuple(rejected),
    )


def _try_load(path: Path, subfont: int) -> str | None:
    """Load a font file into the cache; ``None`` when it is usable, else why not."""
    key = (str(path), subfont)
    with _lock:
        if key in _loaded:
            return None
    if not path.is_file():
        return f"{path.name}: file not found"
    try:
        with path.open("rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        return f"{path.name}: {exc.strerror or exc}"
    if magic == b"OTTO":
        return f"{path.name}: {_CFF}"
    try:
        font = _load(path, subfont, font_name(path, subfont))
    except Exception as exc:  # reportlab raises TTFError, struct and index errors
        detail = str(exc).split('": ', 1)[-1]
        if "postscript outlines" in detail.lower():
            detail = _CFF
        return f"{path.name}: {detail}"
    glyphs = font.face.charToGlyph
    if missing := [c for c in _MUST_SHOW if ord(c) not in glyphs]:
        return f"{path.name}: no glyphs for {''.join(missing[:8])}"
    with _lock:
        _loaded[key] = font
    return None


def _load(path: Path, subfont: int, name: str) -> Any:
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont(name, str(path), subfontIndex=subfont)
