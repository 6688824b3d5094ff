"""Pilot at 80×24, the smallest counter terminal: every line drawn breaks where a reader
expects (issue 16.13). Textual wraps a Chinese run anywhere, so a line could start with
"）" or "，"; the screens' running text breaks like ``workstation.domain.text.wrap``."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text
from textual.app import App
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import OptionList, Static

from screens.lobby import LobbyScreen
from screens.review import ReviewScreen
from screens.text import Reflows
from screens.textual_compat import screen_lines
from tests.flows import fill_surrender, signed_in
from tests.ledger_support import on_shift
from tests.pilot import burst, make_app, settle

SMALL = (80, 24)
PANES = re.compile(r"[│┃║▏▕▎█▌▐╭╮╰╯]+| {2,}")
"""What separates the texts side by side on a row: a frame, or a gap of two spaces."""
CLOSING = "，。、；：！？）》」』】"
"""Chinese closing punctuation: never at the start of a line (a finding's "!" mark may be)."""
WORD = re.compile("[A-Za-z]{2,}")


def _shown(widget: Widget) -> Region:
    """Where the widget's text shows: its content, as far as its containers show it."""
    region = widget.content_region
    for node in widget.ancestors:
        if isinstance(node, Widget):
            region = region.intersection(node.scrollable_content_region)
    return region


def _cells(row: str, start: int, end: int) -> str:
    """The characters of ``row`` drawn in columns ``start`` to ``end``."""
    drawn, column = [], 0
    for char in row:
        if start <= column < end:
            drawn.append(char)
        column += cell_len(char)
    return "".join(drawn)


def _text(widget: Widget) -> str:
    """The whole text the widget holds, before any line is broken."""
    held = widget.render_text() if isinstance(widget, Reflows) else widget.render()
    return Text.from_markup(held).plain if isinstance(held, str) else str(held)


def assert_breaks_like_a_reader(app: App[object], where: str) -> None:
    """No drawn line starts with closing punctuation; no text runs past the edge of what
    holds it; every English word a text widget draws is a word of its text (a word cut in
    two is not)."""
    rows = screen_lines(app)
    shown = "\n".join(rows)
    texts = [part.strip() for row in rows[1:-1] for part in PANES.split(row) if part.strip()]
    starts = [text for text in texts if text[0] in CLOSING]  # (status bar, footer: one line)
    assert starts == [], f"{where}: a line starts with closing punctuation\n{shown}"
    for widget in app.screen.query("*"):
        if not isinstance(widget, Static | Reflows) or not widget.region.area:
            continue
        text, region = _text(widget), _shown(widget)
        assert widget.content_region.right <= region.right, f"{where}: {text!r} cut off"
        drawn = [_cells(rows[y], region.x, region.right) for y in range(region.y, region.bottom)]
        cut = set(WORD.findall(" ".join(drawn))) - set(WORD.findall(text))
        assert not cut, f"{where}: {cut} cut from a longer word of {text!r}\n{shown}"


async def test_home_review_help_and_lobby_break_lines_like_a_reader_at_80x24(station):
    on_shift(station, "T001")
    async with signed_in(station, "T001", SMALL) as pilot:
        app = pilot.app
        menu = app.screen.query_one("#actions", OptionList)
        assert menu.virtual_size.height == menu.option_count  # no label over two lines
        assert_breaks_like_a_reader(app, "home")
        await pilot.press("end")  # the menu scrolls in its box to its last line
        await settle(pilot)
        last = str(menu.get_option_at_index(menu.option_count - 1).prompt)
        shown = "\n".join(screen_lines(app))
        assert re.search(rf"│ +{re.escape(last.strip())} ", shown), shown
        await pilot.press("f1")  # the home's keys: each in both languages
        await settle(pilot)
        assert_breaks_like_a_reader(app, "home help")
        await pilot.press("escape")
        await settle(pilot)
        await fill_surrender(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert_breaks_like_a_reader(app, "review")  # findings, and 还有 1 条提示…（…）
        await pilot.press("f1")
        await settle(pilot)
        assert_breaks_like_a_reader(app, "review help")
    async with signed_in(station, "L001", SMALL, lang="en") as pilot:
        assert isinstance(pilot.app.screen, LobbyScreen)
        await burst(pilot, "tb")  # 退保: its documents listed
        await settle(pilot)
        assert_breaks_like_a_reader(pilot.app, "lobby")  # "Resident ID (optional, …" whole


async def test_the_demo_sign_in_fits_80x24_in_both_languages(station):
    """The demo accounts beside the sign-in box and the banner under it: nothing past the
    screen's edge (the accounts' frame ran to column 90, the banner's sentence was cut)."""
    for lang in ("zh", "en"):
        app = make_app(station, lang=lang, demo=True)
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            assert app.screen.query_one("#demo-accounts").region.right <= SMALL[0]
            banner = app.screen.query_one("#demo-banner", Static)
            assert cell_len(_text(banner)) <= banner.content_region.width, lang
            assert_breaks_like_a_reader(app, f"sign-in ({lang})")
