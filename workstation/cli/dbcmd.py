"""``workstation db upgrade|current``: the schema, through Alembic."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from workstation.cli.common import Context

if TYPE_CHECKING:
    from workstation.db.engine import Database


@click.group()
def db() -> None:
    """Database schema: upgrade to this program's version, or show the current one."""


@contextmanager
def _opened(obj: Context) -> Iterator[Database]:
    """The configured database, schema unchecked, disposed of at the end."""
    from workstation.secrets import Secrets
    from workstation.station import connect_unchecked

    database = connect_unchecked(obj.config(), Secrets())
    try:
        yield database
    finally:
        database.dispose()


@db.command()
@click.pass_obj
def upgrade(obj: Context) -> None:
    """Apply every migration this program has that the database lacks."""
    from workstation.db.migrate import upgrade as run_upgrade
    from workstation.db.schema import HEAD, REVISIONS, check_schema, current_revision

    t = obj.catalog()
    with _opened(obj) as database:
        if current_revision(database) not in (None, *REVISIONS):
            check_schema(database)  # newer than this program: say which version to install
        run_upgrade(database)
    click.echo(t("db.upgraded", head=HEAD))


@db.command()
@click.pass_obj
def current(obj: Context) -> None:
    """Show the database's schema revision and the one this program needs."""
    from workstation.db.schema import HEAD, SchemaMismatch, check_schema, current_revision

    t = obj.catalog()
    with _opened(obj) as database:
        revision = current_revision(database)
        click.echo(t("db.current", current=revision or t("db.none"), head=HEAD))
        try:
            check_schema(database)
        except SchemaMismatch as mismatch:
            click.echo(t(mismatch.msg), err=True)
            raise SystemExit(1) from None
        click.echo(t("db.up_to_date"))
