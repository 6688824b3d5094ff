"""Pilot: a full disk at F10 and a missing output folder at F6 leave the teller a way on."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from screens.dialogs.reason import ReasonModal
from screens.documents import DocumentsScreen
from screens.posted import PostedScreen
from screens.review import ReviewScreen
from screens.till import TillScreen
from tests.faults import DiskFullOnce
from tests.flows import (
    BIG,
    approve_here,
    count_keys,
    fill_surrender,
    open_empty_shift,
    posted_then_f6,
    signed_in,
)
from tests.ledger_support import journal_payloads, on_shift
from tests.pilot import burst, make_app, notices, screen_text, settle
from workstation.db.ledger import Override, Posting, PrintRecord
from workstation.db.tills import DocumentPrint

FULL = "数据库 "  # the disk-full line starts by naming the database, in the UI language


def _broken_output(station, tmp_path):
    """The output folder cannot be made: a file stands where its parent should be."""
    (tmp_path / "share").write_text("a file, not a folder")
    folder = tmp_path / "share" / "out"
    station.config = station.config.model_copy(
        update={"output": station.config.output.model_copy(update={"folder": folder})}
    )
    return folder


async def test_a_full_disk_at_f10_keeps_the_review_and_its_approval_and_f10_posts_again(station):
    if station.db.dialect != "sqlite":
        pytest.skip("the fault is SQLite's")
    on_shift(station, "T001")
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await fill_surrender(pilot)
        await approve_here(pilot, "S001", "space")
        review = app.screen
        assert "已授权：王强（S001）" in screen_text(app)
        full = DiskFullOnce(station.db.engine, "INSERT INTO journal_entries")
        await pilot.press("f10")
        await settle(pilot)
        await settle(pilot)
        assert not full.armed
        assert app.screen is review and isinstance(review, ReviewScreen)
        [line] = [n for n in notices(app) if "磁盘已满" in n]
        assert line.startswith(FULL) and "\n" not in line and "本步操作没有保存任何内容" in line
        assert "已授权：王强（S001）" in screen_text(app)  # the approval is still there
        assert review.check_action("confirm", ()) is True  # and F10 is back
        with station.db.read() as s:
            assert s.scalar(select(func.count()).select_from(Posting)) == 0
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, PostedScreen), screen_text(app)
        assert "SH01-20261127-01-00001" in screen_text(app)
    with station.db.read() as s:
        assert s.scalars(select(Override.posting_id)).all() == [1]  # no second approval


async def test_f6_after_a_print_that_could_not_be_saved_tries_again(station, tmp_path):
    on_shift(station, "T001")
    folder = _broken_output(station, tmp_path)
    app = make_app(station)
    async with app.run_test(size=BIG) as pilot:
        await posted_then_f6(pilot)
        text = screen_text(app)
        assert "无法把 SH01-20261127-01-00001-receipt.pdf 保存到" in text and "不算重打" in text
        assert app.screen.check_action("print", ()) is True
        with station.db.read() as s:
            assert s.scalar(select(PrintRecord.status)) == "failed"
        (tmp_path / "share").unlink()  # the administrator puts the folder right
        await pilot.press("f6")
        await settle(pilot)
        assert "已保存为 PDF" in screen_text(app)
    assert (folder / "SH01-20261127-01-00001-receipt.pdf").exists()
    assert [p["print_no"] for p in journal_payloads(station, "receipt_print_failed")] == [1]
    assert [p["print_no"] for p in journal_payloads(station, "receipt_printed")] == [1]


async def test_a_vault_slip_that_could_not_be_saved_is_printed_from_reprint_without_a_reason(
    station, tmp_path
):
    folder = _broken_output(station, tmp_path)
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await open_empty_shift(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await burst(pilot, *count_keys(100, 0, 0, 0, 0, 0, 0, 0))
        await burst(pilot, "S001", "<enter>", "demo1234", "<enter>")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, TillScreen), screen_text(app)  # the transfer stands
        assert any("无法把 SH01-20261127-vault1-vault_slip.pdf" in n for n in notices(app))
        (tmp_path / "share").unlink()
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, DocumentsScreen)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert not isinstance(app.screen, ReasonModal)
    assert (folder / "SH01-20261127-vault1-vault_slip.pdf").exists()
    with station.db.read() as s:
        prints = s.execute(select(DocumentPrint.print_no, DocumentPrint.status)).all()
    assert prints == [(1, "saved")]
