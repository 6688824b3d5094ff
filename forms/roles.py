"""What a template field means to the code that reads it: its semantic role.

A field declares ``role = "applicant_id"`` from this fixed vocabulary. The
services, the risk rules and the policy effect ask a template for the field
of a role, never for a field key, so a template names its fields as it likes.
Each role takes one field type, and a template gives a role to one field at
most. A risk rule or an effect that needs a role the template does not
declare is refused when the template loads (``forms.loader``), with the file,
the key and the reason: nothing silently loses a check.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, get_args

from workstation.domain.flows import Method

if TYPE_CHECKING:
    from forms.schema import Template


class FieldRole(StrEnum):
    POLICY_NO = "policy_no"
    """The policy the business is about: looked up, and what its effect changes."""
    APPLICANT_NAME = "applicant_name"
    APPLICANT_ID = "applicant_id"
    """The applicant's resident ID: the customer when there is no policy."""
    APPLICANT_ID_EXPIRY = "applicant_id_expiry"
    APPLICANT_ROLE = "applicant_role"
    """Who applies, where a template allows more than one kind of person."""
    INSURED_ID = "insured_id"
    """The insured's resident ID, when there is no policy to say who it is."""
    AGENT_ID = "agent_id"
    PAYMENT_METHOD = "payment_method"
    """How the money is paid, where a template allows more than one method."""
    PAYEE_NAME = "payee_name"
    """The holder's name of the account the money of this business is paid into."""
    PAYEE_CARD = "payee_card"
    """The card the money of this business is paid into: checked against the directory."""
    BENEFIT = "benefit"
    """Which benefit is paid: maturity or survival."""
    NEW_PHONE = "new_phone"
    NEW_ADDRESS = "new_address"
    NEW_POSTCODE = "new_postcode"
    NEW_EMAIL = "new_email"
    NEW_ACCOUNT_NAME = "new_account_name"
    """The holder's name of the account later payouts go to."""
    NEW_CARD = "new_card"
    NEW_BANK = "new_bank"
    BENEFICIARY_NAME = "beneficiary_name"
    BENEFICIARY_ID = "beneficiary_id"
    BENEFICIARY_RELATION = "beneficiary_relation"
    BENEFICIARY_SHARE = "beneficiary_share"


BENEFITS = ("maturity", "survival")
SHARES = ("all", "equal", "first")
Applicant = Literal["policyholder", "insured", "beneficiary", "anyone"]
"""Who may apply (``[applicant] who``); also the options of the applicant_role field."""
APPLICANTS: tuple[str, ...] = get_args(Applicant)


@dataclass(frozen=True)
class RoleSpec:
    """The field type a role takes and, for a choice, the option values code understands."""

    type: str
    options: tuple[str, ...] = ()


ROLES: dict[FieldRole, RoleSpec] = {
    FieldRole.POLICY_NO: RoleSpec("policy_no"),
    FieldRole.APPLICANT_NAME: RoleSpec("name"),
    FieldRole.APPLICANT_ID: RoleSpec("cn_resident_id"),
    FieldRole.APPLICANT_ID_EXPIRY: RoleSpec("id_expiry"),
    FieldRole.APPLICANT_ROLE: RoleSpec("choice", APPLICANTS),
    FieldRole.INSURED_ID: RoleSpec("cn_resident_id"),
    FieldRole.AGENT_ID: RoleSpec("cn_resident_id"),
    FieldRole.PAYMENT_METHOD: RoleSpec("choice", tuple(Method)),
    FieldRole.PAYEE_NAME: RoleSpec("name"),
    FieldRole.PAYEE_CARD: RoleSpec("bank_card"),
    FieldRole.BENEFIT: RoleSpec("choice", BENEFITS),
    FieldRole.NEW_PHONE: RoleSpec("phone"),
    FieldRole.NEW_ADDRESS: RoleSpec("text"),
    FieldRole.NEW_POSTCODE: RoleSpec("text"),
    FieldRole.NEW_EMAIL: RoleSpec("text"),
    FieldRole.NEW_ACCOUNT_NAME: RoleSpec("name"),
    FieldRole.NEW_CARD: RoleSpec("bank_card"),
    FieldRole.NEW_BANK: RoleSpec("text"),
    FieldRole.BENEFICIARY_NAME: RoleSpec("name"),
    FieldRole.BENEFICIARY_ID: RoleSpec("cn_resident_id"),
    FieldRole.BENEFICIARY_RELATION: RoleSpec("relation"),
    FieldRole.BENEFICIARY_SHARE: RoleSpec("choice", SHARES),
}
"""Every role, with the field type it takes."""


@dataclass(frozen=True)
class RoleNeed:
    """A template must give one of ``roles`` to a field (the first is the usual one)."""

    roles: tuple[FieldRole, ...]

    def met_by(self, declared: Collection[FieldRole]) -> bool:
        return any(role in declared for role in self.roles)

    def __str__(self) -> str:
        return " | ".join(self.roles)


def need(*roles: FieldRole) -> RoleNeed:
    """``need(POLICY_NO, APPLICANT_ID)``: a field with either role will do."""
    return RoleNeed(roles)


Problem = tuple[str, str, dict[str, str]]
"""(key path, reason kind, its params): rendered by the loader from ``template.reason.<kind>``."""


def role_problems(template: Template) -> list[Problem]:
    """Each role on one field only, of the type it takes, offering only options code knows."""
    problems: list[Problem] = []
    seen: dict[FieldRole, str] = {}
    for i, spec in enumerate(template.fields):
        if spec.role is None:
            continue
        path, role = f"fields[{i}]({spec.key}).role", spec.role
        wanted = ROLES[role]
        if role in seen:
            problems.append((path, "role_twice", {"role": role, "other": seen[role]}))
        elif spec.type != wanted.type:
            problems.append((path, "role_type", {"role": role, "type": wanted.type}))
        elif spec.type == "choice" and wanted.options:
            offered = {option.value for option in spec.options}
            if not offered <= set(wanted.options):
                known = ", ".join(wanted.options)
                problems.append((path, "role_options", {"role": role, "known": known}))
        seen.setdefault(role, spec.key)
    return problems


def unmet(template: Template, needs: Collection[RoleNeed]) -> Iterator[RoleNeed]:
    """The needs no field of ``template`` meets."""
    declared = template.roles
    return (n for n in needs if not n.met_by(declared))
