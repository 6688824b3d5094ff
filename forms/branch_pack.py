"""A branch pack: the queue's services, zones, counters and rules, in one TOML file.

Loaded and refused like the business templates: every problem names the file,
the key path and the reason (:class:`forms.loader.Problem`). Cross-checks:
a service's businesses must be template codes, a service's zone and a
counter's services must exist, prefixes, keys and numbers are unique.
The opening and closing checklists are read by :mod:`forms.checklist_pack`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from forms.checklist_pack import (
    Checklists,
    ChecklistSections,
    built_checklists,
    checklist_problems,
)
from forms.loader import Problem, named_problems, read_model
from forms.schema import KEY, NamedInBoth, Text
from workstation.domain.errors import WorkstationError
from workstation.domain.queue import Priority
from workstation.domain.queue_rule import QueueRule

DEFAULT_BRANCH_PACK = Path(__file__).with_name("branches") / "insurance.toml"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Zone(_Model):
    key: str = Field(pattern=KEY)
    name: Text


class _Service(_Model):
    key: str = Field(pattern=KEY)
    prefix: str = Field(pattern=r"^[A-Z]$")
    zone: str
    name: Text
    target_wait_minutes: int = Field(ge=1, le=480)
    daily_quota: int = Field(ge=1, le=9999)
    minutes_each: int = Field(ge=1, le=240)
    businesses: tuple[str, ...] = ()


class _Counter(_Model):
    number: str = Field(pattern=r"^[0-9]{2}$")
    primary: tuple[str, ...] = ()
    overflow: tuple[str, ...] = ()
    flexible: bool = False


class _Priority(_Model):
    run_cap: int = Field(default=2, ge=1, le=20)
    weights: dict[Priority, int] = Field(default_factory=dict)


class _Pack(_Model):
    service_phone: str = Field(min_length=1)
    opinion_book: Text
    no_show_after_calls: int = Field(default=2, ge=1, le=9)
    recall_cooldown_seconds: int = Field(default=15, ge=0, le=600)
    priority: _Priority = _Priority()
    zones: tuple[_Zone, ...] = Field(min_length=1)
    services: tuple[_Service, ...] = Field(min_length=1)
    counters: tuple[_Counter, ...] = Field(min_length=1)
    checklist: ChecklistSections = ChecklistSections()


@dataclass(frozen=True)
class ZoneSpec(NamedInBoth):
    key: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class ServiceSpec(NamedInBoth):
    key: str
    prefix: str
    zone: str
    name_zh: str
    name_en: str
    target_wait: timedelta
    daily_quota: int
    businesses: tuple[str, ...]
    """The business template codes this service handles."""
    minutes_each: int
    """Expected handling minutes per customer, for the estimate."""


@dataclass(frozen=True)
class CounterSpec:
    number: str
    primary: tuple[str, ...]
    overflow: tuple[str, ...]
    flexible: bool
    """Overflow for every service; serves only while its window is open."""


@dataclass(frozen=True)
class BranchPack:
    zones: tuple[ZoneSpec, ...]
    services: tuple[ServiceSpec, ...]
    counters: tuple[CounterSpec, ...]
    priority_weights: dict[Priority, int]
    priority_run_cap: int
    no_show_after_calls: int
    recall_cooldown: timedelta
    service_phone: str
    opinion_book_zh: str
    opinion_book_en: str
    checklists: Checklists = field(default_factory=Checklists)
    """The opening (营业前准备) and closing checklists."""

    def service(self, key: str) -> ServiceSpec | None:
        return next((s for s in self.services if s.key == key), None)

    def zone(self, key: str) -> ZoneSpec | None:
        return next((z for z in self.zones if z.key == key), None)

    def counter(self, number: str) -> CounterSpec | None:
        return next((c for c in self.counters if c.number == number), None)

    def services_for(self, counter: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The services a counter calls: (primary, overflow); none for an unknown counter."""
        spec = self.counter(counter)
        if spec is None:
            return (), ()
        if spec.flexible:
            rest = tuple(s.key for s in self.services if s.key not in spec.primary)
            return spec.primary, rest
        return spec.primary, tuple(s for s in spec.overflow if s not in spec.primary)

    def counters_for(self, service: str) -> tuple[str, ...]:
        """The counters that may call a service (primary or overflow)."""
        return tuple(
            c.number for c in self.counters if service in sum(self.services_for(c.number), ())
        )

    @property
    def rule(self) -> QueueRule:
        return QueueRule(dict(self.priority_weights), self.priority_run_cap)


class BranchPackProblems(WorkstationError):
    """The branch pack was refused; ``problems`` lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        reason = first.reason
        super().__init__(
            "branch_pack.refused", count=len(problems), path=str(first.path), key=first.key,
            reason=reason,
        )  # fmt: skip
        self.problems = problems


def _cross_problems(
    pack: _Pack, codes: Collection[str] | None
) -> Iterator[tuple[str, str, dict[str, str]]]:
    zones = {z.key for z in pack.zones}
    services = {s.key for s in pack.services}
    for what, keys in (
        ("zones", [z.key for z in pack.zones]),
        ("services", [s.key for s in pack.services]),
        ("services.prefix", [s.prefix for s in pack.services]),
        ("counters", [c.number for c in pack.counters]),
    ):
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                yield what, "duplicate_key", {"key": key, "what": what}
            seen.add(key)
    for i, service in enumerate(pack.services):
        where = f"services[{i}]({service.key})"
        if service.zone not in zones:
            yield f"{where}.zone", "unknown_zone", {"zone": service.zone}
        for code in service.businesses:
            if codes is not None and code not in codes:
                yield f"{where}.businesses", "unknown_business", {"code": code}
    for i, counter in enumerate(pack.counters):
        for side in ("primary", "overflow"):
            for key in getattr(counter, side):
                if key not in services:
                    where = f"counters[{i}]({counter.number}).{side}"
                    yield where, "unknown_service", {"service": key}
    yield from checklist_problems(pack.checklist)


def _built(pack: _Pack) -> BranchPack:
    return BranchPack(
        zones=tuple(ZoneSpec(z.key, z.name.zh, z.name.en) for z in pack.zones),
        services=tuple(
            ServiceSpec(
                key=s.key,
                prefix=s.prefix,
                zone=s.zone,
                name_zh=s.name.zh,
                name_en=s.name.en,
                target_wait=timedelta(minutes=s.target_wait_minutes),
                daily_quota=s.daily_quota,
                businesses=s.businesses,
                minutes_each=s.minutes_each,
            )
            for s in pack.services
        ),
        counters=tuple(
            CounterSpec(c.number, c.primary, c.overflow, c.flexible) for c in pack.counters
        ),
        priority_weights={Priority.NONE: 0, **pack.priority.weights},
        priority_run_cap=pack.priority.run_cap,
        no_show_after_calls=pack.no_show_after_calls,
        recall_cooldown=timedelta(seconds=pack.recall_cooldown_seconds),
        service_phone=pack.service_phone,
        opinion_book_zh=pack.opinion_book.zh,
        opinion_book_en=pack.opinion_book.en,
        checklists=built_checklists(pack.checklist),
    )


def check_branch_pack(
    path: Path, codes: Collection[str] | None = None
) -> BranchPack | list[Problem]:
    """The pack, or what is wrong with it; ``codes`` are the business template codes known."""
    pack = read_model(path, _Pack)
    if isinstance(pack, list):
        return pack
    problems = named_problems(path, _cross_problems(pack, codes))
    return problems or _built(pack)


def load_branch_pack(
    path: Path = DEFAULT_BRANCH_PACK, codes: Collection[str] | None = None
) -> BranchPack:
    """The pack, or :class:`BranchPackProblems` naming everything wrong."""
    checked = check_branch_pack(path, codes)
    if isinstance(checked, list):
        raise BranchPackProblems(checked)
    return checked
