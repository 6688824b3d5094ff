"""``workstation journal verify|anchor|show``: check, anchor and read the electronic journal."""

from __future__ import annotations

import logging
from typing import NoReturn

import click

from workstation.cli.common import Context, open_admin
from workstation.domain.i18n import Msg, both, msg
from workstation.logs.events import log_refusal

log = logging.getLogger(__name__)


@click.group()
def journal() -> None:
    """The electronic journal: verify it, print its head (anchor), show recent entries."""


@journal.command()
@click.option("--batch-size", default=1000, show_default=True, help="Entries read at a time.")
@click.option(
    "--anchor",
    "anchor_text",
    default=None,
    metavar="SEQ:HASH",
    help="A head noted earlier (journal anchor, the day's anchor file): it must still be there.",
)
@click.pass_obj
def verify(obj: Context, batch_size: int, anchor_text: str | None) -> None:
    """Check every entry's HMAC and link, then that records and entries match; exit 1 naming
    the first problem."""
    from workstation.services.journal import Anchor
    from workstation.services.journal_audit import audit

    t = obj.catalog()
    anchor = Anchor.parse(anchor_text) if anchor_text is not None else None
    opened = open_admin(obj)
    try:
        result = opened.journal.verify(opened.db, batch_size=batch_size, anchor=anchor)
        if not result.ok:
            _fail(msg("journal.broken_at", seq=result.broken_at, problem=result.problem))
        checked = audit(opened.db)
    finally:
        opened.db.dispose()
    click.echo(t("journal.ok", count=result.count, last=result.last_seq))
    if anchor is not None:
        click.echo(t("journal.anchor.ok", seq=anchor.seq))
    if not checked.ok:
        _fail(msg("journal.audit.broken", problem=checked.problem))
    click.echo(t("journal.audit.ok"))


def _fail(problem: Msg) -> NoReturn:
    """One line in both languages on stderr (and its key in the log), exit 1."""
    log_refusal(log, problem)
    click.echo(both(problem), err=True)
    raise SystemExit(1)


@journal.command()
@click.pass_obj
def anchor(obj: Context) -> None:
    """Print the journal's head as SEQ:HASH, to keep outside the database."""
    from workstation.services.journal import current_head

    opened = open_admin(obj)
    try:
        click.echo(str(current_head(opened.db)))
    finally:
        opened.db.dispose()


@journal.command()
@click.option("--last", "limit", default=30, show_default=True, help="How many entries.")
@click.option("--event", default=None, help="Only this event type, e.g. sign_in_failed.")
@click.option("--staff", "staff_id", default=None, help="Only entries of this staff ID.")
@click.pass_obj
def show(obj: Context, limit: int, event: str | None, staff_id: str | None) -> None:
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
