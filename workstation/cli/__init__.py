"""``workstation``: run the TUI, or administer a branch from the command line.

Only click and the raw configuration file are loaded up front; subcommands
are imported when called, and the configuration is validated (pydantic) in
the worker that opens the station, so the sign-in screen appears quickly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workstation.cli.common import Context, LazyGroup, language_option
from workstation.configfile import read_config_file, ui_hints

if TYPE_CHECKING:  # the entry point: loaded lazily at run time, to keep start-up quick
    from screens.app import DemoAccount
    from workstation.config import Config
    from workstation.secrets import Secrets
    from workstation.station import Station

SUBCOMMANDS = {
    "demo": "workstation.cli.demo:demo",
    "init": "workstation.cli.admin:init",
    "join": "workstation.cli.joincmd:join",
    "staff": "workstation.cli.staff:staff",
    "db": "workstation.cli.dbcmd:db",
    "journal": "workstation.cli.journalcmd:journal",
    "secrets": "workstation.cli.secretscmd:secrets",
    "forms": "workstation.cli.formscmd:forms",
    "receipt": "workstation.cli.receiptcmd:receipt",
    "doctor": "workstation.cli.doctor:doctor",
    "backup": "workstation.cli.backupcmd:backup",
    "restore": "workstation.cli.backupcmd:restore",
}


@click.group(cls=LazyGroup, lazy=SUBCOMMANDS, invoke_without_command=True)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Configuration file (default: the platform config directory).",
)
@language_option
@click.pass_context
def main(ctx: click.Context, config_path: Path | None, lang: str | None) -> None:
    """柜面工作站 Counter Workstation. Without a command, opens the workstation."""
    ctx.obj = Context(config_path, lang)
    if ctx.invoked_subcommand is None:
        data, path = read_config_file(config_path)
        hints = ui_hints(data)

        def configure() -> Config:
            from workstation.config import parse_config

            return parse_config(data, path)

        run_tui(configure, lang or hints.language, hints.idle_lock_minutes, hints.timezone)


def run_tui(
    configure: Callable[[], Config],
    lang: str,
    idle_minutes: float,
    timezone: str,
    *,
    secrets: Secrets | None = None,
    demo_accounts: Sequence[DemoAccount] = (),
    demo_dir: Path | None = None,
) -> None:
    """Open the TUI; ``configure()`` gives the validated configuration, inside the worker.

    ``timezone`` is the branch's zone as the file names it; an unknown name shows the
    default zone until the file is validated, which then refuses it. ``demo_dir`` is the
    demo's folder, for the sign-in screen to say how another counter joins it.
    """
    from screens.app import WorkstationApp
    from workstation.domain.clock import DEFAULT_ZONE, SystemClock, zone_named

    try:
        clock = SystemClock(zone_named(timezone))
    except ValueError:
        clock = SystemClock(DEFAULT_ZONE)

    def opener() -> Station:
        from workstation.secrets import Secrets
        from workstation.station import open_station

        return open_station(configure(), secrets or Secrets(), clock)

    app = WorkstationApp(
        opener,
        lang=lang,
        idle_minutes=idle_minutes,
        clock=clock,
        demo_accounts=demo_accounts,
        demo_dir=demo_dir,
    )
    app.run()
    if app.error_message:
        click.echo(app.error_message, err=True)
        sys.exit(app.return_code or 2)
