"""What the lobby can pick when it types: a queue service, or a business and the service that
covers it (``tb`` → 退保 under 保全), found with the picker's search (``forms/search.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forms.branch_pack import ServiceSpec
from forms.schema import Template
from forms.search import TemplateIndex


@dataclass(frozen=True)
class ServiceChoice:
    """A service to queue for and, when the customer named one, the business they come for."""

    service: ServiceSpec
    business: Template | None = None

    @property
    def id(self) -> str:
        """An option's id: ``non_cash:3101``, or ``cash:`` for the service alone."""
        return f"{self.service.key}:{self.business.code if self.business else ''}"

    def prompt(self, lang: str) -> str:
        """``B 保全  3101 退保``: the prefix and the service, then the business if any."""
        service = self.service
        text = f"{service.prefix}  {service.name(lang)}"
        if self.business is not None:
            business = self.business
            text += f"  [dim]·[/dim]  {business.code} {business.name.get(lang)}"
        return text

    def documents(self, lang: str) -> list[str]:
        """What to bring for the business (its checklist, not an agent's extras)."""
        if self.business is None:
            return []
        return [d.label.get(lang) for d in self.business.documents if d.when != "agent"]


def find(
    text: str,
    templates: TemplateIndex,
    services: Sequence[ServiceSpec],
    matched: Sequence[ServiceSpec],
) -> list[ServiceChoice]:
    """Businesses that match ``text`` under each service covering them, then the services
    ``matched`` (the queue's own search) not listed yet; nothing typed: every service."""
    if not text.strip():
        return [ServiceChoice(service) for service in services]
    found = [
        ServiceChoice(service, template)
        for template in templates.search(text)
        for service in services
        if template.code in service.businesses
    ]
    listed = {choice.service.key for choice in found}
    return found + [ServiceChoice(s) for s in matched if s.key not in listed]
