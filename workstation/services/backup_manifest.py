"""A backup's manifest: JSON beside the file, saying what it holds and how to check it.

``SH01-20261127T013000Z.sqlite`` (or ``.pgdump``) has ``SH01-20261127T013000Z.manifest.json``:
the format and program version, schema revision, dialect, branch, when it was
taken (UTC), the journal head it holds (read in the copy's own snapshot), and
the file's name, size and SHA-256. Names carry the branch and the UTC time, so
backups of many days and branches sit in one folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workstation.db.copies import BackupError

FORMAT = "counter-workstation-backup"
FORMAT_VERSION = 1
SUFFIX = ".manifest.json"
EXTENSIONS = {"sqlite": ".sqlite", "postgresql": ".pgdump"}
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Manifest:
    program_version: str
    schema_revision: str
    dialect: str
    branch: str
    created_at: datetime
    journal_seq: int
    journal_hash: str
    file_name: str
    file_size: int
    sha256: str
    tool: str
    tool_major: int | None = None

    @property
    def anchor(self) -> str:
        """The head as ``journal verify --anchor`` takes it."""
        return f"{self.journal_seq}:{self.journal_hash}"

    def as_json(self) -> str:
        document = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "program_version": self.program_version,
            "schema_revision": self.schema_revision,
            "dialect": self.dialect,
            "branch": self.branch,
            "created_at": self.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "journal_head": {"seq": self.journal_seq, "hash": self.journal_hash},
            "anchor": self.anchor,
            "file": {"name": self.file_name, "size": self.file_size, "sha256": self.sha256},
            "tool": self.tool,
            "tool_major": self.tool_major,
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_path(backup: Path) -> Path:
    """The manifest beside a backup file: its name without the extension, plus SUFFIX."""
    return backup.with_name(backup.stem + SUFFIX)


def reserve(folder: Path, branch: str, now: datetime, dialect: str) -> Path:
    """A new, empty, owner-only backup file named by branch and UTC time; never overwrites."""
    stem = f"{branch}-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    for n in range(1, 1000):
        path = folder / f"{stem}{'' if n == 1 else f'-{n}'}{EXTENSIONS[dialect]}"
        if manifest_path(path).exists():
            continue
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder / stem}*{EXTENSIONS[dialect]}")


def write_manifest(manifest: Manifest, backup: Path) -> Path:
    """Write the manifest beside ``backup`` (owner-only, flushed to disk); its path."""
    path = manifest_path(backup)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(manifest.as_json())
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        path.unlink(missing_ok=True)  # half a manifest would vouch for nothing
        raise
    return path


def read_manifest(path: Path) -> Manifest:
    """The manifest at ``path``; missing, unreadable or malformed is one line."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError("backup.manifest_missing", path=path) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise BackupError("backup.manifest_bad", path=path, reason=_reason(error)) from None
    try:
        return _parse(document)
    except (KeyError, TypeError, ValueError) as error:
        raise BackupError("backup.manifest_bad", path=path, reason=_reason(error)) from None


def _reason(error: Exception) -> str:
    said = " ".join(str(error).split())
    return f"{type(error).__name__}: {said}" if said else type(error).__name__


def _parse(document: Any) -> Manifest:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} manifest")
    if _int(document["format_version"]) > FORMAT_VERSION:
        raise ValueError(f"format version {document['format_version']} is newer than this program")
    head, file = document["journal_head"], document["file"]
    created = datetime.fromisoformat(_str(document["created_at"]).replace("Z", "+00:00"))
    major = document.get("tool_major")
    return Manifest(
        program_version=_str(document["program_version"]),
        schema_revision=_str(document["schema_revision"]),
        dialect=_str(document["dialect"]),
        branch=_str(document["branch"]),
        created_at=created,
        journal_seq=_int(head["seq"]),
        journal_hash=_str(head["hash"]),
        file_name=_str(file["name"]),
        file_size=_int(file["size"]),
        sha256=_str(file["sha256"]).lower(),
        tool=_str(document["tool"]),
        tool_major=None if major is None else _int(major),
    )


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {value!r}")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected a whole number, found {value!r}")
    return value


def check_file(manifest: Manifest, backup: Path) -> None:
    """The file must have the manifest's size and SHA-256, checked before anything is restored."""
    size = backup.stat().st_size
    if size != manifest.file_size:
        raise BackupError(
            "backup.checksum_size", file=backup, found=size, expected=manifest.file_size
        )
    digest = sha256_of(backup)
    if digest != manifest.sha256:
        raise BackupError(
            "backup.checksum_sha256", file=backup, found=digest, expected=manifest.sha256
        )
