"""Pilot: print the receipt after posting, reprint from the journal, print a sample form."""

from __future__ import annotations

from sqlalchemy import select

from screens.posting_detail import PostingDetailScreen
from tests.flows import BIG, open_business, posted_then_f6, signed_in
from tests.ledger_support import contact_change, on_shift
from tests.pilot import burst, make_app, screen_text, settle
from tests.printing_support import fake_printer, pdf_text, prepare_receipt
from workstation.db.ledger import PrintRecord


async def test_f6_after_posting_saves_the_receipt_and_says_where(station, tmp_path):
    on_shift(station, "T001")
    app = make_app(station)
    async with app.run_test(size=BIG) as pilot:
        await posted_then_f6(pilot)
        path = station.config.output.folder / "SH01-20261127-01-00001-receipt.pdf"
        assert path.exists()
        assert "已保存为 PDF" in screen_text(app) and str(path) in screen_text(app)
        text = pdf_text(path)
        assert "SH01-20261127-01-00001" in text and "联系方式变更" in text


async def test_reprint_from_the_journal_asks_a_reason_and_marks_reprint(station):
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    prepare_receipt(station, posted.serial, teller)  # printed once already
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await pilot.press("f5")
        await settle(pilot)
        await burst(pilot, posted.serial, "<enter>")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PostingDetailScreen)
        await pilot.press("f6")
        await pilot.pause()
        assert "重打原因" in screen_text(app)
        await burst(pilot, "客户遗失回单", "<enter>")
        await settle(pilot)
        reprints = list(station.config.output.folder.glob("*reprint*.pdf"))
        assert len(reprints) == 1
        text = pdf_text(reprints[0])
        assert "重打" in text and "REPRINT" in text and "客户遗失回单" in text


async def test_f7_prints_the_sample_form_from_the_form_screen(station):
    async with signed_in(station, "T001", BIG) as pilot:
        await open_business(pilot, "tb")
        await pilot.press("f7")
        await settle(pilot)
        [sample] = station.config.output.folder.glob("sample-3101-*.pdf")
        text = pdf_text(sample)
        assert "样例" in text and "SAMPLE" in text and "110105198001010016" in text


async def test_f6_sends_the_same_pdf_again_after_the_printer_failed(station, tmp_path, monkeypatch):
    """The printer refuses: the PDF stays; F6 sends that file again, not a reprint."""
    fixed = tmp_path / "fixed"
    jam = f'[ -e {fixed} ] || {{ echo "lp: paper jam" >&2; exit 1; }}; printf "%s\\n" "$@" > '
    log = fake_printer(station, tmp_path, monkeypatch, jam + str(tmp_path / "lp.log"))
    on_shift(station, "T001")
    app = make_app(station)
    async with app.run_test(size=BIG) as pilot:
        await posted_then_f6(pilot)
        assert "打印失败：" in screen_text(app) and "paper jam" in screen_text(app)
        fixed.touch()  # the jam is cleared
        await pilot.press("f6")
        await settle(pilot)
        assert "已送打印机 PDF" in screen_text(app)
    path = station.config.output.folder / "SH01-20261127-01-00001-receipt.pdf"
    assert log.read_text().split()[-3:] == ["-o", "media=A5", str(path)]
    assert [p.name for p in station.config.output.folder.glob("*.pdf")] == [path.name]
    with station.db.read() as s:
        assert [(r.print_no, r.status) for r in s.scalars(select(PrintRecord))] == [(1, "printed")]
