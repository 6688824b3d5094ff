"""The checks of ``workstation doctor`` about the machine: clock, disk space, the log."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from workstation.cli.doctor_checks import Finding, Probe, writable
from workstation.domain.errors import os_reason
from workstation.domain.i18n import msg

CLOCK_LIMIT_S = 120
"""How far this PC's clock may be from the database server's: times and business dates
are stamped by the PC, and compared with what other counters stamped."""
LOW_BYTES = 1024**3
LOW_SHARE = 0.05
"""A disk with less free space than 1 GiB or 5 % is a warning."""
LAST_PROBLEMS = 5


def local_now() -> datetime:
    """This PC's time (tests move it)."""
    return datetime.now(UTC)


def clock(probe: Probe) -> Finding:
    """PostgreSQL: compare ``SELECT now()`` with this PC's time, allowing for the round trip."""
    from sqlalchemy import text

    db = probe.db()
    if db.dialect != "postgresql":
        return Finding("ok", msg("doctor.clock_sqlite"))
    with db.engine.connect() as conn:
        before = local_now()
        server: datetime = conn.execute(text("SELECT now()")).scalar_one()
        after = local_now()
    return clock_finding((server - (before + (after - before) / 2)).total_seconds())


def clock_finding(skew_s: float) -> Finding:
    seconds = round(abs(skew_s))
    if abs(skew_s) > CLOCK_LIMIT_S:
        return Finding("fail", msg("doctor.clock_off", seconds=seconds, limit=CLOCK_LIMIT_S))
    return Finding("ok", msg("doctor.clock_ok", seconds=max(seconds, 1)))


def size_text(size: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def space(path: Path) -> Finding:
    """Free space on the file system that holds ``path`` (or would: its nearest folder)."""
    found = path
    while not found.exists() and found != found.parent:
        found = found.parent
    usage = shutil.disk_usage(found)
    params = {
        "path": str(path),
        "free": size_text(usage.free),
        "total": size_text(usage.total),
        "percent": round(100 * usage.free / usage.total) if usage.total else 0,
    }
    if usage.free < LOW_BYTES or usage.free < usage.total * LOW_SHARE:
        return Finding("warn", msg("doctor.disk_low", threshold=size_text(LOW_BYTES), **params))
    return Finding("ok", msg("doctor.disk_ok", **params))


def disk_database(probe: Probe) -> Finding:
    from sqlalchemy.engine import make_url

    url = make_url(probe.config.database.url)
    if url.get_backend_name() != "sqlite" or not url.database:
        return Finding("ok", msg("doctor.disk_remote"))
    return space(Path(url.database))


def disk_output(probe: Probe) -> Finding:
    return space(probe.config.output.folder)


def log(probe: Probe) -> Finding:
    """Where this counter's log is, and its last warnings and errors (and the commands')."""
    from workstation.logs.setup import ADMIN, log_file, program_name
    from workstation.logs.tail import last_problems

    settings = probe.config.logging.settings()
    try:
        writable(settings.folder)
    except OSError as error:
        reason = os_reason(error)
        return Finding("warn", msg("doctor.log_unwritable", folder=settings.folder, reason=reason))
    path = log_file(settings, program_name(probe.config.branch.counter))
    admin = log_file(settings, ADMIN)
    size = size_text(path.stat().st_size) if path.exists() else msg("doctor.log_not_yet")
    problems = last_problems([path, admin], LAST_PROBLEMS)
    key = "doctor.log_problems" if problems else "doctor.log_ok"
    return Finding("ok", msg(key, path=str(path), size=size, admin=str(admin)), tuple(problems))
