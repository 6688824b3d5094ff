"""The figures of a queue ticket's printout (:class:`TicketSlip`), read through the queue service.

The loader of the ``ticket`` entry in ``printing/documents.py``. People ahead and
the wait are the queue's figures now: on the first print, the moment it was issued.
"""

from __future__ import annotations

from workstation.domain.i18n import Catalog, Msg
from workstation.domain.queue import Priority
from workstation.services.queue import QueueService
from workstation.services.receipt_data import Bilingual
from workstation.services.reports import ReportService
from workstation.services.ticket_data import TicketSlip

ZH, EN = Catalog.load("zh"), Catalog.load("en")


def both(text: Msg | str) -> Bilingual:
    """A message in both languages (a plain string reads the same in both)."""
    return Bilingual(text, text) if isinstance(text, str) else Bilingual(ZH(text), EN(text))


def ticket_slip(queue: QueueService, reports: ReportService, ticket_id: int) -> TicketSlip:
    """Ticket ``ticket_id`` as it is printed: no personal data, times in the branch's zone."""
    issued = queue.issued(ticket_id)
    ticket = issued.ticket
    pack = queue.pack
    service = pack.service(ticket.service)
    zone = next((z for z in pack.zones if service is not None and z.key == service.zone), None)
    return TicketSlip(
        header=reports.header(),
        ticket_id=ticket.id,
        label=ticket.label,
        business_date=issued.business_date,
        issued_at=reports.stamp(ticket.arrived_at),
        service=Bilingual(ticket.service_name_zh, ticket.service_name_en),
        zone=Bilingual(zone.name_zh, zone.name_en) if zone else Bilingual("", ""),
        priority=None if ticket.priority is Priority.NONE else both(ticket.priority.label),
        ahead=issued.ahead,
        estimate_minutes=issued.estimate_minutes,
        documents=tuple(both(document) for document in issued.documents),
        service_phone=issued.service_phone,
        opinion_book=both(issued.opinion_book),
    )
