"""``workstation secrets set|check``: the journal key and database password in keyring."""

from __future__ import annotations

import sys

import click

from workstation.cli.common import Context


@click.group()
def secrets() -> None:
    """Secrets in the system keyring (service counter-workstation)."""


@secrets.command("set")
@click.argument("name", type=click.Choice(["journal-key", "database-password"]))
@click.option("--stdin", "from_stdin", is_flag=True, help="Read the value from standard input.")
@click.option("--generate", is_flag=True, help="Generate a new random journal key.")
@click.pass_obj
def set_(obj: Context, name: str, from_stdin: bool, generate: bool) -> None:
    """Store a secret. A new journal key cannot verify entries written with the old one."""
    from workstation.secrets import JOURNAL_KEY, Secrets, SecretsError, new_journal_key

    t = obj.catalog()
    store = Secrets()
    store.ensure_safe()
    if generate:
        if name != JOURNAL_KEY:
            raise SecretsError("secrets.unknown_name", name=name, names=JOURNAL_KEY)
        value = new_journal_key()
    elif from_stdin:
        value = sys.stdin.readline().rstrip("\r\n")
    else:
        value = click.prompt(t("cli.value_prompt"), hide_input=True, confirmation_prompt=True)
    store.set(name, value)
    click.echo(t("secrets.stored", name=name))


@secrets.command()
@click.pass_obj
def check(obj: Context) -> None:
    """Say which keyring backend is in use and which secrets are set; exit 1 if unusable."""
    from workstation.secrets import DB_PASSWORD, JOURNAL_KEY, Secrets, backend_name

    t = obj.catalog()
    store = Secrets()
    name = backend_name(store.backend)
    click.echo(t("secrets.backend", backend=name))
    store.ensure_safe()
    missing = False
    for secret in (JOURNAL_KEY, DB_PASSWORD):
        present = store.get(secret) is not None
        click.echo(t("secrets.present" if present else "secrets.absent", name=secret))
        missing |= secret == JOURNAL_KEY and not present
    if missing:
        raise SystemExit(1)
