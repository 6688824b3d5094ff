"""One registry, one pipeline: every kind has one entry; a new printout is one renderer and
one entry; the paper sent to the printer is the entry's."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from sqlalchemy import select

from printing.base import A4, A5, PageSetup, build_pdf, para
from printing.documents import DOCUMENTS
from printing.fonts import FontChoice, register
from printing.output import Media
from printing.pipeline import print_document, send_again
from printing.registry import Desk, Document, Registry
from printing.report_parts import marks
from printing.styles import styles
from tests.ledger_support import contact_change, journal_payloads, on_shift
from tests.printing_support import fake_printer, pdf_text
from workstation.db.ledger import PrintRecord
from workstation.db.tills import DocumentPrint
from workstation.domain.cash import Count
from workstation.domain.prints import DocumentKind
from workstation.services.documents import DocumentRefused, teller_day_ref
from workstation.services.journal_audit import audit
from workstation.services.posting import PostingRefused
from workstation.services.receipt_data import Bilingual, BranchHeader

pytestmark = pytest.mark.db
PW = "demo1234"
PAPER = {Media.A4: A4, Media.A5: A5}


# -- a new printout, as a later issue would add it: this renderer and one entry --------


@dataclass(frozen=True)
class Note:
    header: BranchHeader
    ref: str
    print_no: int = 1
    reprint_reason: str | None = None


def render_note(data: Note, font: FontChoice) -> bytes:
    name = register(font)
    setup = PageSetup(data.header, Bilingual("便笺", "Note"), name, A5, 10 * mm)
    body = para(f"便笺 {data.ref} Note {data.ref}", styles(name)["body"])
    return build_pdf(setup, [*marks(name, data.print_no, data.reprint_reason), body])


def load_note(desk: Desk, ref: str) -> Note:
    return Note(desk.reports.header(), ref)


NOTE = Document(
    "note",
    load=load_note,
    render=render_note,
    media=Media.A5,
    file_key=lambda d: f"{d.header.branch_code}-note{d.ref}",
)


def _media(log: Path) -> list[str]:
    return [line.removeprefix("media=") for line in log.read_text().split() if "media=" in line]


def _slip(station, teller) -> int:
    """¥1,000 drawn from the vault, approved by S001: the transfer's id."""
    _view, transfer = station.till.vault_transfer(
        teller, "from_vault", Count.of(y100=10), "S001", PW
    )
    return transfer


def test_every_document_kind_has_exactly_one_entry_with_a_loader_renderer_and_media():
    assert sorted(DOCUMENTS.kinds()) == sorted(DocumentKind)
    for kind in DocumentKind:
        entry = DOCUMENTS[kind]
        assert entry.kind == kind and isinstance(entry.media, Media)
        assert callable(entry.load) and callable(entry.render) and callable(entry.file_key)
    with pytest.raises(ValueError, match="two entries"):
        DOCUMENTS.adding(dataclasses.replace(NOTE, kind=DocumentKind.VAULT_SLIP))


def test_a_new_printout_is_one_renderer_and_one_entry(station, station2, tmp_path, monkeypatch):
    """Numbered, journaled, named, sent on its paper and matched by the audit: by the pipeline."""
    log = fake_printer(station2, tmp_path, monkeypatch)
    registry = DOCUMENTS.adding(NOTE)
    supervisor = station2.auth.sign_in("S001", PW)
    teller = on_shift(station, "T001")

    first = print_document(station2, supervisor, "note", "7", registry=registry)
    again = print_document(station2, supervisor, "note", "7", "客户要求", registry=registry)

    assert first.path.name == "SH01-note7-note.pdf" and first.printed
    assert again.path.name == "SH01-note7-note-reprint1.pdf" and again.print_no == 2
    assert "Note 7" in pdf_text(first.path) and "REPRINT" not in pdf_text(first.path)
    assert "重打 REPRINT" in pdf_text(again.path) and "客户要求" in pdf_text(again.path)
    assert _media(log) == ["A5", "A5"]
    with station.db.read() as s:
        rows = s.scalars(select(DocumentPrint).where(DocumentPrint.kind == "note")).all()
    assert [(r.ref, r.print_no, r.status, r.reason) for r in rows] == [
        ("7", 1, "printed", None),
        ("7", 2, "printed", "客户要求"),
    ]
    assert journal_payloads(station, "document_printed") == [
        {"kind": "note", "ref": "7", "print_no": 1, "reason": None}
    ]
    assert journal_payloads(station, "document_reprinted") == [
        {"kind": "note", "ref": "7", "print_no": 2, "reason": "客户要求"}
    ]
    assert audit(station.db).ok and station.journal.verify(station.db).ok
    with pytest.raises(DocumentRefused) as refused:  # like any report: a supervisor's
        print_document(station, teller, "note", "8", registry=registry)
    assert refused.value.msg.key == "document.not_yours"
    with pytest.raises(DocumentRefused) as unknown:  # the house registry has no notes
        print_document(station2, supervisor, "note", "9")
    assert unknown.value.msg.key == "document.unknown_kind"


def test_the_paper_sent_to_the_printer_is_the_registry_entrys(
    station, station2, tmp_path, monkeypatch
):
    """Receipt and vault slip A5; sample form, handover and the day's reports A4; each PDF is
    laid out on the paper it is sent on."""
    log = fake_printer(station, tmp_path, monkeypatch)
    station2.config = station.config
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    transfer = _slip(station, teller)
    box = Count.of(y100=10)
    incoming, handover = station.closing.handover(teller, box, [], "T002", PW, box)
    station.closing.close(incoming, box)
    supervisor = station2.auth.sign_in("S001", PW)
    day = date.fromisoformat(station2.closing.close_branch(supervisor, PW))
    jobs = [
        (station, teller, DocumentKind.RECEIPT, posted.serial, Media.A5),
        (station, teller, DocumentKind.SAMPLE_FORM, "3101", Media.A4),
        (station, teller, DocumentKind.VAULT_SLIP, str(transfer), Media.A5),
        (station, incoming, DocumentKind.HANDOVER, str(handover.id), Media.A4),
        (station, incoming, DocumentKind.TELLER_DAY, teller_day_ref("T002", day), Media.A4),
        (station2, supervisor, DocumentKind.BRANCH_DAY, day.isoformat(), Media.A4),
    ]
    for desk, who, kind, ref, media in jobs:
        outcome = print_document(desk, who, kind, ref)
        assert outcome.printed and outcome.media == media, kind
        box_ = PdfReader(outcome.path).pages[0].mediabox
        assert sorted((float(box_.width), float(box_.height))) == pytest.approx(
            sorted(PAPER[media]), abs=0.5
        ), kind
    assert _media(log) == [media for *_, media in jobs]

    # The paper is the entry's, not guessed from the kind of print: an A4 receipt goes as A4.
    a4 = Registry(
        dataclasses.replace(e, media=Media.A4) if e.kind == DocumentKind.RECEIPT else e
        for e in DOCUMENTS
    )
    print_document(station, teller, DocumentKind.RECEIPT, posted.serial, "再打", registry=a4)
    assert _media(log)[-1] == "A4"


def test_a_printer_failure_keeps_the_pdf_and_sending_again_is_not_a_reprint(
    station, tmp_path, monkeypatch
):
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    fake_printer(station, tmp_path, monkeypatch, 'echo "lp: printer jammed" >&2; exit 1')
    failed = print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
    assert not failed.printed and failed.error.key == "printing.lp_failed"
    assert failed.path.exists()
    with station.db.read() as s:
        record = s.scalars(select(PrintRecord)).one()
        assert (record.status, record.printer, record.path) == ("failed", "PDF", str(failed.path))
        assert "printer jammed" in record.error
    log = fake_printer(station, tmp_path, monkeypatch)
    sent = send_again(station, failed)
    assert sent.printed and sent.path == failed.path and sent.print_no == 1
    assert _media(log) == ["A5"]
    with station.db.read() as s:
        record = s.scalars(select(PrintRecord)).one()
        assert (record.status, record.error) == ("printed", None)
    assert [p["print_no"] for p in journal_payloads(station, "receipt_printed")] == [1]
    with pytest.raises(PostingRefused) as refused:  # it was saved: printing again is a reprint
        print_document(station, teller, DocumentKind.RECEIPT, posted.serial)
    assert refused.value.msg.key == "receipt.reason_needed"


def test_a_till_document_the_printer_refused_is_kept_saved_and_reprinted_with_a_reason(
    station, tmp_path, monkeypatch
):
    """The printer's answer is kept on the document's print too; the saved PDF is not a retry."""
    teller = on_shift(station, "T001")
    transfer = _slip(station, teller)
    fake_printer(station, tmp_path, monkeypatch, 'echo "lp: offline" >&2; exit 1')
    outcome = print_document(station, teller, DocumentKind.VAULT_SLIP, str(transfer))
    assert outcome.error is not None and outcome.path.exists()
    with station.db.read() as s:
        record = s.scalars(select(DocumentPrint)).one()
        assert (record.status, record.path) == ("failed", str(outcome.path))
        assert "offline" in record.error
    [ref] = station.documents.of_today(teller)
    assert not ref.failed and ref.prints == 1
    with pytest.raises(DocumentRefused) as refused:
        print_document(station, teller, DocumentKind.VAULT_SLIP, str(transfer))
    assert refused.value.msg.key == "document.reason_needed"
    assert [p["print_no"] for p in journal_payloads(station, "document_printed")] == [1]
