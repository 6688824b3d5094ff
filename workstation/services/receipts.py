"""Receipts (业务回单): what a posting's receipt says, each print recorded, checkable later.

The first print needs no reason; every reprint does, is counted and is
journaled once its PDF is saved. A print that could not be saved is journaled
as failed and tried again under its own number. The QR code carries the
serial and an HMAC digest, so anyone with the journal key
(``workstation receipt verify``) can tell a real receipt.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from forms.search import TemplateIndex
from workstation.db.engine import Database
from workstation.db.ledger import Posting, PrintRecord, receipt_pending
from workstation.db.models import Staff
from workstation.db.tills import Shift
from workstation.domain.capitals import amount_in_words
from workstation.domain.clock import Clock, stamp
from workstation.domain.flows import Direction
from workstation.domain.i18n import Catalog, Msg, msg
from workstation.domain.identity import mask_resident_id
from workstation.domain.masking import MASKERS
from workstation.domain.money import from_fen
from workstation.domain.prints import RECEIPT_EVENTS, DocumentKind, PrintTicket
from workstation.domain.statuses import ShiftStatus
from workstation.services.auth import SignedIn
from workstation.services.calendar import current_business_date
from workstation.services.inquiry import Inquiry
from workstation.services.journal import Journal, Where
from workstation.services.overrides import approvals_of
from workstation.services.posting import PostingRefused
from workstation.services.print_log import PrintLog, begin_print
from workstation.services.receipt_data import ApprovalLine, Bilingual, ReceiptData, ReceiptLine

ZH, EN = Catalog.load("zh"), Catalog.load("en")
PAYLOAD_VERSION = "CW1"


def _both(key: str) -> Bilingual:
    return Bilingual(ZH(key), EN(key))


@dataclass(frozen=True)
class Verification:
    ok: bool
    serial: str | None
    problem: Msg | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Unprinted:
    """A receipt of the day that never came out: no print yet, or its PDF could not be saved."""

    serial: str
    template_code: str
    teller_id: str
    posted_at: datetime
    failed: bool
    """A print was tried and its PDF could not be saved."""


class Named(Protocol):
    """A branch or a counter (``workstation.station.Place``)."""

    @property
    def code(self) -> str: ...
    @property
    def name_zh(self) -> str: ...
    @property
    def name_en(self) -> str: ...


class ReceiptService(PrintLog[PrintRecord]):
    events = RECEIPT_EVENTS

    def __init__(
        self,
        db: Database,
        journal: Journal,
        key: bytes,
        clock: Clock,
        templates: TemplateIndex,
        inquiry: Inquiry,
        branch: Named,
        counter: Named,
    ) -> None:
        self.db, self.journal, self.clock, self.templates = db, journal, clock, templates
        self.inquiry = inquiry
        self.branch, self.counter = branch, counter
        self._key = receipt_key(key)

    def digest(self, serial: str, business_date: str, amount_fen: int | None) -> str:
        return receipt_digest(self._key, serial, business_date, amount_fen)

    def begin(self, kind: str, ref: str, who: SignedIn, reason: str | None = None) -> PrintTicket:
        """Number a print of the receipt of posting ``ref`` (its serial); :meth:`saved` or
        :meth:`failed` ends it.

        A reprint needs a reason. A print whose PDF could not be saved is
        tried again under its own number: no reason, not marked as a reprint.
        """
        if kind != DocumentKind.RECEIPT:
            raise ValueError(f"receipts keep receipts, not {kind!r}")
        self.inquiry.detail(who, ref)  # may this person see it? (raises if not)
        with self.db.write() as s:
            posting = s.scalars(select(Posting).where(Posting.serial == ref)).one()
            last = s.scalar(
                select(PrintRecord)
                .where(PrintRecord.posting_id == posting.id)
                .order_by(PrintRecord.print_no.desc())
                .limit(1)
            )
            record = begin_print(
                s,
                last,
                lambda no, why: PrintRecord(posting_id=posting.id, print_no=no, reason=why),
                who,
                self.clock.now(),
                reason,
                lambda: PostingRefused("receipt.reason_needed", serial=ref),
            )
            record.counter = self.counter.code
            s.flush()
            return PrintTicket(kind, ref, record.id, record.print_no, record.reason)

    def unprinted(self, who: SignedIn, this_shift: bool = False) -> list[Unprinted]:
        """The day's receipts of this teller and of this counter that were never printed, or
        whose last print could not be saved, oldest first; with ``this_shift``, those of the
        teller's open shift at this counter. Printing one is a first print (or the retry of
        one): no reason. A PDF the printer refused is saved: F6 sends it again, where a later
        print is a reprint."""
        mine = who.staff.staff_id
        with self.db.read() as s:
            day = current_business_date(s, self.clock, self.branch.code)
            ours = or_(Posting.teller_id == mine, Posting.counter == self.counter.code)
            tried = exists().where(PrintRecord.posting_id == Posting.id)  # and failed unsaved
            query = (
                select(Posting, tried)
                .where(Posting.branch_code == self.branch.code, Posting.business_date == day)
                .where(ours, receipt_pending())
                .order_by(Posting.posted_at, Posting.id)
            )
            if this_shift:
                shift = select(Shift.id).where(
                    Shift.branch_code == self.branch.code,
                    Shift.counter == self.counter.code,
                    Shift.business_date == day,
                    Shift.teller_id == mine,
                    Shift.status == ShiftStatus.OPEN,
                )
                query = query.where(Posting.shift_id.in_(shift))
            return [
                Unprinted(p.serial, p.template_code, p.teller_id, p.posted_at, failed)
                for p, failed in s.execute(query)
            ]

    def pending(self, serial: str) -> bool:
        """Whether posting ``serial``'s receipt is still to print (its first print needs
        no reason; see ``receipt_pending``)."""
        with self.db.read() as s:
            query = select(Posting.id).where(Posting.serial == serial, receipt_pending())
            return s.scalar(query) is not None

    def receipt(
        self, serial: str, print_no: int = 1, reprint_reason: str | None = None
    ) -> ReceiptData:
        """What the receipt of posting ``serial`` says (as print ``print_no``)."""
        with self.db.read() as s:
            posting = s.scalars(select(Posting).where(Posting.serial == serial)).one()
            return self._data(s, posting, print_no, reprint_reason)

    def _row(self, s: Session, ticket: PrintTicket) -> PrintRecord:
        return s.get_one(PrintRecord, ticket.print_id)

    def _entry(self, ticket: PrintTicket, record: PrintRecord) -> tuple[dict[str, object], Where]:
        return {"serial": ticket.ref}, Where(self.branch.code, record.counter, record.staff_id)

    def _data(
        self, s: Session, posting: Posting, print_no: int, reprint_reason: str | None
    ) -> ReceiptData:
        template = self.templates.by_code(posting.template_code)
        types = {f.key: f.type for f in template.fields} if template else {}
        stored = {line["key"]: line for line in json.loads(posting.submission)}
        keys = [r.field for r in template.receipt] if template else list(stored)
        lines = []
        for key in keys:
            line = stored.get(key)
            if line is None:
                continue
            value = line["zh"] if line["zh"] == line["en"] else f"{line['zh']} / {line['en']}"
            if mask := MASKERS.get(types.get(key, "")):
                value = mask(value.replace(" ", ""))
            lines.append(ReceiptLine(Bilingual(line["label_zh"], line["label_en"]), value))
        original = None
        if posting.reversal_of:
            original = s.get_one(Posting, posting.reversal_of).serial
        amount = None if posting.amount_fen is None else from_fen(abs(posting.amount_fen))
        direction = Direction(posting.direction)
        if original:  # a reversal moves the money back
            direction = direction.reversed()
        teller = s.get_one(Staff, posting.teller_id)
        approvals = tuple(
            ApprovalLine(
                a.approver_name,
                a.approver_id,
                a.level,
                _both(f"override.mode.{a.mode}"),
                _both(f"override.reason.{a.reason_code}"),
            )
            for a in approvals_of(s, posting.id)
        )
        day = posting.business_date.isoformat()
        return ReceiptData(
            branch_code=posting.branch_code,
            branch=Bilingual(self.branch.name_zh, self.branch.name_en),
            counter=Bilingual(self.counter.name_zh, self.counter.name_en),
            serial=posting.serial,
            business_date=day,
            posted_at=stamp(posting.posted_at, self.clock.zone),
            business=Bilingual(template.name.zh, template.name.en)
            if template
            else Bilingual(posting.template_code, posting.template_code),
            template_code=posting.template_code,
            policy_no=posting.policy_no,
            customer_name=posting.customer_name,
            customer_id_masked=mask_resident_id(posting.customer_id_number)
            if posting.customer_id_number
            else None,
            lines=tuple(lines),
            amount=amount,
            amount_in_words=None if amount is None else amount_in_words(amount),
            direction=None if direction == "none" else _both(f"direction.{direction}"),
            method=_both(f"method.{posting.method}") if posting.method else None,
            teller_name=teller.name,
            teller_id=teller.staff_id,
            approvals=approvals,
            signature=bool(template and template.signature),
            reversal_of=original,
            reversal_reason=posting.reason if original else None,
            print_no=print_no,
            reprint_reason=reprint_reason if print_no > 1 else None,
            qr_payload=f"{PAYLOAD_VERSION}|{posting.serial}|"
            f"{self.digest(posting.serial, day, posting.amount_fen)}",
        )

    def verify(self, payload: str) -> Verification:
        return verify_receipt(self.db, self._key, payload)


def receipt_key(journal_key: bytes) -> bytes:
    """A key of its own for receipts, derived from the journal key."""
    return hmac.new(journal_key, b"receipt", hashlib.sha256).digest()


def receipt_digest(key: bytes, serial: str, business_date: str, amount_fen: int | None) -> str:
    text = f"{serial}|{business_date}|{amount_fen or 0}".encode()
    return hmac.new(key, text, hashlib.sha256).hexdigest()[:20]


def verify_receipt(db: Database, key: bytes, payload: str) -> Verification:
    """Check a receipt's QR payload (``CW1|serial|digest``) against the ledger."""
    parts = payload.strip().split("|")
    if len(parts) != 3 or parts[0] != PAYLOAD_VERSION:
        return Verification(False, None, msg("receipt.bad_payload"))
    _, serial, digest = parts
    with db.read() as s:
        posting = s.scalar(select(Posting).where(Posting.serial == serial))
        if posting is None:
            return Verification(False, serial, msg("receipt.unknown", serial=serial))
        day = posting.business_date.isoformat()
        expected = receipt_digest(key, serial, day, posting.amount_fen)
        if not hmac.compare_digest(expected, digest):
            return Verification(False, serial, msg("receipt.forged", serial=serial))
        amount = "" if posting.amount_fen is None else f" ¥{from_fen(abs(posting.amount_fen))}"
        summary = f"{serial} {day} {posting.template_code} {posting.policy_no or ''}{amount}"
        return Verification(True, serial, summary=f"{summary} · {posting.status}")
