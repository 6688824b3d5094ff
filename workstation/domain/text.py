"""Text as typed at a Chinese counter, folded to one form."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Full-width digits, letters and signs as ASCII (NFKC: ``Ｐ２０`` → ``P20``, ``ｘ`` → ``x``,
    ``￥`` → ``¥``), without surrounding space: a Chinese input method types the wide forms.
    """
    return unicodedata.normalize("NFKC", text).strip()
