"""Choosing the font: configured first, then discovery, CFF refused, CID only as a last resort."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from printing import fonts
from printing.fonts import CANDIDATES, choose_font, register

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
URW_OTF = Path("/usr/share/fonts/opentype/urw-base35/C059-Roman.otf")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_wqy = pytest.mark.skipif(not WQY.is_file(), reason="fonts-wqy-microhei not installed")


def fake_otf(folder: Path) -> Path:
    """The first bytes of an OpenType font with PostScript (CFF) outlines."""
    path = folder / "FakeCJK-Regular.otf"
    path.write_bytes(b"OTTO" + bytes(60))
    return path


@needs_wqy
def test_discovery_finds_the_wqy_font():
    choice = choose_font()
    assert choice.embedded and choice.path == str(WQY) and choice.subfont == 0
    assert choice.warning is None


@needs_wqy
def test_a_configured_font_wins(tmp_path):
    copy = tmp_path / "counter.ttc"
    copy.write_bytes(WQY.read_bytes())
    choice = choose_font(copy, candidates=[WQY])
    assert choice.path == str(copy) and choice.warning is None


@needs_wqy
def test_a_cff_font_is_refused_with_its_name_and_discovery_goes_on(tmp_path):
    otf = fake_otf(tmp_path)
    choice = choose_font(otf, candidates=[WQY])
    assert choice.path == str(WQY) and choice.embedded
    assert choice.warning is not None and choice.warning.key == "printing.font_bad"
    assert choice.warning.params["path"] == str(otf)
    [(path, reason)] = choice.rejected
    assert path == str(otf)
    assert "FakeCJK-Regular.otf" in reason and "PostScript" in reason
    assert choice.warning.params["reason"] == reason


@pytest.mark.skipif(not URW_OTF.is_file(), reason="no real CFF font on this machine")
def test_reportlab_refuses_a_real_cff_font_and_we_say_why():
    choice = choose_font(candidates=[URW_OTF])
    assert not choice.embedded
    [(path, reason)] = choice.rejected
    assert path == str(URW_OTF) and "C059-Roman.otf" in reason and "PostScript" in reason


def test_a_missing_configured_font_is_refused(tmp_path):
    missing = tmp_path / "nowhere.ttf"
    choice = choose_font(missing, candidates=[])
    assert choice.name == "STSong-Light"
    assert choice.rejected == ((str(missing), "nowhere.ttf: file not found"),)


def test_a_file_that_is_no_font_is_refused(tmp_path):
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"\x00\x01junk" * 20)
    choice = choose_font(candidates=[junk])
    assert not choice.embedded
    assert choice.rejected[0][0] == str(junk) and "junk.ttf" in choice.rejected[0][1]


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu not installed")
def test_a_font_without_chinese_is_refused():
    choice = choose_font(candidates=[DEJAVU])
    assert not choice.embedded
    assert "no glyphs" in choice.rejected[0][1]


def test_missing_candidates_are_skipped_silently(tmp_path):
    choice = choose_font(candidates=[tmp_path / "a.ttc", tmp_path / "b.ttf"])
    assert choice.rejected == ()
    assert choice.warning is not None and choice.warning.key == "printing.font_fallback"


def test_the_usual_places_are_listed_for_each_platform():
    places = [str(p) for p in CANDIDATES]
    assert places[0] == "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    assert any(p.startswith("C:/Windows/Fonts/") for p in places)
    assert any(p.startswith("/System/Library/Fonts/") for p in places)
    assert all(p.endswith((".ttc", ".ttf")) for p in places)


@needs_wqy
def test_register_runs_once_even_from_many_threads():
    choice = choose_font(candidates=[WQY])
    names: list[str] = []
    threads = [threading.Thread(target=lambda: names.append(register(choice))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(names) == {choice.name}
    assert len([k for k in fonts._registered if k[0] == str(WQY)]) == 1


def test_register_the_cid_fallback():
    assert register(choose_font(candidates=[])) == "STSong-Light"


def test_importing_fonts_loads_no_truetype_machinery():
    code = (
        "import sys, printing.fonts; "
        "print(any(m.startswith('reportlab.pdfbase.ttfonts') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
