"""The day's journal anchor as a small file in the output folder.

Closing the business date writes the head of the journal (``SEQ:HASH``, the
entry that closed the day) to ``SH01-20261127-journal-anchor.txt``, next to
the branch summary that prints it. Kept away from the database (copied off,
filed with the paper), it lets ``workstation journal verify --anchor
"$(cat FILE)"`` prove later that nothing up to that entry was removed or
changed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workstation.files import write_atomically
from workstation.services.journal import Anchor


def anchor_file_name(branch_code: str, day: date) -> str:
    return f"{branch_code}-{day:%Y%m%d}-journal-anchor.txt"


def save_anchor(folder: Path, branch_code: str, day: date, anchor: Anchor) -> Path:
    """Write ``SEQ:HASH`` and a newline atomically (temp file, fsync, rename); return the path."""
    target = folder / anchor_file_name(branch_code, day)
    return write_atomically(target, f"{anchor}\n".encode("ascii"))
