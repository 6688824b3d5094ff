"""``workstation demo``: a fresh demo branch in a folder, then the TUI."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from workstation.cli.common import language_option
from workstation.config import (
    BranchSection,
    Config,
    DatabaseSection,
    LoggingSection,
    OutputSection,
    RiskSection,
    UiSection,
    render_config,
)
from workstation.configfile import default_data_dir

DEMO_WATCH_LIST = """id_number,name,reason
440301198507150018,黄海涛,demo: a fictitious person on the compliance watch list
,鲁德明,demo: name only
"""


def prepare_demo(data_dir: Path, lang: str):
    """Wipe ``data_dir``'s demo database, migrate, seed; return (config, secrets)."""
    import keyring

    from workstation.db.engine import Database
    from workstation.db.migrate import upgrade
    from workstation.domain.clock import SystemClock
    from workstation.secrets import MemoryKeyring, Secrets
    from workstation.services.demo import seed_demo
    from workstation.services.journal import Journal
    from workstation.services.passwords import Passwords

    data_dir.mkdir(parents=True, exist_ok=True)
    database = data_dir / "demo.db"
    for stale in (database, data_dir / "demo.db-wal", data_dir / "demo.db-shm"):
        stale.unlink(missing_ok=True)
    shutil.rmtree(data_dir / "output", ignore_errors=True)

    backend = MemoryKeyring(explicit=True)
    keyring.set_keyring(backend)
    secrets = Secrets(backend)
    secrets.ensure_journal_key()

    watch_list = data_dir / "watch_list.csv"
    watch_list.write_text(DEMO_WATCH_LIST, encoding="utf-8")
    config = Config(
        database=DatabaseSection(url=f"sqlite:///{database}"),
        branch=BranchSection(code="SH01", counter="01"),
        ui=UiSection(language=lang),
        output=OutputSection(folder=data_dir / "output"),
        risk=RiskSection(watch_list=watch_list),
        logging=LoggingSection(folder=data_dir / "logs"),
    )
    (data_dir / "config.toml").write_text(render_config(config), encoding="utf-8")

    clock = SystemClock(config.branch.zone)
    db = Database(config.database.url)
    try:
        upgrade(db)
        seed_demo(db, Journal(secrets.journal_key(), clock), Passwords(), clock)
    finally:
        db.dispose()
    return config, secrets


def start_log(data_dir: Path, counter: str = "01") -> None:
    """The demo logs into its own folder: ``DIR/logs/counter-01.log``."""
    from workstation.cli.runlog import begin
    from workstation.configfile import log_settings
    from workstation.logs.setup import program_name

    data = {"branch": {"code": "SH01", "counter": counter}}
    settings = log_settings(data_dir / "logs")
    begin(click.get_current_context(), settings, program_name(counter), data)


@click.command()
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the demo database and printouts (default: the platform data directory).",
)
@language_option
@click.option("--no-run", is_flag=True, help="Prepare the demo database but do not open the TUI.")
@click.pass_obj
def demo(obj, data_dir: Path | None, lang: str | None, no_run: bool) -> None:
    """Fresh seeded demo database (SH01, password demo1234), then the workstation."""
    from screens.app import DemoAccount
    from workstation.cli import run_tui
    from workstation.services.demo import DEMO_STAFF

    lang = lang or obj.lang or "zh"
    data_dir = data_dir or default_data_dir() / "demo"
    start_log(data_dir)
    config, secrets = prepare_demo(data_dir, lang)
    if no_run:
        click.echo(str(data_dir / "config.toml"))
        return
    accounts = [DemoAccount(p.staff_id, p.name, p.role) for p in DEMO_STAFF]
    run_tui(
        lambda: config,
        lang,
        config.ui.idle_lock_minutes,
        config.branch.timezone,
        secrets=secrets,
        demo_accounts=accounts,
        slow_ms=config.logging.slow_ms,
    )
