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
