"""Reading the configuration file, without validating it yet.

Validation needs pydantic, which takes longer to import than the whole rest of
the start-up path. The TUI therefore reads the file here, takes the few
values it needs for its first screen (language, idle minutes, time zone), and validates
the whole file with :func:`workstation.config.parse_config` in the worker that
opens the database; a bad file still stops it before anyone can sign in.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import LANGUAGES

APP_NAME = "counter-workstation"


class ConfigError(WorkstationError):
    """The configuration file is missing, unreadable or invalid."""


def default_config_path() -> Path:
    """Where the configuration lives unless ``--config`` says otherwise."""
    if env := os.environ.get("WORKSTATION_CONFIG"):
        return Path(env)
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def default_data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME)


def default_log_dir() -> Path:
    """Where the log files go unless ``[logging] folder`` says otherwise (tests patch this)."""
    import platformdirs

    return platformdirs.user_log_path(APP_NAME)


def read_config_file(path: Path | None = None) -> tuple[dict[str, Any], Path]:
    """The file's TOML as a dict, and its path; a missing or broken file is refused."""
    path = path or default_config_path()
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh), path
    except FileNotFoundError:
        raise ConfigError("config.missing", path=str(path)) from None
    except OSError as exc:
        raise ConfigError("config.unreadable", path=str(path), reason=exc.strerror) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("config.bad_toml", path=str(path), reason=str(exc)) from None


@dataclass(frozen=True)
class UiHints:
    """What the first screen needs before the file is validated."""

    language: str = "zh"
    idle_lock_minutes: float = 5
    timezone: str = "Asia/Shanghai"
    """The branch's zone for the clock of the first screen (validated with the whole file)."""


def _section(data: dict[str, Any], name: str) -> dict[str, Any]:
    section = data.get(name)
    return section if isinstance(section, dict) else {}


def ui_hints(data: dict[str, Any]) -> UiHints:
    ui, branch = _section(data, "ui"), _section(data, "branch")
    language = ui.get("language", "zh")
    idle = ui.get("idle_lock_minutes", 5)
    zone = branch.get("timezone", UiHints.timezone)
    return UiHints(
        language if language in LANGUAGES else "zh",
        idle if isinstance(idle, int | float) and 0 < idle <= 120 else 5,
        zone if isinstance(zone, str) else UiHints.timezone,
    )


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


@dataclass(frozen=True)
class LogSettings:
    """The ``[logging]`` section as the log needs it: where, how much, what is slow."""

    folder: Path
    level: str = "INFO"
    max_bytes: int = 5 * 1024 * 1024
    """A file is rotated when it would grow past this (5 MiB by default)."""
    backups: int = 5
    """Rotated files kept beside it: ``counter-01.log.1`` … ``.5`` (30 MiB at most by default)."""
    slow_ms: float = 500
    """An operation taking longer than this is logged as slow."""


def log_settings(
    folder: Path | None = None,
    level: str = "INFO",
    max_kib: int = 5120,
    backups: int = 5,
    slow_ms: float = 500,
) -> LogSettings:
    """Settings with the platform log directory (:func:`default_log_dir`) when no folder is set."""
    return LogSettings(folder or default_log_dir(), level, max_kib * 1024, backups, slow_ms)


def log_hints(data: dict[str, Any]) -> LogSettings:
    """The ``[logging]`` section read before validation; what is not right gets the default.

    The log starts before pydantic checks the file (which then refuses a wrong value).
    """
    section = data.get("logging")
    raw: dict[str, Any] = section if isinstance(section, dict) else {}
    folder, level = raw.get("folder"), str(raw.get("level", "INFO")).upper()
    size = _number(raw.get("max_kib"), 16)
    keep = _number(raw.get("backups"), 1)
    slow = _number(raw.get("slow_ms"), 1)
    return log_settings(
        Path(folder) if isinstance(folder, str) and folder else None,
        level if level in LOG_LEVELS else "INFO",
        int(size) if size is not None else 5120,
        int(keep) if keep is not None else 5,
        slow if slow is not None else 500,
    )


def _number(value: object, least: float) -> float | None:
    """``value`` if it is a number of at least ``least`` (not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < least:
        return None
    return value
