"""What a printed receipt says, as plain data: the printing layer lays it out.

Everything personal is masked here already (resident IDs, bank cards,
phones); the full numbers never reach paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bilingual:
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class ReceiptLine:
    label: Bilingual
    value: str
    """Already masked where the field is an ID, a card or a phone."""


@dataclass(frozen=True)
class ApprovalLine:
    name: str
    staff_id: str
    level: int
    mode: Bilingual
    """本地 local / 远程 remote."""
    reason: Bilingual


@dataclass(frozen=True)
class ReceiptData:
    branch_code: str
    branch: Bilingual
    counter: Bilingual
    serial: str
    business_date: str
    """YYYY-MM-DD."""
    posted_at: str
    """Local time, YYYY-MM-DD HH:MM:SS."""
    business: Bilingual
    """The business type's name, e.g. 退保 / Surrender."""
    template_code: str
    policy_no: str | None
    customer_name: str | None
    customer_id_masked: str | None
    lines: tuple[ReceiptLine, ...]
    """The template's receipt lines."""
    amount: Decimal | None
    """Always positive; ``direction`` says which way (a reversal gives the money back)."""
    amount_in_words: str | None
    """人民币捌万陆仟肆佰元整."""
    direction: Bilingual | None
    """收款 money in / 付款 money out."""
    method: Bilingual | None
    teller_name: str
    teller_id: str
    approvals: tuple[ApprovalLine, ...]
    signature: bool
    """Whether the customer signs the receipt."""
    reversal_of: str | None
    """For a reversal receipt: the serial of the posting it reverses."""
    reversal_reason: str | None
    print_no: int
    """1 for the first print; n > 1 for the (n-1)th reprint."""
    reprint_reason: str | None
    qr_payload: str
    """``CW1|<serial>|<digest>``: checked with ``workstation receipt verify``."""

    @property
    def reprint(self) -> bool:
        return self.print_no > 1

    @property
    def reprint_count(self) -> int:
        """How many times reprinted, this one included (0 for the first print)."""
        return self.print_no - 1


@dataclass(frozen=True)
class BranchHeader:
    """The header of every page a branch prints."""

    branch_code: str
    branch: Bilingual
    counter: Bilingual | None = None


@dataclass(frozen=True, kw_only=True)
class FirstPrint:
    """The figures of a printout, as for its first print: the print pipeline
    (``printing.registry.Document.numbered``) puts a reprint's number and reason in."""

    print_no: int = 1
    reprint_reason: str | None = None
