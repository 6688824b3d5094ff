"""The watch list: people the branch must not serve, from a CSV file the compliance office keeps.

Columns ``id_number,name,reason``; either of the first two may be empty. A
configured file that cannot be read stops the station: a silent empty list
would let everyone through.
"""

from __future__ import annotations

import csv
from pathlib import Path

from workstation.domain.errors import WorkstationError
from workstation.services.risk.model import WatchList


class WatchListError(WorkstationError):
    """The watch-list file is missing or malformed."""


def load_watch_list(path: Path | None) -> WatchList:
    if path is None:
        return WatchList()
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise WatchListError("watch_list.unreadable", path=str(path), reason=exc.strerror) from None
    if rows and not {"id_number", "name"} <= set(rows[0]):
        raise WatchListError("watch_list.columns", path=str(path))
    ids = {row["id_number"].strip().upper() for row in rows if (row["id_number"] or "").strip()}
    names = {row["name"].strip() for row in rows if (row["name"] or "").strip()}
    return WatchList(frozenset(ids), frozenset(names))
