"""Take a backup with its manifest; restore one into an empty database and prove it.

A backup is the database copied in one consistent snapshot (SQLite's online
backup API, or ``pg_dump`` on an exported snapshot) and a manifest naming the
journal head that snapshot holds, with the file's SHA-256 (written last: a
backup without its manifest is unfinished).

A restore refuses before it changes anything unless the file matches its
manifest (size and SHA-256, checked first), the manifest fits this
configuration (dialect, branch, a schema this program knows) and the target
database holds no table. After the copy, a schema older than this program's is
upgraded; then the journal is verified with the manifest's head as anchor (the
chain must end exactly there) and the records are matched to the journal. A
mismatch is refused in one line; the restored database is left for
inspection, and the message says not to use it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from workstation.db import pg_copy, sqlite_copy
from workstation.db.copies import BackupError, Taken, table_count
from workstation.db.engine import Database
from workstation.db.failures import where
from workstation.db.schema import HEAD, REVISIONS, current_revision, program_version
from workstation.domain.i18n import Msg, msg
from workstation.services.backup_manifest import (
    Manifest,
    check_file,
    reserve,
    sha256_of,
    write_manifest,
)
from workstation.services.journal import Anchor, Journal
from workstation.services.journal_audit import audit


@dataclass(frozen=True)
class Written:
    path: Path
    manifest_path: Path
    manifest: Manifest


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    entries: int
    upgraded_from: str | None = None
    """The backup's schema revision, when the restore upgraded it to this program's."""


def take_backup(
    db: Database, folder: Path, branch: str, now: datetime, pg_bin: Path | None = None
) -> Written:
    """Copy ``db`` into a new file in ``folder`` and write its manifest beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = reserve(folder, branch, now, db.dialect)
    try:
        taken = _copy_out(db, path, pg_bin)
        _flush(path)
        manifest = _manifest(taken, db.dialect, branch, now, path)
        manifest_path = write_manifest(manifest, path)
        _flush(folder)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Written(path, manifest_path, manifest)


def _copy_out(db: Database, path: Path, pg_bin: Path | None) -> Taken:
    if db.dialect == "sqlite":
        return sqlite_copy.take(db, path)
    return pg_copy.take(db, path, pg_bin)


def _flush(path: Path) -> None:
    """Make a file's content, or a folder's entries, durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _manifest(taken: Taken, dialect: str, branch: str, now: datetime, path: Path) -> Manifest:
    state = taken.state
    return Manifest(
        program_version=program_version(),
        schema_revision=state.revision,
        dialect=dialect,
        branch=branch,
        created_at=now,
        journal_seq=state.seq,
        journal_hash=state.hash,
        file_name=path.name,
        file_size=path.stat().st_size,
        sha256=sha256_of(path),
        tool=taken.tool,
        tool_major=taken.tool_major,
    )


def check_fits(manifest: Manifest, source: Path, db: Database, branch: str) -> None:
    """Refuse a backup that is damaged or does not belong in this database, before any change."""
    check_file(manifest, source)
    if manifest.dialect != db.dialect:
        raise BackupError(
            "backup.wrong_dialect", file=source, dialect=manifest.dialect, target=db.dialect
        )
    if manifest.branch != branch:
        raise BackupError(
            "backup.wrong_branch", file=source, branch=manifest.branch, configured=branch
        )
    if manifest.schema_revision not in REVISIONS:
        raise BackupError(
            "backup.schema_newer",
            file=source,
            revision=manifest.schema_revision,
            version=program_version(),
            head=HEAD,
            needed=manifest.program_version,
        )
    tables = table_count(db)
    if tables:
        raise BackupError("backup.target_not_empty", target=where(db.url), tables=tables)


def restore_backup(
    db: Database,
    source: Path,
    manifest: Manifest,
    journal: Journal,
    branch: str,
    pg_bin: Path | None = None,
) -> Restored:
    """Restore ``source`` into the empty ``db`` and prove it is the state the manifest names."""
    check_fits(manifest, source, db, branch)
    if db.dialect == "sqlite":
        sqlite_copy.restore(source, db)
    else:
        pg_copy.restore(source, db, pg_bin, manifest.tool_major)
    upgraded_from = _upgrade(db)
    anchor = Anchor(manifest.journal_seq, manifest.journal_hash)
    result = journal.verify(db, anchor=anchor)
    if result.problem is not None:
        _mismatch(result.problem)
    found = f"{result.last_seq}:{result.last_hash}"
    if found != str(anchor):
        _mismatch(msg("backup.head_differs", found=found, expected=anchor))
    checked = audit(db)
    if checked.problem is not None:
        _mismatch(checked.problem)
    return Restored(manifest, result.count, upgraded_from)


def _upgrade(db: Database) -> str | None:
    """Bring a restored older schema to this program's; the revision it had, if it moved."""
    revision = current_revision(db)
    if revision == HEAD:
        return None
    from workstation.db.migrate import upgrade  # Alembic: only when there is work for it

    upgrade(db)
    return revision


def _mismatch(problem: Msg) -> NoReturn:
    raise BackupError("backup.not_as_manifest", problem=problem)
