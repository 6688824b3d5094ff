"""Administrative division codes (GB/T 2260): the first six digits of a resident ID.

The table is the one python-stdnum maintains (``stdnum/cn/loc.dat``: each
province, and under it every county-level code ever assigned, withdrawn ones
included). It is read straight from the installed package on first use (a few
milliseconds; importing stdnum itself would cost ~35 ms) into a set, so
start-up never pays for it and a look-up is a set membership test.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from functools import cache
from pathlib import Path


def table_path() -> Path:
    """Where the installed python-stdnum keeps the table (found without importing it)."""
    spec = importlib.util.find_spec("stdnum")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("python-stdnum is not installed: pip install python-stdnum")
    return Path(next(iter(spec.submodule_search_locations))) / "cn" / "loc.dat"


def _numbers(ranges: str) -> list[str]:
    """``0101``, ``0101-0105`` or a comma list of them, each code zero-padded to its width."""
    numbers = []
    for part in ranges.split(","):
        low, _, high = part.partition("-")
        numbers += [f"{n:0{len(low)}d}" for n in range(int(low), int(high or low) + 1)]
    return numbers


def read_table(lines: Iterable[str]) -> frozenset[str]:
    """The six-digit codes of a ``loc.dat``: a province line (``11 province="北京市"``) and
    its indented county lines (``  0105 county="朝阳区"``)."""
    codes: set[str] = set()
    provinces: list[str] = []
    for line in lines:
        if not line.strip() or line[0] == "#":
            continue
        token = line.split(None, 1)[0]
        numbers = _numbers(token) if "-" in token or "," in token else [token]
        if line[0] != " ":
            provinces = numbers
        elif "county=" in line:
            for province in provinces:
                codes.update([province + county for county in numbers])
    return frozenset(code for code in codes if len(code) == 6)


@cache
def _codes() -> frozenset[str]:
    with table_path().open(encoding="utf-8") as lines:
        return read_table(lines)


def region_listed(code: str) -> bool:
    """Whether a six-digit region code is in the table: a province and a county in it.

    ``310115`` (上海市浦东新区) is; ``110199`` (北京市, no such county) and ``990105``
    (no such province) are not. The table may lag behind a code assigned since.
    """
    return code in _codes()
