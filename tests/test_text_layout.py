"""Text at a counter: lines broken where a reader expects, plurals and punctuation in English."""

from __future__ import annotations

import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

from workstation.domain.i18n import Catalog, listed, msg
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


def _joiners(path: Path) -> Iterator[int]:
    """Lines of ``path`` with a string that is only a Chinese list separator ("、", "，")."""
    source = path.read_text("utf-8")
    if "、" not in source and "，" not in source:
        return
    for token in tokenize.generate_tokens(iter(source.splitlines(keepends=True)).__next__):
        if token.type == tokenize.STRING and token.string.strip("\"'") in ("、", "，"):
            yield token.start[0]


def test_lists_are_joined_in_the_language_shown():
    """A list in a screen, a service's message or a printout is joined by the catalog
    (``join_list``, or ``listed`` as a message parameter: 甲、乙 / "a, b"), never by a
    Chinese "、" written into the code, which English showed as "a、b"."""
    root = Path(__file__).resolve().parents[1]
    found = [
        f"{path.relative_to(root)}:{n}"
        for package in ("screens", "workstation", "printing", "forms")
        for path in sorted((root / package).rglob("*.py"))
        for n in _joiners(path)
    ]
    assert found == []


def test_a_service_message_lists_in_its_language():
    from workstation.domain.cash import Count
    from workstation.domain.errors import InvalidValue
    from workstation.domain.text import in_both

    en, zh = Catalog.load("en"), Catalog.load("zh")
    items = listed([in_both("点钞机", "Counting machine"), in_both("监控", "CCTV")])
    outstanding = msg("checklist.error.outstanding", count=2, items=items)
    assert "Counting machine, CCTV." in en(outstanding)
    assert "点钞机、监控。" in zh(outstanding)
    assert en("till.tills_open", tills=listed(["1/T001", "2/T002"])).endswith("1/T001, 2/T002")
    assert listed(["1/T001", "2/T002"]) == "1/T001、2/T002"  # as a log line writes it
    with pytest.raises(InvalidValue) as refused:
        Count({10000: 1}) - Count({10000: 2, 5000: 1})
    assert en(refused.value.msg) == "Not enough ¥100, 50 in the box"
