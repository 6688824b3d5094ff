"""``workstation join``: set up a counter PC on its branch's database.

It writes this PC's configuration (the branch read from the database), checks
the schema, the branch and the counter, and puts the journal key into this
PC's keyring from a sealed file (``workstation secrets export``), never typed
or shown. Every check runs before anything is stored; a refusal stores nothing.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workstation.cli.common import Context
from workstation.configfile import default_config_path
from workstation.domain.i18n import Catalog

if TYPE_CHECKING:  # loaded when the command runs: init and demo import this module too
    from workstation.config import Config
    from workstation.sealed import SealedKey
    from workstation.secrets import Secrets
    from workstation.services.branch_join import BranchFacts

PROVISIONAL_BRANCH = "JOINING"
"""A branch code that only carries the URL to the first connection; never written."""


def counter_number(typed: str) -> str:
    """``2`` or ``02`` is counter 02."""
    typed = typed.strip()
    return typed.zfill(2) if typed.isdigit() and len(typed) < 2 else typed


def read_passphrase(stdin: bool, t: Catalog) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt(t("sealed.prompt"), hide_input=True))


@click.command()
@click.option("--db", "url", required=True, help="The branch database's URL, without a password.")
@click.option("--counter", required=True, help="This PC's counter number, e.g. 02.")
@click.option("--branch", "wanted", default=None, help="Only if the database holds several.")
@click.option(
    "--key-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The journal key sealed by workstation secrets export.",
)
@click.option("--passphrase-stdin", is_flag=True, help="Read the key file's passphrase.")
@click.pass_obj
def join(
    obj: Context,
    url: str,
    counter: str,
    wanted: str | None,
    key_file: Path | None,
    passphrase_stdin: bool,
) -> None:
    """Set up this PC as a counter of the branch whose database is at --db."""
    from workstation.config import BranchSection, parse_config
    from workstation.sealed import read_sealed
    from workstation.secrets import Secrets
    from workstation.services.branch_join import JoinError, read_branch, require_key_opens
    from workstation.station import connect

    t = obj.catalog()
    path = obj.config_path or default_config_path()
    if path.exists():
        raise JoinError("join.config_exists", path=str(path))
    number = counter_number(counter)
    probe = parse_config(
        {"database": {"url": url}, "branch": {"code": PROVISIONAL_BRANCH, "counter": number}},
        Path("--db/--counter"),
    )
    sealed = read_sealed(key_file) if key_file is not None else None
    secrets = Secrets()
    secrets.ensure_safe()
    db = connect(probe, secrets)  # the schema is checked here: one line names the side to upgrade
    try:
        branch = read_branch(db, wanted)
        branch.require_counter(number)
        key = _key(secrets, sealed, branch, passphrase_stdin, t)
        require_key_opens(db, key, branch.code)
    finally:
        db.dispose()
    _store(secrets, key, t)
    config = probe.model_copy(update={"branch": BranchSection(code=branch.code, counter=number)})
    _write(path, config, t)
    click.echo(t("join.joined", counter=number, branch=branch.code, name=branch.name(t.lang)))
    click.echo(t("join.next"))


def _key(
    secrets: Secrets, sealed: SealedKey | None, branch: BranchFacts, stdin: bool, t: Catalog
) -> bytes:
    from workstation.sealed import SealedKeyError
    from workstation.secrets import JOURNAL_KEY, parse_journal_key
    from workstation.services.branch_join import JoinError

    if sealed is None:
        held = secrets.get(JOURNAL_KEY)
        if held is None:
            raise JoinError("join.no_key")
        return parse_journal_key(held)
    if sealed.branch != branch.code:
        raise SealedKeyError(
            "sealed.other_branch", path=str(sealed.path), sealed=sealed.branch, branch=branch.code
        )
    return sealed.open(read_passphrase(stdin, t))


def _store(secrets: Secrets, key: bytes, t: Catalog) -> None:
    """Into this PC's keyring, read back (here and from a new process) by Secrets.set."""
    from workstation.secrets import JOURNAL_KEY

    held = secrets.get(JOURNAL_KEY)
    if held is not None and held.lower() == key.hex():
        click.echo(t("join.key_present"))
        return
    secrets.set(JOURNAL_KEY, key.hex())
    click.echo(t("secrets.stored", name=JOURNAL_KEY))


def _write(path: Path, config: Config, t: Catalog) -> None:
    from workstation.config import render_config

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_config(config), encoding="utf-8")
    click.echo(t("setup.config_written", path=path))


def key_file_name(branch: str) -> str:
    return f"{branch}-journal-key.sealed"


def counter_pc_steps(
    t: Catalog, url: str, branch: str, counters: int, this: str, flexible: frozenset[str]
) -> list[str]:
    """What ``init`` prints: the export on this PC, then each other counter's join line."""
    from sqlalchemy.engine import make_url

    from workstation.services.setup import counter_number as numbered

    key_file = key_file_name(branch)
    parsed = make_url(url)
    postgres = parsed.get_backend_name() == "postgresql"
    lines = [
        t("counter_pcs.heading", branch=branch),
        t("counter_pcs.export", file=key_file),
        t("counter_pcs.check"),
    ]
    if postgres:
        lines.append(t("counter_pcs.db_password"))
    for n in range(1, counters + 1):
        number = numbered(n)
        if number == this:
            continue
        command = shlex.join(
            ["workstation", "join", "--db", url, "--counter", number, "--key-file", key_file]
        )
        kind = "counter_pcs.counter_flexible" if number in flexible else "counter_pcs.counter"
        lines.append(t(kind, counter=number, command=command))
    if postgres and parsed.host in (None, "localhost", "127.0.0.1", "::1"):
        lines.append(t("counter_pcs.host_note", host=parsed.host or "localhost"))
    return lines
