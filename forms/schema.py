"""The schema of a business template, as pydantic models.

A template is data: nothing in it is ever evaluated as code. Cross-checks
that pydantic cannot express field by field (a sample that fails its own
field, an unknown risk rule, a duplicate code) live in ``forms.loader``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from forms.effect import EffectSpec
from forms.roles import Applicant, FieldRole
from workstation.domain.flows import Direction, Method

FieldType = Literal[
    "text",
    "name",
    "cn_resident_id",
    "id_expiry",
    "phone",
    "bank_card",
    "money",
    "date",
    "choice",
    "policy_no",
    "relation",
    "free_text",
]
Category = Literal["new_business", "premium", "policy_change", "payout", "claim"]
KEY = r"^[a-z][a-z0-9_]*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A string in both languages."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class NamedInBoth:
    """For a dataclass with ``name_zh`` and ``name_en``: ``name(lang)`` picks the one to show."""

    name_zh: str
    name_en: str

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


class Option(_Model):
    value: str = Field(pattern=KEY)
    label: Text


class FieldSpec(_Model):
    key: str = Field(pattern=KEY)
    type: FieldType
    label: Text
    help: Text
    sample: str = Field(min_length=1)
    """The value a customer would write, shown on the sample filled form."""
    role: FieldRole | None = None
    """What the field means to the services, rules and effect that read it (``forms.roles``)."""
    required: bool = True
    section: Text | None = None
    """Starts a new section of the form, with this heading."""
    agent_only: bool = False
    """Shown, and required, only when an agent (代办人) applies."""
    show_when: dict[str, list[str]] = Field(default_factory=dict)
    """Shown only while each named choice field has one of the listed values."""
    prefill: str | None = Field(default=None, pattern=r"^(holder|insured|policy)\.[a-z_]+$")
    """Filled from the policy once it is looked up, e.g. ``holder.name``."""
    max_length: int | None = Field(default=None, ge=1, le=2000)
    min: Decimal | None = None
    max: Decimal | None = None
    not_future: bool = False
    not_past: bool = False
    options: tuple[Option, ...] = ()

    @model_validator(mode="after")
    def _constraints_fit_the_type(self) -> FieldSpec:
        if (self.type == "choice") != bool(self.options):
            raise _error("choice_options")
        misplaced = [
            ("min/max", self.type != "money" and (self.min is not None or self.max is not None)),
            ("not_future/not_past", self.type != "date" and (self.not_future or self.not_past)),
            ("max_length", self.type not in ("text", "free_text") and self.max_length is not None),
        ]
        for constraint, wrong in misplaced:
            if wrong:
                raise _error("constraint_type", constraint=constraint, type=self.type)
        return self


class DocumentSpec(_Model):
    key: str = Field(pattern=KEY)
    label: Text
    help: Text | None = None
    when: Literal["always", "agent", "in_person", "optional"] = "always"
    """Required always, only when an agent applies, only when the customer comes in
    person (no agent), or listed but not required."""


class ApplicantSpec(_Model):
    who: tuple[Applicant, ...] = Field(min_length=1)
    """Who may apply in person."""
    agent_allowed: bool = False
    agent_documents: tuple[str, ...] = ()
    """Documents (keys in ``documents``, with ``when = "agent"``) an agent must bring."""

    def applying(self, chosen: str | None) -> Applicant:
        """Who applies: the applicant_role field's choice (``chosen``) when the template
        offers it, else the first the template allows. The review's rule and the form's
        field check both ask this."""
        return next((who for who in self.who if who == chosen), self.who[0])


class MoneySpec(_Model):
    direction: Direction = Direction.NONE
    methods: tuple[Method, ...] = ()
    amount_field: str | None = None
    payee: Literal["policyholder", "beneficiary", "insured"] | None = None
    """For money out: whose name the receiving account must carry."""

    @model_validator(mode="after")
    def _complete(self) -> MoneySpec:
        if self.direction is Direction.NONE and (self.methods or self.amount_field):
            raise _error("money_none")
        if self.direction is not Direction.NONE and not (self.methods and self.amount_field):
            raise _error("money_needs")
        return self


class RuleRef(_Model):
    name: str = Field(pattern=KEY)
    params: dict[str, Any] = Field(default_factory=dict)


class ReceiptLine(_Model):
    field: str = Field(pattern=KEY)
    label: Text | None = None


class Template(_Model):
    code: str = Field(pattern=r"^\d{4}$")
    """The transaction code a teller can type."""
    key: str = Field(pattern=KEY)
    category: Category
    name: Text
    description: Text
    applicant: ApplicantSpec
    money: MoneySpec = MoneySpec()
    fields: tuple[FieldSpec, ...] = Field(min_length=1)
    documents: tuple[DocumentSpec, ...] = ()
    rules: tuple[RuleRef, ...] = ()
    receipt: tuple[ReceiptLine, ...] = ()
    effect: EffectSpec
    """What posting it does to the policy (``forms.effect``): every template says, even ``none``."""
    signature: bool = True
    """Whether the receipt carries a customer signature line."""

    def field(self, key: str) -> FieldSpec:
        for spec in self.fields:
            if spec.key == key:
                return spec
        raise KeyError(key)

    @property
    def field_keys(self) -> tuple[str, ...]:
        return tuple(spec.key for spec in self.fields)

    def field_for(self, role: FieldRole) -> FieldSpec | None:
        """The field that plays ``role``, if the template gives it to one."""
        return next((spec for spec in self.fields if spec.role == role), None)

    def key_for(self, role: FieldRole) -> str | None:
        """The key of the field that plays ``role``, if any."""
        spec = self.field_for(role)
        return None if spec is None else spec.key

    @property
    def roles(self) -> frozenset[FieldRole]:
        """Every role a field of this template plays."""
        return frozenset(spec.role for spec in self.fields if spec.role is not None)

    @model_validator(mode="after")
    def _references_resolve(self) -> Template:
        keys = self.field_keys
        _unique(keys, "fields")
        _unique([d.key for d in self.documents], "documents")
        documents = {d.key: d for d in self.documents}
        for spec in self.fields:
            for other, values in spec.show_when.items():
                if other not in keys or self.field(other).type != "choice":
                    raise _error("show_when_field", field=spec.key, other=other)
                known = {option.value for option in self.field(other).options}
                if unknown := set(values) - known:
                    raise _error("show_when_values", field=spec.key, values=", ".join(unknown))
        for key in self.applicant.agent_documents:
            if key not in documents or documents[key].when != "agent":
                raise _error("agent_document", key=key)
        amount = self.money.amount_field
        if amount is not None and (amount not in keys or self.field(amount).type != "money"):
            raise _error("amount_field", key=amount)
        for line in self.receipt:
            if line.field not in keys:
                raise _error("receipt_field", key=line.field)
        if len(self.money.methods) > 1:
            self._choice_matches(FieldRole.PAYMENT_METHOD, self.money.methods)
        if len(self.applicant.who) > 1:
            self._choice_matches(FieldRole.APPLICANT_ROLE, self.applicant.who)
        return self

    def _choice_matches(self, role: FieldRole, values: tuple[str, ...]) -> None:
        """A choice the teller must make (how to pay, who applies) is a field of its own."""
        spec = self.field_for(role)
        if spec is None or spec.type != "choice":
            raise _error("choice_needed", key=role.value, values=", ".join(values))
        options = tuple(option.value for option in spec.options)
        if set(options) != set(values):
            raise _error(
                "choice_mismatch",
                key=spec.key,
                options=", ".join(options),
                values=", ".join(values),
            )


def _unique(keys: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise _error("duplicate_key", what=what, key=key)
        seen.add(key)


def _error(kind: str, **context: str) -> PydanticCustomError:
    """A refusal the loader renders from the catalog key ``template.reason.<kind>``."""
    placeholders = " ".join("{" + name + "}" for name in context)
    return PydanticCustomError(kind, f"{kind} {placeholders}".strip(), context)
