"""``workstation init``: migrate a database and create a branch with its administrator."""

from __future__ import annotations

from pathlib import Path

import click

from workstation.cli.common import Context, actor, read_password
from workstation.cli.joincmd import counter_number, counter_pc_steps
from workstation.config import Config, parse_config, render_config
from workstation.configfile import default_config_path
from workstation.domain.i18n import Catalog


@click.command()
@click.option("--db", "url", required=True, help="Database URL, without a password.")
@click.option("--branch", "code", required=True, help="Branch code, e.g. SH01.")
@click.option("--branch-name", "name_zh", required=True, help="Branch name in Chinese.")
@click.option("--branch-name-en", "name_en", default=None, help="Branch name in English.")
@click.option("--counters", default=4, show_default=True, help="Number of counters.")
@click.option("--flexible", multiple=True, help="A counter number that is a flexible window.")
@click.option("--counter", default="01", show_default=True, help="This workstation's counter.")
@click.option("--admin-id", default="A001", show_default=True)
@click.option("--admin-name", default="管理员", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the administrator's password.")
@click.pass_obj
def init(
    obj: Context,
    url: str,
    code: str,
    name_zh: str,
    name_en: str | None,
    counters: int,
    flexible: tuple[str, ...],
    counter: str,
    admin_id: str,
    admin_name: str,
    password_stdin: bool,
) -> None:
    """Migrate the database and create the branch, its counters and a first administrator."""
    from workstation.db.migrate import upgrade
    from workstation.domain.clock import SystemClock
    from workstation.domain.staff import Role
    from workstation.secrets import Secrets
    from workstation.services.journal import Journal
    from workstation.services.passwords import Passwords, check_strength
    from workstation.services.setup import BranchSpec, initialise
    from workstation.services.staff import Person
    from workstation.station import connect_unchecked

    t = obj.catalog()
    path = obj.config_path or default_config_path()
    counter = counter_number(counter)
    windows = frozenset(counter_number(number) for number in flexible)
    config = parse_config(
        {"database": {"url": url}, "branch": {"code": code.upper(), "counter": counter}},
        Path("--db/--branch/--counter"),
    )
    password = read_password(password_stdin, t)
    check_strength(password)
    secrets = Secrets()
    if secrets.ensure_journal_key():
        click.echo(t("setup.journal_key_created"))
    clock = SystemClock(config.branch.zone)
    db = connect_unchecked(config, secrets)
    try:
        upgrade(db)
        branch = BranchSpec(config.branch.code, name_zh, name_en or name_zh, counters, windows)
        person = Person(admin_id, admin_name, Role.ADMIN, password)
        journal = Journal(secrets.journal_key(), clock)
        initialise(db, journal, Passwords(), clock, branch, [person], actor())
    finally:
        db.dispose()
    click.echo(t("setup.done", branch=branch.code, counters=counters, admin=admin_id.upper()))
    _write_config(path, config, t)
    for line in counter_pc_steps(t, url, branch.code, counters, counter, windows):
        click.echo(line)


def _write_config(path: Path, config: Config, t: Catalog) -> None:
    if path.exists():
        click.echo(t("setup.config_kept", path=path))
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_config(config), encoding="utf-8")
    click.echo(t("setup.config_written", path=path))
