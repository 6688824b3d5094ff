"""A print that cannot be saved is recorded and journaled as failed, and retried, not reprinted."""

from __future__ import annotations

import errno

import pytest
from sqlalchemy import select

from printing.output import SaveFailed
from printing.pipeline import print_document
from tests.faults import fill, os_call_fails, read_only, tiny_disk
from tests.ledger_support import contact_change, journal_payloads, on_shift
from workstation.db.ledger import PrintRecord
from workstation.db.tills import DocumentPrint
from workstation.domain.cash import Count
from workstation.domain.i18n import Catalog
from workstation.domain.prints import DocumentKind

pytestmark = pytest.mark.db
EN, ZH = Catalog.load("en"), Catalog.load("zh")


def _output(station, folder) -> None:
    station.config = station.config.model_copy(
        update={"output": station.config.output.model_copy(update={"folder": folder})}
    )


def _missing(station, tmp_path, monkeypatch):
    """The folder cannot be made: a file stands where its parent should be (real, no patch)."""
    (tmp_path / "share").write_text("a file, not a folder")
    return tmp_path / "share" / "out", "Not a directory"


def _read_only(station, tmp_path, monkeypatch):
    """Read-only folder: os.open (under tempfile.mkstemp) gives the real EROFS."""
    folder = tmp_path / "out"
    folder.mkdir()
    os_call_fails(monkeypatch, "open", folder, errno.EROFS)
    return folder, "Read-only file system"


def _full(station, tmp_path, monkeypatch):
    """Full disk: os.fsync of the PDF gives the real ENOSPC."""
    folder = tmp_path / "out"
    folder.mkdir()
    os_call_fails(monkeypatch, "fsync", folder, errno.ENOSPC)
    return folder, "No space left on device"


def _repair(station, folder, monkeypatch) -> None:
    monkeypatch.undo()
    if folder.parent.is_file():
        folder.parent.unlink()


FAULTS = [_missing, _read_only, _full]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__.strip("_"))
def test_a_receipt_that_cannot_be_saved_is_a_failed_print_and_is_retried(
    station, tmp_path, monkeypatch, fault
):
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    folder, said = fault(station, tmp_path, monkeypatch)
    _output(station, folder)
    with pytest.raises(SaveFailed) as failed:
        print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
    line = EN(failed.value.msg)
    assert said in line and str(folder) in line and "print again" in line
    assert "\n" not in line and ZH(failed.value.msg) != line
    with station.db.read() as s:
        record = s.scalars(select(PrintRecord)).one()
        assert (record.status, record.path, record.print_no) == ("failed", None, 1)
        assert said in record.error
    assert journal_payloads(station, "receipt_printed") == []
    [journaled] = journal_payloads(station, "receipt_print_failed")
    assert journaled["serial"] == posted.serial and journaled["print_no"] == 1
    assert not (folder.exists() and list(folder.iterdir()))  # no half file left behind

    _repair(station, folder, monkeypatch)
    outcome = print_document(
        station, teller, DocumentKind.RECEIPT, posted.serial
    )  # no reason: not a reprint
    assert outcome.path == folder / f"{posted.serial}-receipt.pdf" and outcome.path.exists()
    assert outcome.print_no == 1
    with station.db.read() as s:
        record = s.scalars(select(PrintRecord)).one()
        assert (record.status, record.print_no, record.error) == ("saved", 1, None)
    assert journal_payloads(station, "receipt_printed") == [
        {"serial": posted.serial, "print_no": 1, "reason": None}
    ]
    assert journal_payloads(station, "receipt_reprinted") == []
    assert station.journal.verify(station.db).ok


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__.strip("_"))
def test_a_till_document_that_cannot_be_saved_is_a_failed_print_and_is_retried(
    station, tmp_path, monkeypatch, fault
):
    teller = on_shift(station, "T001")
    _view, transfer = station.till.vault_transfer(
        teller, "from_vault", Count.of(y100=10), "S001", "demo1234"
    )
    folder, said = fault(station, tmp_path, monkeypatch)
    _output(station, folder)
    with pytest.raises(SaveFailed) as failed:
        print_document(station, teller, "vault_slip", str(transfer))
    assert said in EN(failed.value.msg)
    [ref] = station.documents.of_today(teller)
    assert ref.failed and ref.prints == 1
    assert journal_payloads(station, "document_printed") == []
    [journaled] = journal_payloads(station, "document_print_failed")
    assert journaled["print_no"] == 1 and said in journaled["error"]

    _repair(station, folder, monkeypatch)
    outcome = print_document(station, teller, "vault_slip", str(transfer))
    assert outcome.print_no == 1 and outcome.path.exists() and "reprint" not in outcome.path.name
    with station.db.read() as s:
        prints = s.scalars(select(DocumentPrint)).all()
    assert [(p.print_no, p.status, p.reason) for p in prints] == [(1, "saved", None)]
    assert [p["print_no"] for p in journal_payloads(station, "document_printed")] == [1]
    assert station.journal.verify(station.db).ok


def test_a_reprint_that_fails_keeps_its_reason_when_retried(station, tmp_path, monkeypatch):
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
    folder, _said = _full(station, tmp_path, monkeypatch)
    _output(station, folder)
    with pytest.raises(SaveFailed):
        print_document(station, teller, DocumentKind.RECEIPT, posted.serial, "客户遗失回单")
    _repair(station, folder, monkeypatch)
    outcome = print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
    assert outcome.print_no == 2 and outcome.path.name.endswith("-receipt-reprint1.pdf")
    assert journal_payloads(station, "receipt_reprinted") == [
        {"serial": posted.serial, "print_no": 2, "reason": "客户遗失回单"}
    ]


def test_a_read_only_output_mount_and_a_full_disk_are_failed_prints(station, tmp_path):
    """The real thing: a read-only bind mount, then a full tmpfs (skipped where mount is denied)."""
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    folder = tmp_path / "out"
    folder.mkdir()
    _output(station, folder)
    with read_only(folder), pytest.raises(SaveFailed) as failed:
        print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
    assert "Read-only file system" in EN(failed.value.msg)
    with tiny_disk(folder, "64k"):
        fill(folder)
        with pytest.raises(SaveFailed) as full:
            print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
        assert "No space left on device" in EN(full.value.msg)
        (folder / "filler").unlink()
        assert print_document(station, teller, DocumentKind.RECEIPT, posted.serial).print_no == 1
    failures = journal_payloads(station, "receipt_print_failed")
    assert [f["print_no"] for f in failures] == [1, 1]
    assert [p["print_no"] for p in journal_payloads(station, "receipt_printed")] == [1]
