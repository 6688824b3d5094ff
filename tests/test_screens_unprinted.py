"""Pilot (issue 16.8): a receipt whose print failed is named on the till's before-close list
and on the next posted screen; F7 there prints it as a first print: no reason, no REPRINT."""

from __future__ import annotations

import pytest

from printing.output import SaveFailed
from printing.pipeline import print_document
from screens.dialogs.reason import ReasonModal
from screens.posted import PostedScreen
from screens.till import TillScreen
from tests.flows import post_contact_change
from tests.ledger_support import contact_change, on_shift, post_acknowledged
from tests.pilot import make_app, press_to, ready, screen_text, settle, sign_in
from tests.printing_support import pdf_text
from workstation.domain.prints import DocumentKind

FIRST, SECOND = "SH01-20261127-01-00001", "SH01-20261127-01-00002"


async def test_a_receipt_whose_print_failed_is_listed_and_printed_later_without_a_reason(
    station, tmp_path
):
    teller = on_shift(station, "T001")
    post_acknowledged(station, contact_change(station), teller)
    (tmp_path / "share").write_text("a file, not a folder")  # the output folder cannot be made
    broken = station.config.output.model_copy(update={"folder": tmp_path / "share" / "out"})
    folder = station.config.output.folder
    station.config = station.config.model_copy(update={"output": broken})
    with pytest.raises(SaveFailed):
        print_document(station, teller, DocumentKind.RECEIPT, FIRST)
    station.config = station.config.model_copy(
        update={"output": broken.model_copy(update={"folder": folder})}
    )
    app = make_app(station)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await sign_in(pilot, "T001", "demo1234")
        await press_to(pilot, "f6", TillScreen)
        await settle(pilot)
        text = screen_text(app)
        assert "尚未打印的回单 1 张" in text and f"{FIRST} · 2001" in text and "打印失败" in text
        await pilot.press("escape")
        await settle(pilot)
        await post_contact_change(pilot)
        assert isinstance(app.screen, PostedScreen)
        await settle(pilot)
        assert "本班尚未打印的回单" in screen_text(app) and FIRST in screen_text(app)
        await pilot.press("f7")
        await settle(pilot)
        await settle(pilot)
        assert not isinstance(app.screen, ReasonModal)
        assert "本班尚未打印的回单" not in screen_text(app)
        # from the journal (F5, a posting's detail), F6 on a receipt never printed prints it
        # as its first print: no reason asked either
        app.nav.open_posting(SECOND)
        await settle(pilot)
        assert station.receipts.pending(SECOND)
        await pilot.press("f6")
        await settle(pilot)
        await settle(pilot)
        assert not isinstance(app.screen, ReasonModal) and not station.receipts.pending(SECOND)
        await pilot.press("f6")  # printed now: again is a reprint, with a reason
        await settle(pilot)
        assert isinstance(app.screen, ReasonModal)
    text = pdf_text(folder / f"{FIRST}-receipt.pdf")
    assert "REPRINT" not in text and "重打" not in text
    assert station.receipts.unprinted(teller) == []
    assert "REPRINT" not in pdf_text(folder / f"{SECOND}-receipt.pdf")
