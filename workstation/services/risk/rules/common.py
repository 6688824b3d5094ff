"""What the rule modules share: building findings, labels in both languages, people on a policy."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from forms.roles import FieldRole
from forms.schema import Text
from workstation.domain.i18n import LANGUAGES, Catalog, Msg, msg
from workstation.domain.identity import ResidentId, mask_resident_id
from workstation.domain.money import format_money
from workstation.domain.text import join_list
from workstation.services.directory import PolicyView
from workstation.services.risk.model import Finding, RiskContext, Severity


class Params(BaseModel):
    """Base of every rule's params: unknown keys are refused, instances are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(Params):
    """For a rule that takes no params."""


def finding(
    rule: str,
    what: str,
    severity: Severity,
    *,
    level: int = 0,
    flags: frozenset[str] = frozenset(),
    **params: object,
) -> Finding:
    """A finding of ``rule`` with code ``<rule>.<what>``; its message is ``risk.<code>``."""
    code = f"{rule}.{what}"
    return Finding(rule, code, severity, Msg(f"risk.{code}", params), level, flags)


def bilingual(zh: str, en: str) -> Msg:
    """A template's text as a message param: renders as ``zh`` in Chinese, ``en`` in English."""
    return msg("risk.label", zh=zh, en=en)


def labels(texts: Iterable[Text]) -> Msg:
    """Labels joined the way each language lists things (``text.list``)."""
    texts = list(texts)
    return bilingual(
        *(join_list(Catalog.load(lang), (t.get(lang) for t in texts)) for lang in LANGUAGES)
    )


def yuan(amount: Decimal) -> str:
    """An amount for a message (the catalog text carries the ¥)."""
    return format_money(amount)


def id_number(value: object) -> str | None:
    """The number of a resident ID value, whether parsed or a plain string."""
    if isinstance(value, ResidentId):
        return value.number
    if isinstance(value, str) and value.strip():
        return value.strip().upper()
    return None


def masked(number: str) -> str:
    return mask_resident_id(number) if len(number) == 18 else "*" * len(number)


def value_text(ctx: RiskContext, key: str | None) -> str | None:
    value = ctx.values.get(key) if key else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def role_id(ctx: RiskContext, role: FieldRole) -> str | None:
    """The ID number in the field playing ``role``, if the template has one and it is filled."""
    key = ctx.template.key_for(role)
    return id_number(ctx.values.get(key)) if key else None


def role_text(ctx: RiskContext, role: FieldRole) -> str | None:
    """The text in the field playing ``role``, trimmed; None when absent or blank."""
    return value_text(ctx, ctx.template.key_for(role))


def people(policy: PolicyView, who: str) -> list[tuple[str, str | None]]:
    """(name, ID number) of the policyholder, the insured or every beneficiary."""
    if who == "policyholder":
        return [(policy.holder.name, policy.holder.id_number)]
    if who == "insured":
        return [(policy.insured.name, policy.insured.id_number)]
    if who == "beneficiary":
        return [(b.name, b.id_number) for b in policy.beneficiaries]
    return []


def role(who: str) -> Msg:
    """Who applies (投保人, 被保险人 …), from the catalog's [applicant] section."""
    return msg(f"applicant.{who}")
