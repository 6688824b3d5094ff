"""PostgreSQL backups through ``pg_dump -Fc`` and restores through ``pg_restore``.

The tools are looked for in ``$WORKSTATION_PG_BIN``, else ``[database] pg_bin``,
else on PATH, and must be at least as new as the server (pg_restore also as
new as the pg_dump that wrote the archive); otherwise one line names the
package to install. The password (from keyring, in the engine's URL) reaches
the child only as ``PGPASSWORD`` in its environment: never on its command
line, never in a file. ``--no-password`` keeps a tool from ever prompting.

Consistency: a REPEATABLE READ transaction reads the journal head and schema
revision and exports its snapshot (``pg_export_snapshot``); ``pg_dump
--snapshot`` dumps that very snapshot while the transaction stays open, so
the archive and its manifest describe one state while counters go on posting.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL

from workstation.db.copies import BackupError, Taken, read_state
from workstation.db.engine import Database
from workstation.db.failures import one_line

PG_BIN_ENV = "WORKSTATION_PG_BIN"
_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)")


@dataclass(frozen=True)
class Tool:
    path: Path
    version: str
    """What ``--version`` printed, e.g. ``pg_dump (PostgreSQL) 15.18``."""
    major: int


def _tool_path(name: str, configured: Path | None) -> tuple[Path | None, str]:
    """The executable and where it was looked for."""
    folder = os.environ.get(PG_BIN_ENV) or (str(configured) if configured else "")
    if folder:
        candidate = Path(folder) / name
        found = candidate if candidate.is_file() and os.access(candidate, os.X_OK) else None
        return found, folder
    on_path = shutil.which(name)
    return (Path(on_path) if on_path else None), "PATH"


def find_tool(name: str, configured: Path | None, needed: int) -> Tool:
    """``pg_dump`` or ``pg_restore`` of PostgreSQL ``needed`` or newer, or one line saying how."""
    path, where = _tool_path(name, configured)
    if path is None:
        raise BackupError("backup.pg_tool_missing", tool=name, where=where, major=needed)
    said = _run([str(path), "--version"], None, name).strip()
    found = _VERSION.search(said)
    if found is None:
        raise BackupError("backup.pg_tool_failed", tool=name, reason=one_line(said))
    major = int(found.group(1))
    if major < needed:
        raise BackupError("backup.pg_tool_old", tool=name, path=path, found=major, major=needed)
    return Tool(path, one_line(said), major)


def libpq_target(url: URL) -> tuple[str, dict[str, str]]:
    """The ``--dbname`` URI without the password, and the child's environment holding it."""
    address = URL.create(  # not url.set(password=None): set() ignores None and keeps it
        "postgresql", url.username, None, url.host, url.port, url.database, url.query
    )
    env = dict(os.environ)
    env.pop("PGPASSWORD", None)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return address.render_as_string(hide_password=False), env


def server_major(conn: Connection) -> int:
    return int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000


def _run(command: list[str], env: Mapping[str, str] | None, name: str) -> str:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except OSError as error:
        raise BackupError("backup.pg_tool_failed", tool=name, reason=one_line(error)) from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        reason = one_line(lines[-1] if lines else f"exit status {done.returncode}")
        raise BackupError("backup.pg_tool_failed", tool=name, reason=reason)
    return done.stdout


def take(db: Database, out: Path, pg_bin: Path | None) -> Taken:
    """Dump ``db`` into ``out`` (custom format); the state the archive holds."""
    address, env = libpq_target(db.url)
    with db.engine.connect() as plain:
        conn = plain.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            tool = find_tool("pg_dump", pg_bin, server_major(conn))
            state = read_state(conn)  # the transaction's snapshot starts here
            snapshot = str(conn.execute(text("SELECT pg_export_snapshot()")).scalar_one())
            dump = [str(tool.path), "--format=custom", "--no-password", f"--snapshot={snapshot}"]
            _run([*dump, f"--file={out}", f"--dbname={address}"], env, "pg_dump")
    return Taken(state, tool.version, tool.major)


def restore(source: Path, db: Database, pg_bin: Path | None, dumped_major: int | None) -> None:
    """Restore the archive ``source`` into ``db``, which holds no table, in one transaction."""
    address, env = libpq_target(db.url)
    with db.engine.connect() as conn:
        needed = max(server_major(conn), dumped_major or 0)
    tool = find_tool("pg_restore", pg_bin, needed)
    options = ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    command = [str(tool.path), *options, "--no-password", f"--dbname={address}", str(source)]
    _run(command, env, "pg_restore")
