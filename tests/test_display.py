"""The calling display: the latest call large, the board, the voice; one call at a time."""

from __future__ import annotations

from screens.widgets.big_text import big_rows, glyph


def test_every_capital_and_digit_is_drawn_three_rows_tall():
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
        rows = glyph(ch)
        assert [len(row) for row in rows] == [3, 3, 3], ch
        assert any(row.strip() for row in rows), ch
    assert glyph("→") == (" ", "→", " ")


def test_a_call_drawn_large_keeps_its_characters_apart():
    top, middle, bottom = big_rows("v07 → 04")
    assert len(top) == len(middle) == len(bottom)
    assert middle.split("→")[0].startswith("╲ ╱")  # V, lower case or not
    assert "→" in middle and "→" not in top + bottom
