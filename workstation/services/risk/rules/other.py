"""Other rules: the same business twice in a day, the teller's cash, the watch list."""

from __future__ import annotations

from workstation.domain.flows import Direction
from workstation.domain.i18n import listed
from workstation.services.risk.model import Finding, RiskContext, Severity
from workstation.services.risk.rules.common import NoParams, finding, id_number, masked, yuan


def duplicate_today(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """This business was already posted on this policy today: a supervisor confirms it is meant."""
    count = ctx.activity.same_business
    if count < 1:
        return []
    return [finding("duplicate_today", "again", Severity.AUTHORIZE, level=1, count=count)]


def cash_on_hand(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """Cash paid out cannot exceed what the teller holds."""
    if not ctx.cash or ctx.amount is None or ctx.direction != Direction.OUT:
        return []
    on_hand = ctx.activity.cash_on_hand
    if ctx.amount <= on_hand:
        return []
    return [
        finding(
            "cash_on_hand", "short", Severity.BLOCK, amount=yuan(ctx.amount), on_hand=yuan(on_hand)
        )
    ]


def till_limit(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """After posting, the teller's cash would be over the till limit (尾箱限额)."""
    if not ctx.cash or ctx.amount is None or ctx.direction is Direction.NONE:
        return []
    after = ctx.activity.cash_on_hand + ctx.direction.sign * ctx.amount
    limit = ctx.thresholds.till_limit
    if after <= limit:
        return []
    return [finding("till_limit", "over", Severity.WARN, after=yuan(after), limit=yuan(limit))]


def _people(ctx: RiskContext) -> tuple[list[str], list[str]]:
    """Every resident ID number and every name on the form and on the policy."""
    ids: list[str] = []
    names: list[str] = []
    for spec in ctx.template.fields:
        value = ctx.values.get(spec.key)
        if spec.type == "cn_resident_id" and (number := id_number(value)):
            ids.append(number)
        elif spec.type == "name" and isinstance(value, str) and value.strip():
            names.append(value.strip())
    if ctx.policy is not None:
        for person in (ctx.policy.holder, ctx.policy.insured):
            ids.append(person.id_number.strip().upper())
            names.append(person.name.strip())
    return ids, names


def watch_list(ctx: RiskContext, params: NoParams) -> list[Finding]:
    """Anyone on the form or the policy is on the branch's watch list: stop.

    The message names the matched name or the masked ID, never a full ID number.
    """
    listed_ids = {number.strip().upper() for number in ctx.watch_list.ids}
    listed_names = {name.strip() for name in ctx.watch_list.names}
    if not listed_ids and not listed_names:
        return []
    ids, names = _people(ctx)
    hits = [masked(number) for number in ids if number in listed_ids]
    hits += [name for name in names if name in listed_names]
    if not hits:
        return []
    who = listed(dict.fromkeys(hits))
    return [finding("watch_list", "hit", Severity.BLOCK, who=who)]
