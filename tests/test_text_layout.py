"""Text at a counter: lines broken where a reader expects, plurals and punctuation in English."""

from __future__ import annotations

import re

import pytest

from workstation.domain.i18n import Catalog, msg
from workstation.domain.text import NO_LINE_START, join_list, wrap

CJK_PUNCTUATION = re.compile("[（）、，；：。「」【】！？《》]")


@pytest.mark.parametrize("width", range(8, 30))
def test_no_line_starts_with_closing_punctuation_and_words_stay_whole(width):
    text = "还有 1 条提示需要逐条确认（移到该条按空格）。Blank receipts are handed over; blank too"
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(line[0] not in NO_LINE_START for line in lines if line), lines
    words = {w for line in lines for w in re.findall("[A-Za-z]+", line)}
    assert words <= set(re.findall("[A-Za-z]+", text)), lines  # no English word cut


def test_english_counts_agree_with_their_nouns():
    en, zh = Catalog.load("en"), Catalog.load("zh")
    assert en("form.fix_first", count=1) == "1 field still needs a value or a correction"
    assert en("form.fix_first", count=2).startswith("2 fields still need ")
    assert en("review.needs_acknowledgement", count=1).startswith("1 notice still needs ")
    assert en(msg("auth.wrong_password", left=1)).endswith("1 attempt left")
    assert en("lock.idle", minutes="0.5").endswith("0.5 minutes idle")
    assert zh("form.fix_first", count=1).startswith("还有 1 ")


def test_english_text_has_no_chinese_punctuation():
    en = Catalog.load("en")
    chinese = {k: v for k, v in en.entries.items() if CJK_PUNCTUATION.search(v)}
    assert chinese == {}
    assert join_list(en, ["Cash", "Bank card"]) == "Cash, Bank card"
    assert join_list(Catalog.load("zh"), ["现金", "银行卡"]) == "现金、银行卡"


def test_screens_join_lists_in_the_screens_language():
    """A list a screen shows is joined by ``join_list`` (甲、乙 / "a, b"), never by a Chinese
    "、" written into the code, which English screens showed as "a、b"."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "screens"
    found = [
        f"{path.relative_to(root.parent)}:{n}"
        for path in sorted(root.rglob("*.py"))
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if '"、".join' in line or "'、'.join" in line
    ]
    assert found == []
