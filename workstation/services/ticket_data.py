"""What a queue ticket (排队号票) says, as plain data: :mod:`printing.ticket` lays it out.

Nothing personal is on it: the lobby may look at an ID to suggest a priority,
but the ticket carries only the service, the number and what to bring.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.services.receipt_data import Bilingual, BranchHeader, FirstPrint


@dataclass(frozen=True)
class TicketSlip(FirstPrint):
    header: BranchHeader
    ticket_id: int
    label: str
    """The number the display calls: ``A012``."""
    business_date: str
    """YYYY-MM-DD."""
    issued_at: str
    """Local time (the branch's zone), YYYY-MM-DD HH:MM:SS."""
    service: Bilingual
    zone: Bilingual
    priority: Bilingual | None
    """None for a ticket without priority."""
    ahead: int
    """People waiting before this ticket, by the queue rule."""
    estimate_minutes: int
    documents: tuple[Bilingual, ...]
    """What to have ready (the business's checklist)."""
    service_phone: str
    opinion_book: Bilingual
    """Where the opinion book (意见簿) is."""
