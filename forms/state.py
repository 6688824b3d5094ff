"""A form being filled: raw values, who applies, documents ticked, what is still wrong.

Pure logic, no UI: the form screen keeps one of these and shows what it says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from forms.fields import Checked, check, option_label
from forms.roles import FieldRole
from forms.schema import DocumentSpec, FieldSpec, Template
from workstation.domain.i18n import Catalog, Msg
from workstation.domain.masking import mask_value
from workstation.domain.text import fold


@dataclass
class FormState:
    template: Template
    today: date
    values: dict[str, str] = field(default_factory=dict)
    """What the teller typed (or the policy filled in), by field key."""
    by_agent: bool = False
    """Whether an agent (代办人) applies on the customer's behalf."""
    ticked: set[str] = field(default_factory=set)
    """Keys of the documents whose originals the teller has seen."""
    prefilled: set[str] = field(default_factory=set)
    source: dict[str, str] = field(default_factory=dict)
    """What the looked-up policy offered (``holder.id_number`` …), while the policy field
    still names that policy (see :meth:`policy_source`)."""
    source_policy: str | None = None

    def visible(self, spec: FieldSpec) -> bool:
        if spec.agent_only and not self.by_agent:
            return False
        return all(
            fold(self.values.get(other, "")) in allowed for other, allowed in spec.show_when.items()
        )

    def fields(self) -> list[FieldSpec]:
        return [spec for spec in self.template.fields if self.visible(spec)]

    def set(self, key: str, raw: str) -> Checked:
        self.values[key] = raw
        self.prefilled.discard(key)
        return self.checked(key)

    def checked(self, key: str) -> Checked:
        return check(self.template.field(key), self.values.get(key), self.today)

    def prefill(self, source: Mapping[str, str]) -> list[str]:
        """Fill fields that name a policy value (``holder.name`` …); returns their keys."""
        filled = []
        policy_key = self.template.key_for(FieldRole.POLICY_NO)
        self.source = dict(source)
        self.source_policy = self.values.get(policy_key) if policy_key else None
        for spec in self.template.fields:
            if spec.prefill and source.get(spec.prefill):
                self.values[spec.key] = source[spec.prefill]
                self.prefilled.add(spec.key)
                filled.append(spec.key)
        return filled

    def policy_source(self) -> Mapping[str, str]:
        """The looked-up policy's values, while the policy field still names it; else none."""
        key = self.template.key_for(FieldRole.POLICY_NO)
        if key is None or self.source_policy is None:
            return {}
        return self.source if self.values.get(key) == self.source_policy else {}

    def documents(self) -> list[DocumentSpec]:
        """The documents that apply: agent ones with an agent, in-person ones without."""
        skip = "in_person" if self.by_agent else "agent"
        return [d for d in self.template.documents if d.when != skip]

    def missing_documents(self) -> list[DocumentSpec]:
        return [d for d in self.documents() if d.when != "optional" and d.key not in self.ticked]

    def problems(self) -> dict[str, Msg]:
        """What is wrong with each visible field, in form order."""
        found = {}
        for spec in self.fields():
            checked = self.checked(spec.key)
            if checked.problem is not None:
                found[spec.key] = checked.problem
        return found

    def ready(self) -> bool:
        return not self.problems() and not self.missing_documents()

    def display(self, spec: FieldSpec, t: Catalog) -> str:
        """The value of a field as the preview and the sample form show it."""
        checked = self.checked(spec.key)
        return display_value(spec, checked, t) if checked.ok else self.values.get(spec.key, "")

    def summary(self, t: Catalog, masked: bool = False) -> list[tuple[str, str]]:
        """(label, value) for every visible field that has a value; ``masked``: resident
        IDs, cards and phones as a screen shows them by default (``110105********0016``)."""
        return [
            (
                spec.label.get(t.lang),
                mask_value(spec.type, self.display(spec, t)) if masked else self.display(spec, t),
            )
            for spec in self.fields()
            if self.values.get(spec.key, "").strip()
        ]


def display_value(spec: FieldSpec, checked: Checked, t: Catalog) -> str:
    if spec.type == "choice":
        return option_label(spec, checked.text, t.lang) or checked.text
    if spec.type == "relation":
        return t(f"relation.{checked.text}")
    if spec.type == "money":
        return f"¥{checked.text}"
    return checked.text


def sample_state(template: Template, today: date, by_agent: bool = True) -> FormState:
    """The template's sample filled form, as a state (for the sample panel and paper)."""
    state = FormState(template, today, by_agent=by_agent)
    state.values = {spec.key: spec.sample for spec in template.fields}
    state.ticked = {d.key for d in state.documents()}
    return state
