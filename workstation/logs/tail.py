"""The last problems in the log files, for ``workstation doctor``.

Reads only the end of each file, so a full 5 MiB log costs no time.
"""

from __future__ import annotations

import re
from pathlib import Path

PROBLEM = re.compile(r"^\S+ (WARNING|ERROR|CRITICAL) ")
"""A log line (see :data:`workstation.logs.setup.FORMAT`) of a warning or an error."""
TAIL_BYTES = 256 * 1024


def last_problems(files: list[Path], limit: int = 5) -> list[str]:
    """The last ``limit`` WARNING/ERROR lines of ``files``, oldest first (by their time)."""
    found: list[str] = []
    for path in files:
        found += [line for line in _tail(path) if PROBLEM.match(line)]
    return sorted(found)[-limit:] if limit > 0 else []


def _tail(path: Path) -> list[str]:
    try:
        with path.open("rb") as fh:
            size = fh.seek(0, 2)
            fh.seek(max(0, size - TAIL_BYTES))
            data = fh.read()
    except FileNotFoundError:
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    return lines[1:] if size > TAIL_BYTES else lines  # the first line was cut
