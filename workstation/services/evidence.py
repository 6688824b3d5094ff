"""What a supervisor sees before approving: one shape for a posting and a reversal.

The services build it (``PostingService.ask``, ``ReversalService.ask``) as the
context of an :class:`~workstation.services.overrides.Ask`; the approval keeps it
in full as its evidence. :meth:`Evidence.of` gives what a screen shows: resident
IDs, cards and phones masked unless a supervisor revealed them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from forms.schema import Template
from workstation.db.ledger import Posting
from workstation.domain.capitals import amount_in_words
from workstation.domain.flows import Direction
from workstation.domain.i18n import Catalog
from workstation.domain.identity import mask_resident_id
from workstation.domain.masking import mask_value
from workstation.domain.money import from_fen
from workstation.domain.statuses import Purpose
from workstation.services.auth import SignedIn
from workstation.services.receipt_data import Bilingual
from workstation.services.risk.engine import Assessment
from workstation.services.risk.model import Finding, RiskContext
from workstation.services.risk.service import customer_name_of, customer_of, id_check
from workstation.services.submission import Submission

ZH, EN = Catalog.load("zh"), Catalog.load("en")


@dataclass(frozen=True)
class Line:
    label: Bilingual
    value: Bilingual


@dataclass(frozen=True)
class FindingLine:
    severity: str
    """block, authorize, warn or info."""
    level: int
    text: Bilingual
    """The finding and its reason, as the teller saw it."""


@dataclass(frozen=True)
class Evidence:
    """What is asked, for whom, by whom: everything the approval dialog shows."""

    purpose: str
    """posting or reversal."""
    template: str
    business: Bilingual
    serial: str | None
    """For a reversal: the posting it reverses."""
    policy_no: str | None
    customer_name: str | None
    customer_id: str | None
    """Masked unless ``revealed``."""
    amount: Decimal | None
    amount_in_words: str | None
    direction: str | None
    method: str | None
    teller_id: str
    teller_name: str
    by_agent: bool
    lines: tuple[Line, ...]
    """The values typed; IDs, cards and phones masked unless ``revealed``."""
    findings: tuple[FindingLine, ...]
    documents: tuple[Bilingual, ...]
    """The documents the teller ticked as seen."""
    ids_checked: tuple[str, ...]
    """The resident IDs that passed their check, always masked."""
    reason: str | None
    """Why a reversal is asked."""
    revealed: bool = False

    @classmethod
    def of(cls, context: Mapping[str, Any], revealed: bool = False) -> Evidence:
        """The evidence of a stored context; masked unless ``revealed``."""
        c = context
        amount = Decimal(c["amount"].replace(",", "")) if c.get("amount") else None
        customer_id = c.get("customer_id")
        if customer_id and not revealed:
            customer_id = mask_resident_id(customer_id)
        return cls(
            purpose=c.get("purpose", Purpose.POSTING),
            template=c.get("template", ""),
            business=Bilingual(c.get("title_zh", ""), c.get("title_en", "")),
            serial=c.get("serial"),
            policy_no=c.get("policy_no"),
            customer_name=c.get("customer_name"),
            customer_id=customer_id,
            amount=amount,
            amount_in_words=c.get("amount_words")
            or (None if amount is None else amount_in_words(amount)),
            direction=c.get("direction"),
            method=c.get("method"),
            teller_id=c.get("teller", ""),
            teller_name=c.get("teller_name", ""),
            by_agent=bool(c.get("by_agent")),
            lines=tuple(_line(line, revealed) for line in c.get("lines", [])),
            findings=tuple(
                FindingLine(f["severity"], f.get("level", 0), Bilingual(f["zh"], f["en"]))
                for f in c.get("findings", [])
            ),
            documents=tuple(Bilingual(d["zh"], d["en"]) for d in c.get("documents", [])),
            ids_checked=tuple((c.get("id_check") or {}).values()),
            reason=c.get("reason"),
            revealed=revealed,
        )


def _line(line: Mapping[str, str], revealed: bool) -> Line:
    zh, en, kind = line["zh"], line["en"], line.get("type")
    if not revealed:
        zh, en = mask_value(kind, zh), mask_value(kind, en)
    return Line(Bilingual(line["label_zh"], line["label_en"]), Bilingual(zh, en))


def _money(amount: Decimal | None) -> dict[str, str | None]:
    if amount is None:
        return {"amount": None, "amount_words": None}
    return {"amount": f"{amount:.2f}", "amount_words": amount_in_words(amount)}


def finding_record(f: Finding, acknowledged: frozenset[str] | None = None) -> dict[str, Any]:
    """A finding as the evidence and the posting keep it: code, severity, level and its text in
    both languages; for a posting, whether the teller acknowledged it."""
    record: dict[str, Any] = {"code": f.code, "severity": f.severity.name.lower(), "level": f.level}
    if acknowledged is not None:
        record["acknowledged"] = f.code in acknowledged
    return {**record, "zh": ZH(f.message), "en": EN(f.message)}


def posting_context(
    submission: Submission,
    who: SignedIn,
    day: date,
    context: RiskContext,
    assessment: Assessment,
) -> dict[str, Any]:
    """The evidence of a posting, as stored with the request and the approval (in full)."""
    template, policy = submission.template, context.policy
    state = submission.state(day)
    ticked = [d for d in state.documents() if d.key in submission.documents]
    return {
        "purpose": Purpose.POSTING,
        "template": template.code,
        "title_zh": template.name.zh,
        "title_en": template.name.en,
        "policy_no": submission.policy_no,
        "customer_name": customer_name_of(submission, policy),
        "customer_id": customer_of(submission, policy, day),
        **_money(context.amount),
        "direction": template.money.direction,
        "method": context.method if context.amount is not None else None,
        "teller": who.staff.staff_id,
        "teller_name": who.staff.name,
        "by_agent": submission.by_agent,
        "lines": submission.lines(day, ZH, EN),
        "findings": [finding_record(f) for f in assessment.findings],
        "documents": [{"zh": d.label.zh, "en": d.label.en} for d in ticked],
        "id_check": id_check(context),
    }


def reversal_context(
    original: Posting, template: Template | None, who: SignedIn, reason: str
) -> dict[str, Any]:
    """The evidence of a reversal: the original posting, who asks and why (in full)."""
    amount = None if original.amount_fen is None else from_fen(abs(original.amount_fen))
    direction = Direction(original.direction).reversed()
    documents = []
    if template is not None:
        labels = {d.key: d.label for d in template.documents}
        keys = json.loads(original.documents or "[]")
        documents = [{"zh": labels[k].zh, "en": labels[k].en} for k in keys if k in labels]
    return {
        "purpose": Purpose.REVERSAL,
        "serial": original.serial,
        "template": original.template_code,
        "title_zh": template.name.zh if template else original.template_code,
        "title_en": template.name.en if template else original.template_code,
        "policy_no": original.policy_no,
        "customer_name": original.customer_name,
        "customer_id": original.customer_id_number,
        **_money(amount),
        "direction": direction,
        "method": original.method,
        "teller": who.staff.staff_id,
        "teller_name": who.staff.name,
        "original_teller": original.teller_id,
        "requested_by": who.staff.staff_id,
        "by_agent": original.by_agent,
        "lines": json.loads(original.submission or "[]"),
        "findings": [],
        "documents": documents,
        "reason": reason,
    }
