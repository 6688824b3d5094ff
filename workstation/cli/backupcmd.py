"""``workstation backup --to DIR`` and ``workstation restore --from FILE``.

The backup is consistent while counters work and gets a manifest beside it;
the restore goes only into an empty database and ends by verifying the journal
against the manifest's head and matching the records to it, in one line.
"""

from __future__ import annotations

from pathlib import Path

import click

from workstation.cli.common import Context, path_option


@click.command()
@path_option(
    "--to",
    "folder",
    "Folder for the backup and its manifest (created if missing).",
    required=True,
    file_okay=False,
)
@click.pass_obj
def backup(obj: Context, folder: Path) -> None:
    """Copy the database while counters work (SQLite backup API, or pg_dump), with a manifest."""
    from datetime import UTC, datetime

    from workstation.secrets import Secrets
    from workstation.services.backups import take_backup
    from workstation.station import connect_unchecked

    t = obj.catalog()
    config = obj.config()
    db = connect_unchecked(config, Secrets())
    try:
        now = datetime.now(UTC)
        written = take_backup(db, folder, config.branch.code, now, config.database.pg_bin)
    finally:
        db.dispose()
    manifest = written.manifest
    click.echo(
        t(
            "backup.written",
            path=written.path,
            size=manifest.file_size,
            manifest=written.manifest_path,
            anchor=manifest.anchor,
        )
    )


@click.command()
@path_option("--from", "source", "The backup file.", required=True, dir_okay=False, exists=True)
@path_option(
    "--manifest",
    "manifest_file",
    "Its manifest (default: NAME.manifest.json beside the file).",
    dir_okay=False,
)
@click.pass_obj
def restore(obj: Context, source: Path, manifest_file: Path | None) -> None:
    """Restore a backup into the configured database, which must be empty, and verify it."""
    from workstation.db.failures import where
    from workstation.db.schema import HEAD
    from workstation.domain.clock import SystemClock
    from workstation.secrets import Secrets
    from workstation.services.backup_manifest import manifest_path, read_manifest
    from workstation.services.backups import restore_backup
    from workstation.services.journal import Journal
    from workstation.station import connect_unchecked

    t = obj.catalog()
    config = obj.config()
    secrets = Secrets()
    journal = Journal(secrets.journal_key(), SystemClock(config.branch.zone))
    manifest = read_manifest(manifest_file or manifest_path(source))
    db = connect_unchecked(config, secrets)
    try:
        done = restore_backup(
            db, source, manifest, journal, config.branch.code, config.database.pg_bin
        )
    finally:
        db.dispose()
    said = "backup.restored_upgraded" if done.upgraded_from else "backup.restored"
    click.echo(
        t(
            said,
            file=source,
            target=where(db.url),
            entries=done.entries,
            anchor=manifest.anchor,
            old=done.upgraded_from,
            head=HEAD,
        )
    )
