"""Running a template's rules over one submission, and checking a template's rule params."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from forms.loader import RuleBook
from workstation.services.risk.model import CUSTOMER, Finding, RiskContext, RuleSpec, Severity
from workstation.services.risk.rules import RULE_NEEDS, RULES
from workstation.services.risk.vocabulary import RULE_NAMES


@dataclass(frozen=True)
class Assessment:
    """What the rules found about one submission."""

    findings: tuple[Finding, ...]
    """Most severe first, then in the template's rule order; at most one per code."""

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == severity)

    @property
    def blocked(self) -> bool:
        """Some finding forbids the business."""
        return any(f.severity == Severity.BLOCK for f in self.findings)

    @property
    def blocks(self) -> tuple[Finding, ...]:
        return self._of(Severity.BLOCK)

    @property
    def authorizations(self) -> tuple[Finding, ...]:
        """Findings a supervisor must approve."""
        return self._of(Severity.AUTHORIZE)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Findings the teller must acknowledge one by one."""
        return self._of(Severity.WARN)

    @property
    def level_needed(self) -> int:
        """The supervisor level the authorizations need together; 0 when none do."""
        return max((f.level for f in self.authorizations), default=0)

    @property
    def flags(self) -> frozenset[str]:
        return frozenset().union(*(f.flags for f in self.findings))


def _spec(name: str, rules: Mapping[str, RuleSpec]) -> RuleSpec:
    try:
        return rules[name]
    except KeyError:
        raise ValueError(f"unknown risk rule {name!r}") from None


def validate_params(
    name: str, params: dict[str, Any], rules: Mapping[str, RuleSpec] = RULES
) -> BaseModel:
    """The params of rule ``name`` as the rule reads them; refused with a readable reason
    (``ValueError``)."""
    spec = _spec(name, rules)
    try:
        return spec.params.model_validate(params)
    except ValidationError as exc:
        reasons = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'params'}: {e['msg']}" for e in exc.errors()
        )
        raise ValueError(f"params of risk rule {name!r}: {reasons}") from None


def assess(ctx: RiskContext, rules: Mapping[str, RuleSpec] = RULES) -> Assessment:
    """Run, in template order, the rules the template names, and gather their findings.

    Two rules never both report a code: the most severe finding of a code stays
    (the earlier one on a tie).
    """
    kept: dict[str, tuple[int, Finding]] = {}
    order = 0
    for ref in ctx.template.rules:
        spec = _spec(ref.name, rules)
        params = spec.params.model_validate(ref.params)
        for found in spec.check(ctx, params):
            previous = kept.get(found.code)
            if previous is None or found.severity > previous[1].severity:
                kept[found.code] = (order, found)
            order += 1
    ranked = sorted(kept.values(), key=lambda item: (-item[1].severity, item[0]))
    return Assessment(tuple(found for _, found in ranked))


RULE_BOOK = RuleBook(RULE_NAMES, validate_params, RULE_NEEDS, money_needs=(CUSTOMER,))
"""What the template loader checks of each rule a template names (the name, the params, the
field roles it needs), and that a business moving money says whose money it is."""
