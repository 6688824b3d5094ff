"""Service prompts (来有迎声，问有答声，走有送声): what the teller says at call, start and finish.

The texts are the service pack's (``[prompts]``); on start the teller also sees
the documents of the ticket's business: the business the lobby issued it for
(the ``issue`` event's detail), or every business of its service, read from the
templates' checklists as the lobby's ticket lists them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import select

from forms.branch_pack import BranchPack
from forms.schema import Text
from forms.search import TemplateIndex
from forms.service_pack import Prompts
from workstation.db.engine import Database
from workstation.db.queue import Ticket, TicketEvent
from workstation.domain.queue import TicketEventKind
from workstation.services.queue import CHECKLIST


class PromptService:
    def __init__(
        self, db: Database, templates: TemplateIndex, pack: BranchPack, prompts: Prompts
    ) -> None:
        self.db, self.templates, self.pack, self.prompts = db, templates, pack, prompts

    def greeting(self, ticket: str) -> Text:
        return self.prompts.greet(ticket)

    def first_ask(self) -> Text:
        return self.prompts.first_ask

    def farewell(self) -> Text:
        return self.prompts.farewell

    def documents(self, ticket_id: int) -> tuple[Text, ...]:
        """What the customer of ticket ``ticket_id`` should have brought."""
        with self.db.read() as s:
            ticket = s.get(Ticket, ticket_id)
            detail = s.scalar(
                select(TicketEvent.detail)
                .where(
                    TicketEvent.ticket_id == ticket_id,
                    TicketEvent.kind == str(TicketEventKind.ISSUE),
                )
                .limit(1)
            )
        if ticket is None:
            return ()
        business = json.loads(detail or "{}").get("business")
        spec = self.pack.service(ticket.service)
        codes = (business,) if business else (spec.businesses if spec else ())
        return checklist(self.templates, codes)


def checklist(templates: TemplateIndex, codes: Iterable[str]) -> tuple[Text, ...]:
    """The documents every in-person customer of these businesses needs, each once."""
    found = [template for code in codes if (template := templates.by_code(code))]
    labels = [doc.label for t in found for doc in t.documents if doc.when in CHECKLIST]
    unique: dict[str, Text] = {}
    for label in labels:
        unique.setdefault(label.zh, label)
    return tuple(unique.values())
