"""``workstation journal verify|show``: check and read the electronic journal."""

from __future__ import annotations

import click

from workstation.cli.common import open_admin


@click.group()
def journal() -> None:
    """The electronic journal: verify the chain, show recent entries."""


@journal.command()
@click.option("--batch-size", default=1000, show_default=True, help="Entries read at a time.")
@click.pass_obj
def verify(obj, batch_size: int) -> None:
    """Check every entry's HMAC and link; exit 1 naming the first broken entry."""
    t = obj.catalog()
    opened = open_admin(obj)
    try:
        result = opened.journal.verify(opened.db, batch_size=batch_size)
    finally:
        opened.db.dispose()
    if result.ok:
        click.echo(t("journal.ok", count=result.count, last=result.last_seq))
        return
    click.echo(t("journal.broken_at", seq=result.broken_at, problem=result.problem), err=True)
    raise SystemExit(1)


@journal.command()
@click.option("--last", "limit", default=30, show_default=True, help="How many entries.")
@click.option("--event", default=None, help="Only this event type, e.g. sign_in_failed.")
@click.option("--staff", "staff_id", default=None, help="Only entries of this staff ID.")
@click.pass_obj
def show(obj, limit: int, event: str | None, staff_id: str | None) -> None:
    """Show the newest entries, newest last."""
    from rich.console import Console
    from rich.table import Table

    from workstation.domain.clock import stamp
    from workstation.services.journal import recent

    t = obj.catalog()
    opened = open_admin(obj)
    try:
        with opened.db.read() as session:
            rows = recent(session, limit, event, staff_id.upper() if staff_id else None)
    finally:
        opened.db.dispose()
    table = Table(box=None)
    for key in ("seq", "time", "staff", "event", "payload"):
        table.add_column(t(f"journal.col.{key}"), overflow="fold")
    for row in reversed(rows):
        when = stamp(row.occurred_at, opened.clock.zone)
        where = "/".join(part for part in (row.counter, row.staff_id) if part)
        table.add_row(str(row.seq), when, where, row.event, row.payload)
    Console().print(table)
