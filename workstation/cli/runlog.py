"""The log of one run of ``workstation``: configured once at start, a start and a stop line.

The TUI of counter NN logs to ``counter-NN.log``, every other command to ``admin.log``
(see :mod:`workstation.logs.setup`). The configuration file is read here without
validation, as for the first screen: a file with mistakes still gets its run logged,
and the command then refuses it as before.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any

import click

from workstation import __version__
from workstation.configfile import (
    ConfigError,
    LogSettings,
    default_config_path,
    read_config_file,
    ui_hints,
)
from workstation.domain.clock import DEFAULT_ZONE, zone_named
from workstation.logs.events import log_if_slow
from workstation.logs.setup import configure_logging

log = logging.getLogger(__name__)
RUN = "workstation.run"
"""Where the run is kept in ``click.Context.meta`` (shared by every context of the run)."""
OPERATION = "workstation.operation"
"""The command as typed (``journal verify``), set when click resolves it."""
now = time.perf_counter
"""The clock a run is timed with (tests move it)."""
INTERACTIVE = "workstation.interactive"
"""Set when the run opened the TUI: its length is a person's session, never slow."""


@dataclass(frozen=True)
class Run:
    program: str
    settings: LogSettings
    path: Path | None
    """The log file, or None when it could not be opened (the run goes on without a log)."""
    started: float


def read_leniently(path: Path | None) -> tuple[dict[str, Any], Path, ConfigError | None]:
    """The raw configuration and its path, or an empty one and why it could not be read."""
    try:
        data, found = read_config_file(path)
    except ConfigError as problem:
        return {}, path or default_config_path(), problem
    return data, found, None


def begin(ctx: click.Context, settings: LogSettings, program: str, data: dict[str, Any]) -> Run:
    """Configure the log for this run and write its start line."""
    path = configure_logging(settings, program, _zone(data))
    run = Run(program, settings, path, now())
    ctx.meta[RUN] = run
    log.info(
        "start version=%s program=%s command=%s branch=%s counter=%s",
        __version__,
        program,
        ctx.meta.get(OPERATION) or "tui",
        _branch(data).get("code", "-"),
        counter_of(data) or "-",
    )
    return run


def _branch(data: dict[str, Any]) -> dict[str, Any]:
    found = data.get("branch")
    return found if isinstance(found, dict) else {}


def _zone(data: dict[str, Any]) -> tzinfo:
    """The branch's zone as the raw file names it (the default until the file is validated)."""
    try:
        return zone_named(ui_hints(data).timezone)
    except ValueError:
        return DEFAULT_ZONE


def counter_of(data: dict[str, Any]) -> object:
    """The counter number the raw configuration names (checked when the file is validated)."""
    return _branch(data).get("counter")


def end(ctx: click.Context, status: object) -> None:
    """The stop line (and a slow line for a command over the threshold); nothing if no log."""
    run: Run | None = ctx.meta.get(RUN)
    if run is None:
        return
    took = (now() - run.started) * 1000
    operation = ctx.meta.get(OPERATION)
    shown = operation or "tui"
    log.info("stop program=%s command=%s exit=%s took_ms=%.0f", run.program, shown, status, took)
    if operation and not ctx.meta.get(INTERACTIVE):  # a batch command: noted, not a problem
        log_if_slow(log, f"cli:{operation}", took, run.settings.slow_ms, logging.INFO)


def interactive() -> None:
    """This run opens the TUI (see :data:`INTERACTIVE`)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[INTERACTIVE] = True


def operation(group: click.Group, ctx: click.Context, name: str, args: list[str]) -> str:
    """``journal verify``: the command and, for a group, the subcommand named next."""
    command = group.get_command(ctx, name)
    if isinstance(command, click.Group):
        sub = next((arg for arg in args if not arg.startswith("-")), None)
        if sub is not None and command.get_command(ctx, sub) is not None:
            return f"{name} {sub}"
    return name
