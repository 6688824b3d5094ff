"""What a business does to its policy, declared by each template from a fixed vocabulary.

A template's ``[effect]`` names one kind (and, for ``terminate``, the status
the policy ends in). A kind that records values reads them from the fields
playing its roles (``forms.roles``: ``role = "new_phone"`` on a field). The
posting records the effect as data; look-ups and risk checks read the
directory plus the day's unreversed effects. Nothing here is evaluated as code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from forms.roles import FieldRole, Problem, RoleNeed, need, unmet
from workstation.domain.flows import Direction

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

R = FieldRole
READS: dict[str, dict[str, FieldRole]] = {
    "benefit_paid": {"benefit": R.BENEFIT},
    "contact_change": {
        "phone": R.NEW_PHONE,
        "address": R.NEW_ADDRESS,
        "postcode": R.NEW_POSTCODE,
        "email": R.NEW_EMAIL,
    },
    "beneficiary_change": {
        "name": R.BENEFICIARY_NAME,
        "id_number": R.BENEFICIARY_ID,
        "relation": R.BENEFICIARY_RELATION,
        "share": R.BENEFICIARY_SHARE,
    },
    "account_change": {"account_name": R.NEW_ACCOUNT_NAME, "card": R.NEW_CARD, "bank": R.NEW_BANK},
}
"""What each kind records, by the name it is stored under, and the role of the field it reads."""

NEEDS: dict[str, tuple[RoleNeed, ...]] = {
    "benefit_paid": (need(R.BENEFIT),),
    "contact_change": (need(R.NEW_PHONE, R.NEW_ADDRESS, R.NEW_POSTCODE, R.NEW_EMAIL),),
    "beneficiary_change": (need(R.BENEFICIARY_NAME), need(R.BENEFICIARY_RELATION)),
    "account_change": (need(R.NEW_ACCOUNT_NAME), need(R.NEW_CARD)),
}
"""The roles a kind cannot do without, besides the policy number every kind but none needs."""

AMOUNT_KINDS = {
    "loan": Direction.OUT,
    "repay": Direction.IN,
    "benefit_paid": Direction.OUT,
    "premium_paid": Direction.IN,
}
"""Kinds that read the business's amount, and the direction its money must move."""


class EffectSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: EffectKind
    status: EndStatus | None = None
    """For ``terminate``: the status the policy ends in."""

    @model_validator(mode="after")
    def _complete(self) -> EffectSpec:
        if (self.kind == "terminate") != (self.status is not None):
            raise _error("effect_status", kind=self.kind)
        return self


def effect_problems(template: Template) -> list[Problem]:
    """Cross-checks against the template: (key path, reason kind, its params) for each miss."""
    effect, problems = template.effect, list[Problem]()
    if effect.kind == "none":
        return problems
    needs = (need(R.POLICY_NO), *NEEDS.get(effect.kind, ()))
    for missing in unmet(template, needs):
        problems.append(
            ("effect.kind", "effect_needs", {"kind": effect.kind, "what": str(missing)})
        )
    direction = AMOUNT_KINDS.get(effect.kind)
    if direction is not None and template.money.direction != direction:
        what = f"money.direction = {direction}"
        problems.append(("effect.kind", "effect_needs", {"kind": effect.kind, "what": what}))
    return problems


def _error(reason: str, /, **context: str) -> PydanticCustomError:
    """Rendered by the loader from the catalog key ``template.reason.<reason>``."""
    placeholders = " ".join("{" + name + "}" for name in context)
    return PydanticCustomError(reason, f"{reason} {placeholders}".strip(), context)
