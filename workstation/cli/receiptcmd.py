"""``workstation receipt verify PAYLOAD|IMAGE``: is this receipt real?"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import click

from workstation.cli.common import Context, open_admin
from workstation.domain.errors import WorkstationError


@click.group()
def receipt() -> None:
    """Receipts: check one against the ledger."""


def _payload(text: str) -> str:
    """The text itself, or the QR code read from an image file (with zbarimg, if installed)."""
    path = Path(text)
    if "|" in text or not path.exists():
        return text
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        raise WorkstationError("receipt.no_decoder")
    done = subprocess.run(
        [zbarimg, "--raw", "-q", str(path)], capture_output=True, text=True, timeout=30
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise WorkstationError("receipt.no_code", path=str(path))
    return done.stdout.strip().splitlines()[0]


@receipt.command()
@click.argument("payload")
@click.pass_obj
def verify(obj: Context, payload: str) -> None:
    """Check the QR payload printed under a receipt's code (CW1|serial|digest), or an image."""
    from workstation.services.receipts import receipt_key, verify_receipt

    t = obj.catalog()
    text = _payload(payload)
    opened = open_admin(obj)
    try:
        result = verify_receipt(opened.db, receipt_key(opened.key), text)
    finally:
        opened.db.dispose()
    if result.problem is None:  # genuine
        click.echo(t("receipt.genuine", summary=result.summary))
        return
    click.echo(t(result.problem), err=True)
    raise SystemExit(1)
