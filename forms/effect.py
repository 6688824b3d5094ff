"""What a business does to its policy, declared by each template from a fixed vocabulary.

A template's ``[effect]`` names one kind and, where the kind needs them, the
fields it reads (``fields = { phone = "new_phone" }``). The posting records the
effect as data; look-ups and risk checks read the directory plus the day's
unreversed effects. Nothing here is evaluated as code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from forms.schema import Template

EffectKind = Literal[
    "none",
    "loan",
    "repay",
    "terminate",
    "reinstate",
    "benefit_paid",
    "premium_paid",
    "contact_change",
    "beneficiary_change",
    "account_change",
]
EndStatus = Literal["surrendered", "cancelled", "terminated"]
BENEFITS = ("maturity", "survival")
SHARES = ("all", "equal", "first")


@dataclass(frozen=True)
class Role:
    """A value an effect reads from a field of a given type."""

    type: str
    required: bool = False
    options: tuple[str, ...] = ()
    """For a choice: the option values the effect understands."""


ROLES: dict[str, dict[str, Role]] = {
    "none": {},
    "loan": {},
    "repay": {},
    "terminate": {},
    "reinstate": {},
    "premium_paid": {},
    "benefit_paid": {"benefit": Role("choice", True, BENEFITS)},
    "contact_change": {
        "phone": Role("phone"),
        "address": Role("text"),
        "postcode": Role("text"),
        "email": Role("text"),
    },
    "beneficiary_change": {
        "name": Role("name", True),
        "id_number": Role("cn_resident_id"),
        "relation": Role("relation", True),
        "share": Role("choice", False, SHARES),
    },
    "account_change": {
        "account_name": Role("name", True),
        "card": Role("bank_card", True),
        "bank": Role("text"),
    },
}
"""The fields each kind may read, by role."""

AMOUNT_KINDS = {"loan": "out", "repay": "in", "benefit_paid": "out", "premium_paid": "in"}
"""Kinds that read the business's amount, and the direction its money must move."""


class EffectSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: EffectKind
    status: EndStatus | None = None
    """For ``terminate``: the status the policy ends in."""
    fields: dict[str, str] = Field(default_factory=dict)
    """Role → field key, for the kinds that read fields (see ``ROLES``)."""

    @model_validator(mode="after")
    def _complete(self) -> EffectSpec:
        if (self.kind == "terminate") != (self.status is not None):
            raise _error("effect_status", kind=self.kind)
        roles = ROLES[self.kind]
        for role in self.fields:
            if role not in roles:
                known = ", ".join(roles) or "-"
                raise _error("effect_role", kind=self.kind, role=role, known=known)
        for role, spec in roles.items():
            if spec.required and role not in self.fields:
                raise _error("effect_needs", kind=self.kind, what=f"fields.{role}")
        if roles and not self.fields:
            raise _error("effect_needs", kind=self.kind, what="fields")
        return self


def effect_problems(template: Template) -> list[tuple[str, str, dict[str, str]]]:
    """Cross-checks against the template: (key path, reason kind, its params) for each miss."""
    effect, problems = template.effect, []
    if effect.kind == "none":
        return problems
    keys = template.field_keys
    if "policy_no" not in keys or template.field("policy_no").type != "policy_no":
        problems.append(("effect.kind", "effect_needs", {"kind": effect.kind, "what": "policy_no"}))
    direction = AMOUNT_KINDS.get(effect.kind)
    if direction is not None and template.money.direction != direction:
        what = f"money.direction = {direction}"
        problems.append(("effect.kind", "effect_needs", {"kind": effect.kind, "what": what}))
    for role, key in effect.fields.items():
        spec = ROLES[effect.kind][role]
        path = f"effect.fields.{role}"
        if key not in keys or template.field(key).type != spec.type:
            problems.append((path, "effect_field", {"key": key, "type": spec.type}))
            continue
        offered = {option.value for option in template.field(key).options}
        if spec.options and not offered <= set(spec.options):
            known = ", ".join(spec.options)
            problems.append((path, "effect_options", {"key": key, "known": known}))
    return problems


def _error(reason: str, /, **context: str) -> PydanticCustomError:
    """Rendered by the loader from the catalog key ``template.reason.<reason>``."""
    placeholders = " ".join("{" + name + "}" for name in context)
    return PydanticCustomError(reason, f"{reason} {placeholders}".strip(), context)
