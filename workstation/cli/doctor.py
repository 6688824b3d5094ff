"""``workstation doctor``: is this workstation ready? Each check says OK, WARN or FAIL.

Keyring, database schema, business templates, the font receipts are printed
with (embedded, or a fallback that may lose text on paper), the printer, the
output folder. Exits 1 when anything fails; warnings do not fail.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import click

from workstation.cli.common import Context
from workstation.domain.errors import WorkstationError
from workstation.domain.i18n import Catalog, Msg, msg

if TYPE_CHECKING:
    from workstation.config import Config


def _keyring(config: Config) -> tuple[str, Msg]:
    from workstation.secrets import Secrets, backend_name

    secrets = Secrets()
    secrets.journal_key()
    return "ok", msg("doctor.keyring_ok", backend=backend_name(secrets.backend))


def _database(config: Config) -> tuple[str, Msg]:
    from workstation.db.schema import HEAD
    from workstation.secrets import Secrets
    from workstation.station import connect

    connect(config, Secrets()).dispose()
    return "ok", msg("doctor.database_ok", head=HEAD)


def _templates(config: Config) -> tuple[str, Msg]:
    from workstation.domain.clock import SystemClock
    from workstation.station import load_templates

    index = load_templates(config, SystemClock(config.branch.zone))
    return "ok", msg("doctor.templates_ok", count=len(index.templates))


def _font(config: Config) -> tuple[str, Msg]:
    from printing.fonts import choose_font

    font = choose_font(config.printing.font)
    if font.warning is not None and not font.embedded:
        return "warn", font.warning
    return "ok", msg("doctor.font_ok", path=font.path)


def _printer(config: Config) -> tuple[str, Msg]:
    printer = config.printing.printer
    if not printer:
        return "ok", msg("doctor.no_printer", folder=str(config.output.folder))
    if shutil.which("lpstat") is None:
        return "fail", msg("doctor.no_cups")
    done = subprocess.run(["lpstat", "-p", printer], capture_output=True, text=True, timeout=10)
    if done.returncode != 0:
        return "fail", msg("doctor.printer_missing", printer=printer)
    return "ok", msg("doctor.printer_ok", printer=printer, state=done.stdout.strip())


def _output(config: Config) -> tuple[str, Msg]:
    folder = config.output.folder
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / ".doctor-probe"
    probe.write_text("ok")
    probe.unlink()
    return "ok", msg("doctor.output_ok", folder=str(folder))


CHECKS = {
    "keyring": _keyring,
    "database": _database,
    "templates": _templates,
    "font": _font,
    "printer": _printer,
    "output": _output,
}


@click.command()
@click.pass_obj
def doctor(obj: Context) -> None:
    """Check keyring, database, templates, font, printer and output folder."""
    t: Catalog = obj.catalog()
    config = obj.config()
    failed = False
    for name, check in CHECKS.items():
        try:
            level, message = check(config)
        except WorkstationError as error:
            level, message = "fail", error.msg
        except OSError as error:
            level, message = "fail", msg("doctor.os_error", reason=str(error))
        failed |= level == "fail"
        click.echo(f"{t(f'doctor.level.{level}'):<6} {t(f'doctor.check.{name}')}: {t(message)}")
    if failed:
        raise SystemExit(1)
