"""What the commands share: error handling, options, opening the database."""

from __future__ import annotations

import getpass
import importlib
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from workstation.cli.runlog import OPERATION, end, operation
from workstation.domain.errors import SystemRefused, WorkstationError
from workstation.domain.i18n import LANGUAGES, Catalog, both
from workstation.logs.events import log_error, log_refusal

if TYPE_CHECKING:
    from collections.abc import Callable

    from click.decorators import FC

    from workstation.config import Config
    from workstation.db.engine import Database
    from workstation.domain.clock import Clock
    from workstation.services.journal import Journal

log = logging.getLogger(__name__)

DAY = click.DateTime(formats=["%Y-%m-%d"])
"""A date typed as YYYY-MM-DD (click gives the command a datetime at midnight)."""

language_option = click.option(
    "--lang", type=click.Choice(LANGUAGES), default=None, help="Language: zh (default) or en."
)


def path_option(
    flag: str, dest: str, help: str, *, required: bool = False, **path: bool
) -> Callable[[FC], FC]:
    """An option naming a file or folder, given to the command as a Path (None if left out);
    ``path`` is what ``click.Path`` checks (dir_okay=False, exists=True, …)."""
    return click.option(
        flag, dest, required=required, type=click.Path(path_type=Path, **path), help=help
    )


def demo_option(doing: str) -> Callable[[FC], FC]:
    """``--demo DIR``: ``doing`` the demo running in DIR, not the configuration; the
    command gets it as ``demo_dir`` (for ``workstation.cli.displaycmd.station_opener``)."""
    help = (
        f"{doing} the demo running in DIR (workstation demo --data-dir DIR), not the configuration."
    )
    return path_option("--demo", "demo_dir", help, file_okay=False)


class LazyGroup(click.Group):
    """Imports a subcommand's module only when it is called; turns refusals into one line.

    ``lazy`` maps a command name to ``"module:attribute"``.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            module, attribute = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if name is not None:
            ctx.meta[OPERATION] = operation(self, ctx, name, rest)
        return name, command, rest

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; its stop line (exit status, time, slow or not) goes to the log."""
        status: object = "interrupted"
        try:
            result = self._refusals_as_one_line(ctx)
            status = 0
            return result
        except SystemExit as done:
            status = done.code
            raise
        except (click.exceptions.Exit, click.ClickException) as done:
            status = done.exit_code
            raise
        except click.Abort:
            status = "abort"
            raise
        except Exception as error:  # a bug: its traceback goes to the log, then as before
            status = "error"
            log_error(log, error, ctx.meta.get(OPERATION))
            raise
        finally:
            end(ctx, status)

    def _refusals_as_one_line(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except WorkstationError as error:
            fail(error)
        except OSError as error:  # a full disk, a read-only folder: the system's words, one line
            fail(SystemRefused(error))


def fail(error: WorkstationError) -> NoReturn:
    """The one way a command fails: one line in both languages on stderr, exit status 1.

    The log gets the message's key and its non-personal values, not the text.
    """
    log_refusal(log, error.msg)
    click.echo(f"{both('cli.error')}: {error}", err=True)
    sys.exit(1)


@dataclass
class Context:
    config_path: Path | None
    lang: str | None
    _config: Config | None = None

    def config(self) -> Config:
        if self._config is None:
            from workstation.config import load_config

            self._config = load_config(self.config_path)
        return self._config

    def has_config(self) -> bool:
        """Whether a configuration file exists to be read (it may still be invalid)."""
        from workstation.configfile import default_config_path

        return (self.config_path or default_config_path()).exists()

    def catalog(self) -> Catalog:
        lang = self.lang
        if lang is None:
            try:
                lang = self.config().ui.language
            except WorkstationError:
                lang = "zh"
        return Catalog.load(lang)


def actor() -> str:
    """Who ran an administrative command, as the journal records it."""
    try:
        return f"os:{getpass.getuser()}"
    except (KeyError, OSError):
        return "os:unknown"


def read_password(stdin: bool, t: Catalog, confirm: bool = True) -> str:
    if stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return click.prompt(
        t("cli.password_prompt"),
        hide_input=True,
        confirmation_prompt=t("cli.password_repeat") if confirm else False,
    )


@dataclass
class Opened:
    """A database with the journal, for administrative commands."""

    config: Config
    db: Database
    journal: Journal
    clock: Clock
    key: bytes
    """The journal key (receipts derive theirs from it)."""


def open_admin(ctx: Context) -> Opened:
    from workstation.domain.clock import SystemClock
    from workstation.secrets import Secrets
    from workstation.services.journal import Journal
    from workstation.station import connect

    config = ctx.config()
    secrets = Secrets()
    key = secrets.journal_key()
    db = connect(config, secrets)
    clock = SystemClock(config.branch.zone)
    return Opened(config, db, Journal(key, clock), clock, key)
