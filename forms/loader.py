"""Loading template folders: every problem names the file, the key path and the reason."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from forms.effect import effect_problems
from forms.fields import check
from forms.roles import RoleNeed, role_problems, unmet
from forms.schema import Template
from workstation.domain.errors import WorkstationError
from workstation.domain.flows import Direction
from workstation.domain.i18n import Catalog, Msg, msg

M = TypeVar("M", bound=BaseModel)

BUILTIN_PACKS = (Path(__file__).with_name("templates") / "insurance",)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one template file."""

    path: Path
    key: str
    reason: Msg

    def render(self, t: Catalog) -> str:
        return t("template.problem", path=str(self.path), key=self.key, reason=self.reason)


class TemplateProblems(WorkstationError):
    """Templates were refused; ``problems`` lists every one."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        first = problems[0]
        super().__init__(
            "template.refused",
            count=len(problems),
            path=str(first.path),
            key=first.key,
            reason=first.reason,
        )
        self.problems = list(problems)


def key_path(loc: Iterable[object], data: dict[str, Any]) -> str:
    parts: list[str] = []
    node: object = data
    for part in loc:
        child = _child(node, part)
        if isinstance(part, int):
            key = child.get("key") if isinstance(child, dict) else None
            parts[-1] += f"[{part}]" + (f"({key})" if isinstance(key, str) else "")
        else:
            parts.append(str(part))
        node = child
    return ".".join(parts) or "(file)"


def _child(node: object, part: object) -> object:
    """``node[part]`` where the TOML has it (a table's key, a list's index), else None."""
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and part < len(node):
        return node[part]
    return None


def reason_of(error: Mapping[str, Any]) -> Msg:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "enum":  # a value outside an enum reads as outside a list of literals
        kind = "literal_error"
    if kind in _CATALOGUED:
        return msg(f"template.reason.{kind}", **{k: str(v) for k, v in ctx.items()})
    return msg("template.reason.other", detail=error["msg"])


_CATALOGUED = {
    "missing",
    "extra_forbidden",
    "literal_error",
    "string_pattern_mismatch",
    "string_too_short",
    "too_short",
    "choice_options",
    "constraint_type",
    "money_none",
    "money_needs",
    "show_when_field",
    "show_when_values",
    "agent_document",
    "amount_field",
    "receipt_field",
    "duplicate_key",
    "choice_needed",
    "choice_mismatch",
    "effect_status",
    "effect_needs",
}


ParamsCheck = Callable[[str, dict[str, Any]], object]
"""Raises ValueError with a reason when a rule's params do not fit it."""


@dataclass(frozen=True)
class RuleBook:
    """What the loader knows of the risk rules; the services, which own the rules, fill it in."""

    names: Collection[str]
    check_params: ParamsCheck | None = None
    needs: Mapping[str, Collection[RoleNeed]] = field(default_factory=dict)
    """The field roles each rule reads and cannot do without."""
    money_needs: Collection[RoleNeed] = ()
    """The field roles a business that moves money must declare, whatever its rules: the
    posting records whose money it is, and every later AML sum of the day reads that."""


def _book(rules: RuleBook | Collection[str]) -> RuleBook:
    """Names alone check the names only (as some tests want)."""
    return rules if isinstance(rules, RuleBook) else RuleBook(rules)


def _rule_problems(path: Path, template: Template, rules: RuleBook) -> list[Problem]:
    problems = []
    for i, rule in enumerate(template.rules):
        if rule.name not in rules.names:
            reason = msg("template.reason.unknown_rule", name=rule.name)
            problems.append(Problem(path, f"rules[{i}].name", reason))
            continue
        if rules.check_params is not None:
            try:
                rules.check_params(rule.name, rule.params)
            except ValueError as exc:
                reason = msg("template.reason.bad_params", detail=str(exc))
                problems.append(Problem(path, f"rules[{i}].params", reason))
        for missing in unmet(template, rules.needs.get(rule.name, ())):
            reason = msg("template.reason.rule_needs", name=rule.name, roles=str(missing))
            problems.append(Problem(path, f"rules[{i}].name", reason))
    if template.money.direction is not Direction.NONE:
        for missing in unmet(template, rules.money_needs):
            reason = msg("template.reason.money_needs_role", roles=str(missing))
            problems.append(Problem(path, "money.direction", reason))
    return problems


def named_problems(path: Path, found: Iterable[tuple[str, str, dict[str, str]]]) -> list[Problem]:
    """Cross-check misses, each (key path, reason kind, its params), as problems of ``path``."""
    return [
        Problem(path, key, msg(f"template.reason.{kind}", **params)) for key, kind, params in found
    ]


def read_model(path: Path, model: type[M]) -> M | list[Problem]:
    """The TOML file at ``path`` as ``model``, or what is wrong with it: unreadable, not
    TOML, or each place it is not the model, named by its key path."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(path, "(file)", msg("template.reason.unreadable", detail=str(exc)))]
    except tomllib.TOMLDecodeError as exc:
        return [Problem(path, "(file)", msg("template.reason.bad_toml", detail=str(exc)))]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        return [Problem(path, key_path(e["loc"], data), reason_of(e)) for e in exc.errors()]


def load_file(
    path: Path, rules: RuleBook | Collection[str], today: date
) -> Template | list[Problem]:
    """One template, or what is wrong with it."""
    template = read_model(path, Template)
    if isinstance(template, list):
        return template
    problems = named_problems(path, (*role_problems(template), *effect_problems(template)))
    problems += _rule_problems(path, template, _book(rules))
    for i, spec in enumerate(template.fields):
        checked = check(spec, spec.sample, today, required=True)
        if not checked.ok:
            key = f"fields[{i}]({spec.key}).sample"
            problems.append(
                Problem(path, key, msg("template.reason.bad_sample", problem=checked.problem))
            )
    return problems or template


def load_templates(
    folders: Sequence[Path], rules: RuleBook | Collection[str], today: date
) -> tuple[list[Template], list[Problem]]:
    """Every ``*.toml`` in the folders, in name order; duplicates of a code or key are refused."""
    templates: list[Template] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], Path] = {}
    for folder in folders:
        if not folder.is_dir():
            problems.append(Problem(folder, "(folder)", msg("template.reason.no_folder")))
            continue
        for path in sorted(folder.glob("*.toml")):
            loaded = load_file(path, rules, today)
            if isinstance(loaded, list):
                problems += loaded
                continue
            clash = [
                (a, v) for a, v in (("code", loaded.code), ("key", loaded.key)) if (a, v) in seen
            ]
            for attribute, value in clash:
                other = seen[(attribute, value)]
                reason = msg("template.reason.duplicate", value=value, other=str(other))
                problems.append(Problem(path, attribute, reason))
            if not clash:
                seen[("code", loaded.code)] = seen[("key", loaded.key)] = path
                templates.append(loaded)
    return templates, problems


def load_pack(
    folders: Sequence[Path], rules: RuleBook | Collection[str], today: date
) -> list[Template]:
    """The templates, or :class:`TemplateProblems` listing everything wrong.

    Give the services' :data:`~workstation.services.risk.rules.RULE_BOOK` to check each
    rule's params and the field roles it needs; names alone check the names only.
    """
    templates, problems = load_templates(folders, rules, today)
    if problems:
        raise TemplateProblems(problems)
    return sorted(templates, key=lambda template: template.code)
