"""A submission: what a teller asks to post, and its digest.

The screen hands over what was typed; the submission keeps each value's one
canonical text (:func:`forms.fields.normalise`: full-width folded, trimmed,
IDs and policy numbers upper case), so the look-up, the risk checks, the
digest, the stored record and the receipt all read the same text however it
was typed. The services check it again and never trust the screen. The digest
covers that content, so an approval given for one submission is void for any
other.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from forms.fields import Checked, normalise
from forms.roles import FieldRole
from forms.schema import Template
from forms.state import FormState, display_value
from workstation.domain.i18n import Catalog
from workstation.domain.identity import ResidentId


@dataclass(frozen=True)
class Submission:
    template: Template
    idempotency_key: str
    """One per form: pressing confirm twice, or retrying, reuses it."""
    values: tuple[tuple[str, str], ...]
    """(field key, canonical text) for the fields that apply and have a value."""
    by_agent: bool
    documents: tuple[str, ...]
    """Keys of the documents ticked, sorted."""
    _checks: dict[date, dict[str, Checked]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    @classmethod
    def from_state(cls, state: FormState, idempotency_key: str) -> Submission:
        values = tuple(
            (spec.key, normalise(spec, state.values[spec.key], state.today))
            for spec in state.fields()
            if state.values.get(spec.key, "").strip()
        )
        return cls(
            state.template, idempotency_key, values, state.by_agent, tuple(sorted(state.ticked))
        )

    def state(self, today: date) -> FormState:
        """The form again, as the services see it."""
        return FormState(
            self.template, today, dict(self.values), self.by_agent, set(self.documents)
        )

    def checked(self, today: date) -> dict[str, Checked]:
        """Each value checked once per business date (a posting asks many times)."""
        if today not in self._checks:
            state = self.state(today)
            self._checks[today] = {key: state.checked(key) for key, _ in self.values}
        return self._checks[today]

    def normalised(self, today: date) -> dict[str, Any]:
        """Checked values of the fields that pass (see RiskContext.values)."""
        return {key: result.value for key, result in self.checked(today).items() if result.ok}

    def value(self, role: FieldRole) -> str | None:
        """The canonical text of the field playing ``role``; None when absent or empty."""
        key = self.template.key_for(role)
        return (dict(self.values).get(key) or None) if key else None

    @property
    def policy_no(self) -> str | None:
        return self.value(FieldRole.POLICY_NO)

    def canonical(self, today: date) -> dict[str, Any]:
        return {
            "template": self.template.code,
            "values": dict(self.values),
            "by_agent": self.by_agent,
            "documents": list(self.documents),
        }

    def digest(self, today: date) -> str:
        text = json.dumps(self.canonical(today), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    def amount(self, today: date) -> Decimal | None:
        field = self.template.money.amount_field
        value = self.normalised(today).get(field) if field else None
        return value if isinstance(value, Decimal) else None

    def method(self) -> str | None:
        """How the money is paid: the only method, or the one chosen (``payment_method``)."""
        methods = self.template.money.methods
        if len(methods) == 1:
            return methods[0]
        return self.value(FieldRole.PAYMENT_METHOD)

    def id_number(self, role: FieldRole, today: date) -> str | None:
        """The resident ID number in the field playing ``role``, when it passes its check."""
        key = self.template.key_for(role)
        value = self.normalised(today).get(key) if key else None
        return value.number if isinstance(value, ResidentId) else None

    def lines(self, today: date, zh: Catalog, en: Catalog) -> list[dict[str, str]]:
        """Each value as it reads in both languages, for the supervisor and the record.

        Values are in full (the record keeps them); ``type`` says which to mask on screen.
        """
        all_checked = self.checked(today)
        lines = []
        for key, raw in self.values:
            spec = self.template.field(key)
            checked = all_checked[key]
            lines.append(
                {
                    "key": key,
                    "type": spec.type,
                    "label_zh": spec.label.zh,
                    "label_en": spec.label.en,
                    "zh": display_value(spec, checked, zh) if checked.ok else raw,
                    "en": display_value(spec, checked, en) if checked.ok else raw,
                }
            )
        return lines
