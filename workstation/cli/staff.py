"""``workstation staff add|passwd|unlock|list``: staff administration."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from workstation.cli.common import Context, Opened, actor, open_admin, read_password
from workstation.domain.staff import Role

if TYPE_CHECKING:
    from workstation.services.staff import StaffAdmin


def _admin(obj: Context) -> tuple[Opened, StaffAdmin]:
    from workstation.services.passwords import Passwords
    from workstation.services.staff import StaffAdmin

    opened = open_admin(obj)
    return opened, StaffAdmin(opened.db, opened.journal, Passwords(), opened.clock, actor())


@click.group()
def staff() -> None:
    """Add staff, reset passwords, unlock accounts, list staff."""


@staff.command("add")
@click.argument("staff_id")
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--level", type=int, default=None, help="Supervisor authority level (1 or 2).")
@click.option("--password-stdin", is_flag=True)
@click.pass_obj
def add(
    obj: Context, staff_id: str, name: str, role: str, level: int | None, password_stdin: bool
) -> None:
    """Add a staff member to this workstation's branch."""
    from workstation.services.staff import Person

    t = obj.catalog()
    password = read_password(password_stdin, t)
    opened, admin = _admin(obj)
    try:
        person = Person(staff_id, name, Role(role), password, level)
        row = admin.add(opened.config.branch.code, person)
    finally:
        opened.db.dispose()
    click.echo(t("staff.added", staff_id=row.staff_id, name=row.name, role=row.role.label))


@staff.command("passwd")
@click.argument("staff_id")
@click.option("--password-stdin", is_flag=True)
@click.pass_obj
def passwd(obj: Context, staff_id: str, password_stdin: bool) -> None:
    """Set a new password for a staff member."""
    t = obj.catalog()
    password = read_password(password_stdin, t)
    opened, admin = _admin(obj)
    try:
        admin.set_password(staff_id, password)
    finally:
        opened.db.dispose()
    click.echo(t("staff.password_set", staff_id=staff_id.upper()))


@staff.command("unlock")
@click.argument("staff_id")
@click.pass_obj
def unlock(obj: Context, staff_id: str) -> None:
    """Unlock an account locked by wrong passwords."""
    t = obj.catalog()
    opened, admin = _admin(obj)
    try:
        row = admin.unlock(staff_id)
    finally:
        opened.db.dispose()
    click.echo(t("staff.unlocked", staff_id=row.staff_id))


@staff.command("list")
@click.pass_obj
def list_(obj: Context) -> None:
    """List the staff of this workstation's branch."""
    from rich.console import Console
    from rich.table import Table

    from workstation.domain.clock import stamp

    t = obj.catalog()
    opened, admin = _admin(obj)
    try:
        rows = admin.list(opened.config.branch.code)
    finally:
        opened.db.dispose()
    table = Table(box=None)
    for key in ("signin.col_staff_id", "signin.col_name", "signin.col_role", "staff.col_level"):
        table.add_column(t(key))
    for key in ("staff.col_active", "staff.col_failed", "staff.col_locked"):
        table.add_column(t(key))
    for row in rows:
        locked = stamp(row.locked_until, opened.clock.zone) if row.locked_until else ""
        table.add_row(
            row.staff_id,
            row.name,
            t(row.role.label),
            str(row.level),
            t("staff.active" if row.active else "staff.inactive"),
            str(row.failed_attempts),
            locked,
        )
    Console().print(table)
