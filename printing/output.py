"""Where a rendered PDF goes: a file in the output folder, then perhaps a printer.

The file is always written first (atomically), so a printer that fails never
loses the document: the teller can send the saved file again.
"""

from __future__ import annotations

import re
import subprocess
from enum import StrEnum
from pathlib import Path

from workstation.domain.errors import WorkstationError, os_reason
from workstation.domain.i18n import msg
from workstation.files import write_atomically

LP_TIMEOUT = 30
"""Seconds to wait for ``lp`` to accept a job."""
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class Media(StrEnum):
    """The paper a document is laid out on, as ``lp -o media=`` names it."""

    A4 = "A4"
    A5 = "A5"
    ROLL_80 = "Custom.80x160mm"
    """An 80 mm receipt roll cut at 160 mm: the queue ticket."""


class PrintFailed(WorkstationError):
    """``lp`` refused the job, was not found or did not answer; the PDF stays saved."""


class SaveFailed(WorkstationError):
    """The PDF could not be written to the output folder; nothing was printed."""


def save_failed(folder: Path, name: str, error: OSError) -> SaveFailed:
    return SaveFailed(
        msg("printing.save_failed", name=name, folder=str(folder), reason=os_reason(error))
    )


def pdf_name(kind: str, key: str, print_no: int = 1) -> str:
    """The file name of a document.

    ``pdf_name("receipt", "SH01-20261127-01-00001")`` → ``SH01-20261127-01-00001-receipt.pdf``;
    the second print (first reprint) ends ``-receipt-reprint1.pdf``, print 3
    ``-receipt-reprint2.pdf``; ``pdf_name("sample", "3101-surrender")`` →
    ``sample-3101-surrender.pdf``. Characters a file system may refuse become ``_``.
    """
    if print_no < 1:
        raise ValueError(f"print_no starts at 1, not {print_no}")
    safe_kind, safe_key = (_UNSAFE.sub("_", part).strip("._") for part in (kind, key))
    if not safe_kind or not safe_key:
        raise ValueError(f"no file name for kind {kind!r} and key {key!r}")
    if safe_kind == "sample":
        return f"sample-{safe_key}.pdf"
    suffix = f"-reprint{print_no - 1}" if print_no > 1 else ""
    return f"{safe_key}-{safe_kind}{suffix}.pdf"


def save_pdf(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to ``folder/name`` atomically (temp file, fsync, rename); return the path.

    Creates the folder. A reader never sees half a file; an existing file of
    the same name is replaced whole.
    """
    if Path(name).name != name or name in ("", ".", ".."):
        raise ValueError(f"{name!r} is not a plain file name")
    return write_atomically(folder / name, data)


def send_to_printer(path: Path, printer: str, media: str = "A5") -> None:
    """Print a saved PDF with the system's ``lp -d PRINTER -o media=A5 PATH``.

    Raises :class:`PrintFailed` (``printing.lp_failed``) when ``lp`` is missing,
    times out after :data:`LP_TIMEOUT` seconds or exits non-zero; ``reason``
    is what ``lp`` said. The PDF is never moved or deleted.
    """
    # An absolute path never reads as an option, whatever the file is called.
    command = ["lp", "-d", printer, "-o", f"media={media}", str(path.absolute())]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=LP_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise _failed(printer, "lp not found") from None
    except subprocess.TimeoutExpired:
        raise _failed(printer, f"lp did not answer within {LP_TIMEOUT} s") from None
    except OSError as exc:
        raise _failed(printer, exc.strerror or str(exc)) from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout or "").strip()
        raise _failed(printer, said or f"lp exited with status {done.returncode}")


def _failed(printer: str, reason: str) -> PrintFailed:
    return PrintFailed(msg("printing.lp_failed", printer=printer, reason=reason))
