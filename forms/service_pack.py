"""The service pack: what the teller says at each step, the emergency playbooks, the thresholds.

One TOML file (``forms/branches/insurance_service.toml``), loaded and refused like
the branch pack (:mod:`forms.branch_pack`): every problem names the file, the key
path and the reason. The prompts follow the standard 来有迎声，问有答声，走有送声;
a greeting must name the ticket (``{ticket}``) and no text may use another
placeholder. A playbook (服务应急) is a key, a name, an optional notice for the
calling display and its steps; keys are unique.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from string import Formatter

from pydantic import BaseModel, ConfigDict, Field, field_validator

from forms.loader import Problem, read_model
from forms.schema import KEY, Text
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import msg

DEFAULT_SERVICE_PACK = Path(__file__).with_name("branches") / "insurance_service.toml"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Prompts(_Model):
    greeting: Text
    """On call: ``{ticket}`` is the ticket's number."""
    first_ask: Text
    """On start: the first question."""
    farewell: Text
    """On finish: goodbye, and please rate our service."""

    def greet(self, ticket: str) -> Text:
        g = self.greeting
        return Text(zh=g.zh.format(ticket=ticket), en=g.en.format(ticket=ticket))


class Thresholds(_Model):
    wait_factor: int = Field(default=2, ge=1, le=10)
    """A zone's longest wait over this many times its target suggests the flexible window."""
    max_waiting: int = Field(default=15, ge=1, le=999)
    """More than this many waiting in a zone suggests it too."""


class Staffing(_Model):
    """The staffing advisor's goals (Erlang C, :mod:`workstation.domain.erlang`)."""

    service_level: float = Field(default=0.8, gt=0, lt=1)
    """The share of customers to be called within their service's target wait."""
    max_occupancy: float = Field(default=0.85, gt=0, le=1)
    """No window busier than this share of its time."""
    shrinkage: float = Field(default=0.3, ge=0, lt=1)
    """The share of rostered time not at the window (breaks, back office, training)."""
    history_weeks: int = Field(default=4, ge=1, le=26)
    """Tomorrow's plan reads this many past weeks of the same day type."""
    window_minutes: int = Field(default=30, ge=5, le=120)
    """The live advisor counts arrivals over this many minutes."""
    opening_hours: tuple[int, int] = (8, 17)
    """The hours the plan covers: from the first to before the second (branch time)."""

    @field_validator("opening_hours")
    @classmethod
    def _hours(cls, hours: tuple[int, int]) -> tuple[int, int]:
        if not 0 <= hours[0] < hours[1] <= 24:
            raise ValueError("opening_hours: first < second, both within 0..24")
        return hours


class Playbook(_Model):
    key: str = Field(pattern=KEY)
    name: Text
    notice: Text | None = None
    """What the calling display tells customers while the incident is open (None: nothing)."""
    steps: tuple[Text, ...] = Field(min_length=1)


class ServicePack(_Model):
    prompts: Prompts
    thresholds: Thresholds = Thresholds()
    staffing: Staffing = Staffing()
    playbooks: tuple[Playbook, ...] = Field(min_length=1)

    def playbook(self, key: str) -> Playbook | None:
        return next((p for p in self.playbooks if p.key == key), None)


class ServicePackProblems(WorkstationError):
    """The service pack was refused; ``problems`` lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(
            "service_pack.refused", count=len(problems), path=str(first.path), key=first.key,
            reason=first.reason,
        )  # fmt: skip
        self.problems = problems


def _fields(text: str) -> set[str] | None:
    """The placeholders of ``text``; None if it is not a valid format string."""
    try:
        return {name for _, name, _, _ in Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _text_problems(key: str, text: Text, needed: frozenset[str]) -> Iterator[tuple[str, str]]:
    for lang in ("zh", "en"):
        found = _fields(text.get(lang))
        if found is None or found != needed:
            yield f"{key}.{lang}", ", ".join(sorted(needed)) or "-"


def _problems(path: Path, pack: ServicePack) -> list[Problem]:
    ticket, none = frozenset({"ticket"}), frozenset[str]()
    texts = [("prompts.greeting", pack.prompts.greeting, ticket)]
    texts += [(f"prompts.{k}", getattr(pack.prompts, k), none) for k in ("first_ask", "farewell")]
    problems = [
        Problem(path, where, msg("service_pack.reason.placeholders", allowed=allowed))
        for key, text, needed in texts
        for where, allowed in _text_problems(key, text, needed)
    ]
    seen: set[str] = set()
    for i, playbook in enumerate(pack.playbooks):
        if playbook.key in seen:
            reason = msg("template.reason.duplicate_key", key=playbook.key, what="playbooks")
            problems.append(Problem(path, f"playbooks[{i}]({playbook.key})", reason))
        seen.add(playbook.key)
    return problems


def check_service_pack(path: Path) -> ServicePack | list[Problem]:
    """The pack, or what is wrong with it."""
    pack = read_model(path, ServicePack)
    if isinstance(pack, list):
        return pack
    return _problems(path, pack) or pack


@lru_cache(maxsize=8)
def load_service_pack(path: Path = DEFAULT_SERVICE_PACK) -> ServicePack:
    """The pack (read once per path), or :class:`ServicePackProblems` naming everything wrong."""
    checked = check_service_pack(path)
    if isinstance(checked, list):
        raise ServicePackProblems(checked)
    return checked
