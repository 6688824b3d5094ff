"""Identity rules: the ID numbers are real, the cards unexpired, the applicant the right person,
the documents seen."""

from __future__ import annotations

from datetime import date

from forms.roles import FieldRole
from workstation.domain.errors import InvalidValue
from workstation.domain.i18n import listed
from workstation.domain.identity import ResidentId, parse_id_expiry, parse_resident_id
from workstation.domain.regions import region_listed
from workstation.services.risk.model import Finding, RiskContext, Severity
from workstation.services.risk.rules.common import (
    NoParams,
    finding,
    labels,
    people,
    role,
    role_id,
    role_text,
)

UNREADABLE = "?"


def id_valid(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """Every resident ID value passes GB 11643 again here: the service does not trust the screen.

    A valid number whose region code (county) is not in the GB/T 2260 table is a warning the
    teller acknowledges after checking the card: the table may lag behind a new code.
    """
    bad, unlisted, regions = [], [], []
    for spec in ctx.template.fields:
        if spec.type != "cn_resident_id" or spec.key not in ctx.values:
            continue
        value = ctx.values[spec.key]
        text = value.number if isinstance(value, ResidentId) else value
        if not isinstance(text, str):
            bad.append(spec.label)
            continue
        try:
            parsed = parse_resident_id(text, ctx.business_date)
        except InvalidValue:
            bad.append(spec.label)
            continue
        if not region_listed(parsed.region):
            unlisted.append(spec.label)
            regions.append(parsed.region)
    found = []
    if bad:
        found.append(finding("id_valid", "invalid", Severity.BLOCK, field=labels(bad)))
    if unlisted:
        region = listed(regions)
        field = labels(unlisted)
        warn = finding("id_valid", "unknown_region", Severity.WARN, field=field, region=region)
        found.append(warn)
    return found


def _expiry(value: object) -> tuple[date | None, str]:
    """The expiry date (None: long-term) and how to show it; an unreadable one counts as expired."""
    if isinstance(value, date) or value is None:
        return value, "" if value is None else value.isoformat()
    if isinstance(value, str):
        try:
            parsed = parse_id_expiry(value)
        except InvalidValue:
            return date.min, value.strip() or UNREADABLE
        return parsed, "" if parsed is None else parsed.isoformat()
    return date.min, UNREADABLE


def id_not_expired(ctx: RiskContext, params: NoParams) -> list[Finding]:
    expired, shown = [], []
    for spec in ctx.template.fields:
        if spec.type != "id_expiry" or spec.key not in ctx.values:
            continue
        day, text = _expiry(ctx.values[spec.key])
        if day is not None and day < ctx.business_date:
            expired.append(spec.label)
            shown.append(text)
    found = []
    if expired:
        found.append(
            finding(
                "id_not_expired",
                "expired",
                Severity.BLOCK,
                field=labels(expired),
                expiry=listed(shown),
            )
        )
    if outdated := _record_outdated(ctx):
        found.append(outdated)
    return found


def _record_outdated(ctx: RiskContext) -> Finding | None:
    """The applicant shows a valid card but the policy's record of that person has expired."""
    key = ctx.template.key_for(FieldRole.APPLICANT_ID_EXPIRY)
    if ctx.policy is None or key is None or key not in ctx.values:
        return None
    presented, _ = _expiry(ctx.values[key])
    if presented is not None and presented < ctx.business_date:
        return None
    applicant = role_id(ctx, FieldRole.APPLICANT_ID)
    for person in (ctx.policy.holder, ctx.policy.insured):
        recorded = person.id_expiry
        if recorded is None or recorded >= ctx.business_date:
            continue
        if applicant is None or applicant == person.id_number:
            return finding(
                "id_not_expired",
                "record_outdated",
                Severity.INFO,
                name=person.name,
                recorded=recorded.isoformat(),
            )
    return None


def applicant_allowed(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """The applicant is who the template allows, and an agent only where agents may apply."""
    spec = ctx.template.applicant
    found = []
    if ctx.by_agent and not spec.agent_allowed:
        found.append(finding("applicant_allowed", "no_agent", Severity.BLOCK))
    applicant = role_id(ctx, FieldRole.APPLICANT_ID)
    if ctx.by_agent and applicant is not None and applicant == role_id(ctx, FieldRole.AGENT_ID):
        found.append(finding("applicant_allowed", "agent_is_applicant", Severity.BLOCK))
    who = spec.applying(role_text(ctx, FieldRole.APPLICANT_ROLE))
    if who == "anyone":
        return found
    if ctx.policy is None:
        return [*found, finding("applicant_allowed", "no_policy", Severity.INFO)]
    persons = people(ctx.policy, who)
    if who == "beneficiary" and not persons:
        return [*found, finding("applicant_allowed", "statutory_heir", Severity.WARN)]
    if FieldRole.APPLICANT_ID in ctx.template.roles:
        persons = [(name, number) for name, number in persons if number == applicant]
        if not persons:
            refused = finding("applicant_allowed", "not_the_person", Severity.BLOCK, role=role(who))
            return [*found, refused]
    name = role_text(ctx, FieldRole.APPLICANT_NAME)
    if name is not None and name not in {n for n, _ in persons}:
        expected = listed(dict.fromkeys(n for n, _ in persons))
        found.append(
            finding(
                "applicant_allowed",
                "name_mismatch",
                Severity.BLOCK,
                name=name,
                expected=expected,
                role=role(who),
            )
        )
    return found


def documents_complete(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """Every required document has been ticked; ``names`` lists the missing ones."""
    missing = [
        d.label
        for d in ctx.required_documents
        if d.when != "optional" and d.key not in ctx.documents_ticked
    ]
    if not missing:
        return []
    return [finding("documents_complete", "missing", Severity.BLOCK, names=labels(missing))]
