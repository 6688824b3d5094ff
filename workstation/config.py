"""The workstation's one configuration file (TOML), validated with pydantic.

Built once at start-up and passed in; nothing reads it from a global.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, cast
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from forms.schema import Category
from workstation.configfile import (
    LOG_LEVELS,
    ConfigError,
    LogSettings,
    default_data_dir,
    log_settings,
    read_config_file,
)
from workstation.domain.clock import DEFAULT_TIMEZONE, zone_named
from workstation.domain.i18n import msg
from workstation.domain.limits import DEFAULT_LOCKOUT, DEFAULT_THRESHOLDS, LockoutPolicy, Thresholds

RISK, LOCKOUT = DEFAULT_THRESHOLDS, DEFAULT_LOCKOUT


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSection(_Section):
    url: str
    """SQLAlchemy URL; ``sqlite:///path`` or ``postgresql+psycopg://user@host/db``."""
    pg_bin: Path | None = None
    """The folder of pg_dump and pg_restore, when not on PATH (``$WORKSTATION_PG_BIN`` wins)."""

    @field_validator("url")
    @classmethod
    def _no_password(cls, url: str) -> str:
        scheme, sep, rest = url.partition("://")
        if not sep or not scheme:
            raise PydanticCustomError("url_scheme", "not a database URL")
        if scheme.split("+")[0] not in ("sqlite", "postgresql"):
            raise PydanticCustomError("url_dialect", "only sqlite and postgresql are supported")
        userinfo = rest.split("@", 1)[0] if "@" in rest.split("/", 1)[0] else ""
        if ":" in userinfo:
            raise PydanticCustomError("url_has_password", "the password belongs in keyring")
        return url


class BranchSection(_Section):
    code: str = Field(pattern=r"^[A-Z0-9]{2,8}$")
    counter: str = Field(pattern=r"^[0-9]{2}$")
    timezone: str = DEFAULT_TIMEZONE
    """The branch's IANA time zone: times are stored in UTC and shown in this zone."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            zone_named(name)
        except ValueError:
            raise PydanticCustomError("timezone", "unknown time zone") from None
        return name

    @property
    def zone(self) -> ZoneInfo:
        return zone_named(self.timezone)


class UiSection(_Section):
    language: Literal["zh", "en"] = "zh"
    idle_lock_minutes: float = Field(default=5, gt=0, le=120)


class SecuritySection(_Section):
    max_failed_sign_ins: int = Field(default=LOCKOUT.max_failed, ge=1, le=20)
    lockout_minutes: float = Field(default=LOCKOUT.minutes, gt=0, le=1440)
    max_failed_overrides: int = Field(default=LOCKOUT.max_failed_overrides, ge=1, le=20)
    """Wrong passwords in a row, typed into an approval, that lock the supervisor."""

    def lockout(self) -> LockoutPolicy:
        return LockoutPolicy(
            self.max_failed_sign_ins, self.lockout_minutes, self.max_failed_overrides
        )


class OutputSection(_Section):
    folder: Path = Field(default_factory=lambda: default_data_dir() / "output")


class RiskSection(_Section):
    """Thresholds of the risk checks, in yuan, and the watch-list file."""

    teller_limit: Decimal = Field(default=RISK.teller_limit, gt=0)
    level1_limit: Decimal = Field(default=RISK.level1_limit, gt=0)
    large_cash: Decimal = Field(default=RISK.large_cash, gt=0)
    cash_premium_due_diligence: Decimal = Field(default=RISK.cash_premium_due_diligence, gt=0)
    payout_due_diligence: Decimal = Field(default=RISK.payout_due_diligence, gt=0)
    structuring_margin: Decimal = Field(default=RISK.structuring_margin, gt=0, lt=1)
    till_limit: Decimal = Field(default=RISK.till_limit, gt=0)
    premium_categories: tuple[Category, ...] = Field(
        default=cast("tuple[Category, ...]", RISK.premium_categories), min_length=1
    )
    """Template categories whose cash in counts as premium for the cash-premium check."""
    watch_list: Path | None = None
    """CSV with columns id_number,name,reason; none configured means an empty list."""

    def thresholds(self) -> Thresholds:
        """The limits the risk checks use: every field of :class:`Thresholds`, from here."""
        return Thresholds(**{name: getattr(self, name) for name in Thresholds.__dataclass_fields__})


class TillSection(_Section):
    tolerance: Decimal = Field(default=Decimal("0"), ge=0, le=1000)
    """Over or short at close (yuan) that closes without a supervisor; 0 by default."""


class PrintingSection(_Section):
    font: Path | None = None
    """A TrueType CJK font file; found by itself when not set."""
    printer: str | None = None
    """A printer (CUPS queue) to send receipts to with lp; none means PDFs in the output folder."""


class FormsSection(_Section):
    folders: tuple[Path, ...] = ()
    """Template folders loaded after the built-in insurance pack."""


class QueueSection(_Section):
    pack: Path | None = None
    """The branch pack (services, zones, counters, the queue rule); none: the shipped
    insurance pack (``forms/branches/insurance.toml``)."""
    service_pack: Path | None = None
    """The service pack (the teller's prompts, incident playbooks, crowd thresholds); none:
    the shipped ``forms/branches/insurance_service.toml``."""


class LoggingSection(_Section):
    """The log file: where, what level, when it rotates, what counts as slow."""

    folder: Path | None = None
    """None: the platform log directory (``~/.local/state/counter-workstation/log`` on Linux)."""
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_kib: int = Field(default=5120, ge=16, le=1_048_576)
    """A log file rotates when it would pass this size (KiB); 5 MiB by default."""
    backups: int = Field(default=5, ge=1, le=100)
    """Rotated files kept (``.1`` … ``.5``)."""
    slow_ms: float = Field(default=500, gt=0, le=600_000)
    """A service call or command taking longer than this is logged as slow."""

    @field_validator("level", mode="before")
    @classmethod
    def _upper(cls, level: object) -> object:
        return level.upper() if isinstance(level, str) and level.upper() in LOG_LEVELS else level

    def settings(self) -> LogSettings:
        return log_settings(self.folder, self.level, self.max_kib, self.backups, self.slow_ms)


class VoiceSection(_Section):
    """Calls spoken on the display host (espeak-ng, offline); a chime when speech fails."""

    enabled: bool = True
    voice: str = Field(default="cmn-latn-pinyin", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
    """An espeak-ng voice; ``cmn-latn-pinyin`` is given pinyin (Debian's ``cmn`` misreads)."""
    rate: int = Field(default=150, ge=80, le=400)
    """Words per minute (espeak-ng ``-s``; its own default is 175): slower carries in a hall."""


class Config(_Section):
    database: DatabaseSection
    branch: BranchSection
    ui: UiSection = UiSection()
    security: SecuritySection = SecuritySection()
    output: OutputSection = Field(default_factory=OutputSection)
    forms: FormsSection = FormsSection()
    risk: RiskSection = RiskSection()
    printing: PrintingSection = PrintingSection()
    till: TillSection = TillSection()
    logging: LoggingSection = LoggingSection()
    voice: VoiceSection = VoiceSection()
    queue: QueueSection = QueueSection()


def _reason(error: ErrorDetails) -> object:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        limit = next(iter(ctx.values()), "")
        if isinstance(limit, float):
            limit = f"{limit:g}"
        return msg(f"config.reason.{kind}", limit=limit)
    if kind == "literal_error":
        return msg("config.reason.literal_error", expected=ctx.get("expected", ""))
    known = {
        "extra_forbidden",
        "missing",
        "int_parsing",
        "int_from_float",
        "float_parsing",
        "string_type",
        "string_pattern_mismatch",
        "url_scheme",
        "url_dialect",
        "url_has_password",
        "model_type",
        "timezone",
        "bool_parsing",
        "bool_type",
    }
    return msg(f"config.reason.{kind}") if kind in known else error["msg"]


def parse_config(data: dict[str, Any], source: Path) -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(root)"
        raise ConfigError(
            "config.invalid", path=str(source), key=key, reason=_reason(first)
        ) from None


def load_config(path: Path | None = None) -> Config:
    """Read and validate the file; any problem names the file, the key and the reason."""
    data, path = read_config_file(path)
    return parse_config(data, path)


def render_config(config: Config) -> str:
    """The TOML text of a configuration, for ``init`` and ``demo`` to write."""
    sections = config.model_dump(mode="json")
    lines: list[str] = []
    for name, values in sections.items():
        lines.append(f"[{name}]")
        for key, value in values.items():
            if value is not None:  # TOML has no null: leave the key out
                lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: object) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
