"""The checks of ``workstation doctor`` that read this workstation's set-up.

Each takes the :class:`Probe` (what the checks share, opened once) and returns a
:class:`Finding`; a refusal raised by a check is its FAIL line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar, cast

from workstation.domain.i18n import Msg, msg

if TYPE_CHECKING:
    from workstation.config import Config
    from workstation.db.engine import Database
    from workstation.secrets import Secrets

Level = Literal["ok", "warn", "fail"]
T = TypeVar("T")
CONNECT_TIMEOUT_S = 5
"""A PostgreSQL server that does not answer fails its lines after this, not after minutes."""


@dataclass(frozen=True)
class Finding:
    level: Level
    message: Msg
    details: tuple[str, ...] = ()
    """Lines shown under the check's line (the log's last problems)."""


class Probe:
    """The keyring and the database, opened once for all the checks; a failure to open
    them is raised again to every check that needs them (each says FAIL with the cause)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._made: dict[str, object] = {}

    def _once(self, name: str, make: Callable[[], T]) -> T:
        if name not in self._made:
            try:
                self._made[name] = make()
            except Exception as error:
                self._made[name] = error
        made = self._made[name]
        if isinstance(made, Exception):
            raise made
        return cast("T", made)

    def secrets(self) -> Secrets:
        from workstation.secrets import Secrets

        return self._once("secrets", Secrets)

    def key(self) -> bytes:
        return self._once("key", lambda: self.secrets().journal_key())

    def db(self) -> Database:
        return self._once("db", self._connect)

    def _connect(self) -> Database:
        from sqlalchemy.engine import make_url

        from workstation.config import DatabaseSection
        from workstation.station import connect_unchecked

        url = make_url(self.config.database.url)
        if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:
            url = url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
        section = DatabaseSection(url=url.render_as_string(hide_password=False))
        return connect_unchecked(
            self.config.model_copy(update={"database": section}), self.secrets()
        )

    def close(self) -> None:
        made = self._made.get("db")
        if made is not None and not isinstance(made, Exception):
            cast("Database", made).dispose()


def keyring(probe: Probe) -> Finding:
    from workstation.secrets import backend_name

    probe.key()
    return Finding("ok", msg("doctor.keyring_ok", backend=backend_name(probe.secrets().backend)))


def database(probe: Probe) -> Finding:
    from workstation.db.failures import where
    from workstation.db.schema import current_revision

    db = probe.db()
    current_revision(db)
    return Finding("ok", msg("doctor.database_ok", where=where(db.url)))


def schema(probe: Probe) -> Finding:
    from workstation.db.schema import HEAD, check_schema

    check_schema(probe.db())
    return Finding("ok", msg("doctor.schema_ok", head=HEAD))


def journal(probe: Probe) -> Finding:
    from workstation.domain.clock import SystemClock
    from workstation.services.journal import Journal

    head, problem = Journal(probe.key(), SystemClock()).check_head(probe.db())
    if problem is not None:
        return Finding("fail", problem)
    if head.seq == 0:
        return Finding("ok", msg("doctor.journal_empty"))
    return Finding("ok", msg("doctor.journal_ok", seq=head.seq, hash=head.hash[:12]))


def templates(probe: Probe) -> Finding:
    from workstation.domain.clock import SystemClock
    from workstation.station import load_templates

    config = probe.config
    index = load_templates(config, SystemClock(config.branch.zone))
    return Finding("ok", msg("doctor.templates_ok", count=len(index.templates)))


def font(probe: Probe) -> Finding:
    from printing.fonts import choose_font

    chosen = choose_font(probe.config.printing.font)
    if chosen.warning is not None and not chosen.embedded:
        return Finding("warn", chosen.warning)
    return Finding("ok", msg("doctor.font_ok", path=chosen.path))


def printer(probe: Probe) -> Finding:
    """The configured CUPS queue is there (``lpstat -p QUEUE``) and not stopped."""
    queue = probe.config.printing.printer
    if not queue:
        return Finding("ok", msg("doctor.no_printer", folder=str(probe.config.output.folder)))
    if shutil.which("lpstat") is None:
        return Finding("fail", msg("doctor.no_cups"))
    done = subprocess.run(["lpstat", "-p", queue], capture_output=True, text=True, timeout=10)
    state = " ".join(done.stdout.split())
    if done.returncode != 0 or not state:
        return Finding("fail", msg("doctor.printer_missing", printer=queue))
    if " disabled" in state:
        return Finding("warn", msg("doctor.printer_disabled", printer=queue, state=state))
    return Finding("ok", msg("doctor.printer_ok", printer=queue, state=state))


def writable(folder: Path) -> None:
    """Create and delete a file in ``folder`` (made if missing, as printing makes it)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=folder, prefix=".doctor-", suffix=".tmp")
    os.close(fd)
    os.unlink(name)


def output(probe: Probe) -> Finding:
    folder = probe.config.output.folder
    writable(folder)
    return Finding("ok", msg("doctor.output_ok", folder=str(folder)))
