"""What a printout is to the print pipeline: one :class:`Document` entry per kind.

An entry says where a document's figures come from (a service, through the
:class:`Desk`), how it is drawn, on what paper, under what file name, and which
service numbers and journals its prints (:class:`PrintBook`). The counter's
entries are in :mod:`printing.documents`; :mod:`printing.pipeline` prints any
entry the same way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from forms.search import TemplateIndex
from printing.fonts import FontChoice
from printing.output import Media
from workstation.config import Config
from workstation.domain.clock import Clock
from workstation.domain.prints import PrintTicket
from workstation.services.auth import SignedIn
from workstation.services.checklists import ChecklistService
from workstation.services.documents import DocumentRefused, DocumentService
from workstation.services.incidents import IncidentService
from workstation.services.opinions import OpinionService
from workstation.services.queue import QueueService
from workstation.services.receipt_data import FirstPrint as FirstPrint  # a sample form's base
from workstation.services.receipts import ReceiptService
from workstation.services.reports import ReportService
from workstation.services.staffing_plan import StaffingPlanService


class Desk(Protocol):
    """What printing uses of a station (:class:`workstation.station.Station` is one)."""

    config: Config
    clock: Clock
    templates: TemplateIndex
    receipts: ReceiptService
    documents: DocumentService
    reports: ReportService
    queue: QueueService
    checklists: ChecklistService
    opinions: OpinionService
    incidents: IncidentService
    staffing: StaffingPlanService


class PrintBook(Protocol):
    """The service that numbers a kind's prints and journals how each ended."""

    def begin(self, kind: str, ref: str, who: SignedIn, reason: str | None = None) -> PrintTicket:
        """Number a print (a reprint needs a reason; a failed unsaved print is retried)."""
        ...

    def saved(self, ticket: PrintTicket, path: str) -> None: ...
    def failed(self, ticket: PrintTicket, error: str) -> None: ...
    def sent(self, ticket: PrintTicket, printer: str, error: str | None = None) -> None: ...


class Numbered(Protocol):
    """A document's figures (a frozen dataclass) carry the number of the print they go on."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def print_no(self) -> int: ...
    @property
    def reprint_reason(self) -> str | None: ...


D = TypeVar("D", bound=Numbered)


def receipts(desk: Desk) -> PrintBook:
    """Receipts are numbered per posting."""
    return desk.receipts


def documents(desk: Desk) -> PrintBook:
    """Every other numbered document: per kind and ref."""
    return desk.documents


@dataclass(frozen=True)
class Document(Generic[D]):
    """One kind of printout."""

    kind: str
    load: Callable[[Desk, str], D]
    """The figures of document ``ref`` from a service, as for a first print."""
    render: Callable[[D, FontChoice], bytes]
    """The PDF, laid out on :attr:`media`."""
    media: Media
    file_key: Callable[[D], str]
    """The key of its file name: ``printing.output.pdf_name(kind, key, print_no)``."""
    book: Callable[[Desk], PrintBook] | None = documents
    """Who numbers and journals its prints; ``None``: not numbered (a sample form)."""

    def numbered(self, data: D, ticket: PrintTicket | None) -> D:
        """The figures as this print puts them on paper: its number and a reprint's reason."""
        if ticket is None:
            return data
        return dataclasses.replace(
            data, print_no=ticket.print_no, reprint_reason=ticket.reprint_reason
        )


class Registry:
    """Documents by kind; a kind has exactly one entry."""

    def __init__(self, entries: Iterable[Document[Any]]) -> None:
        self._by_kind: dict[str, Document[Any]] = {}
        for entry in entries:
            if entry.kind in self._by_kind:
                raise ValueError(f"two entries for the document kind {entry.kind!r}")
            self._by_kind[entry.kind] = entry

    def __getitem__(self, kind: str) -> Document[Any]:
        try:
            return self._by_kind[kind]
        except KeyError:
            raise DocumentRefused("document.unknown_kind", kind=kind) from None

    def __iter__(self) -> Iterator[Document[Any]]:
        return iter(self._by_kind.values())

    def __len__(self) -> int:
        return len(self._by_kind)

    def kinds(self) -> list[str]:
        return list(self._by_kind)

    def adding(self, *entries: Document[Any]) -> Registry:
        """These entries and ``entries`` (a kind already here is refused)."""
        return Registry([*self, *entries])
