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
from workstation.cli.runlog import begin, counter_of, interactive, read_leniently
from workstation.configfile import log_hints, ui_hints
from workstation.logs.setup import ADMIN, program_name

if TYPE_CHECKING:
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
    "serve": "workstation.cli.servecmd:serve",
    "display": "workstation.cli.displaycmd:display",
    "pad": "workstation.cli.padcmd:pad",
    "report": "workstation.cli.reportcmd:report",
    "plan": "workstation.cli.plancmd:plan",
}
OWN_LOG = {"demo"}
"""Commands that start their own log (the demo writes it into its own folder)."""


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
    command = ctx.invoked_subcommand
    if command in OWN_LOG:
        return
    data, path, unreadable = read_leniently(config_path)
    settings = log_hints(data)
    begin(ctx, settings, ADMIN if command else program_name(counter_of(data)), data)
    if command is None:
        if unreadable is not None:
            raise unreadable
        hints = ui_hints(data)

        def configure() -> Config:
            from workstation.config import parse_config

            return parse_config(data, path)

        run_tui(
            configure,
            lang or hints.language,
            hints.idle_lock_minutes,
            hints.timezone,
            slow_ms=settings.slow_ms,
        )


def run_tui(
    configure: Callable[[], Config],
    lang: str,
    idle_minutes: float,
    timezone: str,
    *,
    secrets: Secrets | None = None,
    demo_accounts: Sequence[DemoAccount] = (),
    demo_dir: Path | None = None,
    slow_ms: float = 500,
) -> None:
    """Open the TUI; ``configure()`` gives the validated configuration, inside the worker.

    ``timezone`` is the branch's zone as the file names it; an unknown name shows the
    default zone until the file is validated, which then refuses it. ``demo_dir`` is the
    demo's folder, for the sign-in screen to say how another counter joins it.
    """
    from screens.app import WorkstationApp
    from workstation.domain.clock import DEFAULT_ZONE, SystemClock, zone_named

    interactive()
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
        slow_ms=slow_ms,
    )
    app.run()
    if app.error_message:
        click.echo(app.error_message, err=True)
        sys.exit(app.return_code or 2)
