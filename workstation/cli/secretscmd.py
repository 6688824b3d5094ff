"""``workstation secrets set|check|export``: the journal key and database password in keyring."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workstation.cli.common import Context, open_admin, path_option


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


@secrets.command()
@path_option(
    "--to",
    "target",
    "The sealed file to write (it must not exist).",
    required=True,
    dir_okay=False,
)
@click.option("--passphrase-stdin", is_flag=True, help="Read the passphrase instead of making one.")
@click.option("--ask-passphrase", is_flag=True, help="Type the passphrase instead of making one.")
@click.pass_obj
def export(obj: Context, target: Path, passphrase_stdin: bool, ask_passphrase: bool) -> None:
    """Seal the journal key for another counter PC (workstation join --key-file)."""
    from workstation.sealed import SealedKeyError, new_passphrase, seal, write_sealed
    from workstation.services.branch_join import require_key_opens

    t = obj.catalog()
    if target.exists():
        raise SealedKeyError("sealed.exists", path=str(target))
    opened = open_admin(obj)
    branch = opened.config.branch.code
    try:
        require_key_opens(opened.db, opened.key, branch)  # only a key that opens the journal
    finally:
        opened.db.dispose()
    made = not (passphrase_stdin or ask_passphrase)
    if made:
        passphrase = new_passphrase()
    elif passphrase_stdin:
        passphrase = sys.stdin.readline().rstrip("\r\n")
    else:
        passphrase = click.prompt(
            t("sealed.choose_prompt"), hide_input=True, confirmation_prompt=t("sealed.repeat")
        )
    write_sealed(target, seal(opened.key, branch, passphrase))
    click.echo(t("sealed.written", branch=branch, path=target))
    if made:
        click.echo(t("sealed.passphrase", passphrase=passphrase))
