"""``workstation demo``: a fresh demo branch in a folder, then the TUI.

``workstation demo --join DIR --counter 02`` opens another counter on the same
demo database, in another terminal, without touching it. Every demo process
signs the journal with the demo's published key (:data:`DEMO_JOURNAL_KEY`),
which ``workstation demo`` writes to ``DIR/DEMO-KEYS-NOT-SECRET.toml`` and
``--join`` reads back; a real keyring refuses that key, and no other command
reads that file.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workstation.cli.common import Context, language_option
from workstation.cli.joincmd import counter_number
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
from workstation.configfile import ConfigError, default_data_dir
from workstation.domain.i18n import Catalog
from workstation.secrets import DEMO_JOURNAL_KEY, JOURNAL_KEY, MemoryKeyring, Secrets

if TYPE_CHECKING:
    from screens.app import DemoAccount

KEYS_FILE = "DEMO-KEYS-NOT-SECRET.toml"
KEYS_TEXT = f"""# DEMO ONLY. NOT SECRET. NEVER FOR A REAL BRANCH.
# 仅供演示，并非机密，切勿用于真实网点。
# Written by `workstation demo` so that every demo process on this folder
# (`workstation demo --join DIR --counter 02`) signs one journal. Nothing else
# reads this file, and a real keyring refuses this key.
[demo]
journal_key = "{DEMO_JOURNAL_KEY}"
"""

DEMO_WATCH_LIST = """id_number,name,reason
440301198507150018,黄海涛,demo: a fictitious person on the compliance watch list
,鲁德明,demo: name only
"""


def demo_secrets() -> Secrets:
    """An in-process keyring holding the demo's key, chosen in code (and installed as keyring's)."""
    import keyring

    backend = MemoryKeyring(explicit=True)
    keyring.set_keyring(backend)
    secrets = Secrets(backend)
    secrets.set(JOURNAL_KEY, DEMO_JOURNAL_KEY)
    return secrets


def keep_printouts(data_dir: Path, fresh: bool = False) -> Path | None:
    """An earlier run's printouts move aside to ``output.1``, ``output.2``… (the new
    demo's serials start again and would overwrite them); with ``fresh`` they are deleted.
    Where they went, if anywhere."""
    output = data_dir / "output"
    if fresh:
        for earlier in data_dir.glob("output.*"):
            shutil.rmtree(earlier, ignore_errors=True)
    if fresh or not output.is_dir() or not any(output.iterdir()):
        shutil.rmtree(output, ignore_errors=True)
        return None
    number = 1
    while (data_dir / f"output.{number}").exists():
        number += 1
    return output.rename(data_dir / f"output.{number}")


def prepare_demo(
    data_dir: Path, lang: str, history_weeks: int = 0, fresh: bool = False
) -> tuple[Config, Secrets]:
    """Wipe ``data_dir``'s demo database, migrate, seed (with ``history_weeks`` of past
    service); return (config, secrets). Earlier printouts are kept unless ``fresh``."""
    from workstation.db.engine import Database
    from workstation.db.migrate import upgrade
    from workstation.domain.clock import SystemClock
    from workstation.services.demo import seed_demo, write_demo_history
    from workstation.services.journal import Journal
    from workstation.services.passwords import Passwords

    data_dir.mkdir(parents=True, exist_ok=True)
    database = data_dir / "demo.db"
    for stale in (database, data_dir / "demo.db-wal", data_dir / "demo.db-shm"):
        stale.unlink(missing_ok=True)
    kept = keep_printouts(data_dir, fresh)
    if kept is not None:
        click.echo(Catalog.load(lang)("demo_printouts.kept", folder=str(kept)), err=True)

    secrets = demo_secrets()
    (data_dir / KEYS_FILE).write_text(KEYS_TEXT, encoding="utf-8")
    watch_list = data_dir / "watch_list.csv"
    watch_list.write_text(DEMO_WATCH_LIST, encoding="utf-8")
    config = Config(
        database=DatabaseSection(url=f"sqlite:///{database}"),
        branch=BranchSection(code="SH01", counter="01"),
        ui=UiSection.model_validate({"language": lang}),
        output=OutputSection(folder=data_dir / "output"),
        risk=RiskSection(watch_list=watch_list),
        logging=LoggingSection(folder=data_dir / "logs"),
    )
    (data_dir / "config.toml").write_text(render_config(config), encoding="utf-8")

    clock = SystemClock(config.branch.zone)
    db = Database(config.database.url)
    try:
        upgrade(db)
        journal = Journal(secrets.journal_key(), clock)
        seed_demo(db, journal, Passwords(), clock)
        if history_weeks:
            write_demo_history(db, journal, clock, history_weeks)
    finally:
        db.dispose()
    return config, secrets


def join_demo(data_dir: Path, counter: str, lang: str) -> tuple[Config, Secrets]:
    """Another counter on ``data_dir``'s demo, checked as ``workstation join`` checks; no reseed."""
    from workstation.config import load_config, parse_config
    from workstation.services.branch_join import read_branch, require_key_opens
    from workstation.station import connect

    for what in ("config.toml", KEYS_FILE, "demo.db"):
        if not (data_dir / what).is_file():
            raise ConfigError("demo_join.missing", dir=str(data_dir), what=what)
    read_demo_key(data_dir)
    secrets = demo_secrets()
    source = data_dir / "config.toml"
    data = load_config(source).model_dump(mode="json")
    data["branch"]["counter"] = counter_number(counter)
    data["ui"]["language"] = lang
    config = parse_config(data, source)
    db = connect(config, secrets)
    try:
        facts = read_branch(db, config.branch.code)
        facts.require_counter(config.branch.counter)
        require_key_opens(db, secrets.journal_key(), facts.code)
    finally:
        db.dispose()
    return config, secrets


def read_demo_key(data_dir: Path) -> None:
    """The folder's demo key file must hold the published demo key, and nothing else."""
    path = data_dir / KEYS_FILE
    try:
        with path.open("rb") as fh:
            key = tomllib.load(fh).get("demo", {}).get("journal_key")
    except (OSError, tomllib.TOMLDecodeError, AttributeError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ConfigError(
            "demo_join.bad_keys", path=str(path), reason=reason, dir=str(data_dir)
        ) from None
    if key != DEMO_JOURNAL_KEY:
        reason = "demo.journal_key"
        raise ConfigError("demo_join.bad_keys", path=str(path), reason=reason, dir=str(data_dir))


def demo_accounts() -> list[DemoAccount]:
    from screens.app import DemoAccount
    from workstation.services.demo import DEMO_STAFF

    return [DemoAccount(p.staff_id, p.name, p.role) for p in DEMO_STAFF]


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
@click.option(
    "--join",
    "join_dir",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[DIR]",
    help="Open another counter on the running demo in DIR (default: the platform one).",
)
@click.option("--counter", default=None, help="With --join: this terminal's counter, e.g. 02.")
@language_option
@click.option("--no-run", is_flag=True, help="Prepare the demo database but do not open the TUI.")
@click.option(
    "--fresh",
    is_flag=True,
    help="Delete the printouts of earlier runs (kept in output.1, output.2… otherwise).",
)
@click.option(
    "--history-weeks",
    type=click.IntRange(0, 26),
    default=8,
    show_default=True,
    help="Weeks of generated past service (tickets, ratings, opinions) before today.",
)
@click.pass_obj
def demo(
    obj: Context,
    data_dir: Path | None,
    join_dir: str | None,
    counter: str | None,
    lang: str | None,
    no_run: bool,
    fresh: bool,
    history_weeks: int,
) -> None:
    """Fresh seeded demo database (SH01, password demo1234), then the workstation.

    With --join DIR --counter 02: a second counter on that demo, which is left as it is.
    """
    from workstation.cli import run_tui

    lang = lang or obj.lang or "zh"
    if join_dir is not None:
        data_dir = Path(join_dir) if join_dir else data_dir or default_data_dir() / "demo"
        counter = counter_number(counter or "02")
        start_log(data_dir, counter)
        config, secrets = join_demo(data_dir, counter, lang)
    elif counter is not None:
        raise click.UsageError("--counter goes with --join: the fresh demo opens counter 01")
    else:
        data_dir = data_dir or default_data_dir() / "demo"
        start_log(data_dir)
        if history_weeks:
            click.echo(obj.catalog()("cli.demo_history", weeks=history_weeks), err=True)
        config, secrets = prepare_demo(data_dir, lang, history_weeks, fresh)
    if no_run:
        click.echo(str(data_dir / "config.toml"))
        return
    run_tui(
        lambda: config,
        lang,
        config.ui.idle_lock_minutes,
        config.branch.timezone,
        secrets=secrets,
        demo_accounts=demo_accounts(),
        demo_dir=data_dir,
        slow_ms=config.logging.slow_ms,
    )
