"""``workstation doctor``: is this workstation ready? Each check is one line: OK, WARN or FAIL.

Keyring (a real one, holding the journal key), database (answers), schema (at this
program's head), journal (its head readable and signed with this keyring's key),
business templates, print font, printer queue, output folder (a file created and
deleted), clock (within 2 minutes of the PostgreSQL server's), free disk space of the
database's and the output folder's file systems, and the log: where it is, with its
last warnings and errors. Exits 1 when anything fails; warnings do not fail.
Quick: the database is opened once, and a server that does not answer gives up
after a few seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import click

from workstation.cli import doctor_checks as checks
from workstation.cli import doctor_system as system
from workstation.cli.common import Context
from workstation.cli.doctor_checks import Finding, Probe
from workstation.domain.errors import SystemRefused, WorkstationError
from workstation.domain.i18n import Catalog, msg
from workstation.logs.events import describe, log_error

log = logging.getLogger(__name__)

CHECKS: dict[str, Callable[[Probe], Finding]] = {
    "keyring": checks.keyring,
    "database": checks.database,
    "schema": checks.schema,
    "journal": checks.journal,
    "templates": checks.templates,
    "font": checks.font,
    "printer": checks.printer,
    "output": checks.output,
    "clock": system.clock,
    "disk_database": system.disk_database,
    "disk_output": system.disk_output,
    "log": system.log,
}


def run_check(check: Callable[[Probe], Finding], probe: Probe) -> Finding:
    """One check; what it raises is its FAIL line (and, if it is a bug, a traceback in the log)."""
    try:
        return check(probe)
    except WorkstationError as error:
        return Finding("fail", error.msg)
    except OSError as error:
        return Finding("fail", SystemRefused(error).msg)
    except Exception as error:  # one broken check must not hide the others
        log_error(log, error, f"doctor:{check.__name__}")
        return Finding("fail", msg("app.unexpected", error=f"{type(error).__name__}: {error}"))


@click.command()
@click.pass_obj
def doctor(obj: Context) -> None:
    """Check keyring, database, schema, journal, templates, font, printer, output folder,
    clock, disk space and the log."""
    t: Catalog = obj.catalog()
    probe = Probe(obj.config())
    failed = False
    try:
        for name, check in CHECKS.items():
            finding = run_check(check, probe)
            if finding.level != "ok":  # noted; the problem itself was logged where it happens
                log.info("doctor %s %s %s", name, finding.level, describe(finding.message))
            failed |= finding.level == "fail"
            level = t(f"doctor.level.{finding.level}")
            click.echo(f"{level:<6} {t(f'doctor.check.{name}')}: {t(finding.message)}")
            for line in finding.details:
                click.echo(f"{'':<7}{line}")
    finally:
        probe.close()
    if failed:
        raise SystemExit(1)
