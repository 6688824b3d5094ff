"""Erlang C (M/M/N): how long customers wait for N windows, and how many windows a target needs.

Standard library only, computed here: no calculation is ever sent elsewhere.

- offered load ``A = λ · AHT`` (arrivals per second times the average handling
  time in seconds, in Erlangs);
- Erlang B by its recursion ``B(0) = 1``, ``B(n) = A·B(n−1) / (n + A·B(n−1))``,
  stable for any N;
- the chance a customer waits ``C = N·B / (N − A·(1 − B))`` for ``N > A``;
  with ``N ≤ A`` the queue grows without end: everyone waits, for ever;
- the service level, the share served within ``t`` seconds,
  ``SL(t) = 1 − C · e^(−(N − A)·t / AHT)``;
- the average wait ``C · AHT / (N − A)``; the occupancy ``A / N``.

The published check (:func:`erlang_c` with 100 arrivals per 30 minutes, AHT
3 minutes, t = 20 s, N = 14): C = 0.1741319, SL = 0.88835, average wait 7.8359 s.
Erlang C assumes one queue, first come first served and exponential handling
times; the branch's queue rule has priorities and a flexible window, so a
simulation checks the advice against it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_WINDOWS = 500
"""No branch has more; a search past it is a sign of bad input, not of a big branch."""


@dataclass(frozen=True)
class Staffing:
    """What ``windows`` open windows give for an offered load."""

    windows: int
    load: float
    """A, in Erlangs."""
    p_wait: float
    """The chance a customer waits at all (1 when the queue grows without end)."""
    service_level: float
    """The share served within the target wait (0 when the queue grows without end)."""
    average_wait: float
    """Seconds; ``math.inf`` when the queue grows without end."""
    occupancy: float
    """A / N: the share of the windows' time spent serving (capped at 1)."""


def offered_load(arrivals_per_second: float, handling_seconds: float) -> float:
    if arrivals_per_second < 0 or handling_seconds < 0:
        raise ValueError("arrivals and handling time cannot be negative")
    return arrivals_per_second * handling_seconds


def erlang_b(windows: int, load: float) -> float:
    """The Erlang B blocking probability by the recursion (1 with no window)."""
    if windows < 0 or load < 0:
        raise ValueError("windows and load cannot be negative")
    b = 1.0
    for n in range(1, windows + 1):
        b = load * b / (n + load * b)
    return b


def erlang_c(
    arrivals_per_second: float, handling_seconds: float, windows: int, target_seconds: float
) -> Staffing:
    """Wait, service level and occupancy of ``windows`` windows for the given traffic."""
    load = offered_load(arrivals_per_second, handling_seconds)
    if load == 0:
        return Staffing(windows, 0.0, 0.0, 1.0, 0.0, 0.0)
    if windows <= load:
        return Staffing(windows, load, 1.0, 0.0, math.inf, 1.0)
    b = erlang_b(windows, load)
    p_wait = windows * b / (windows - load * (1 - b))
    spare = windows - load
    level = 1 - p_wait * math.exp(-spare * target_seconds / handling_seconds)
    wait = p_wait * handling_seconds / spare
    return Staffing(windows, load, p_wait, level, wait, load / windows)


def windows_needed(
    arrivals_per_second: float,
    handling_seconds: float,
    target_seconds: float,
    service_level: float = 0.8,
    max_occupancy: float = 0.85,
) -> Staffing:
    """The fewest windows that serve ``service_level`` of customers within ``target_seconds``
    with occupancy at most ``max_occupancy`` (none with no arrivals)."""
    if not 0 < service_level < 1 or not 0 < max_occupancy <= 1:
        raise ValueError("the service level and occupancy are shares between 0 and 1")
    load = offered_load(arrivals_per_second, handling_seconds)
    if load == 0:
        return erlang_c(0, handling_seconds, 0, target_seconds)
    first = max(1, math.floor(load) + 1, math.ceil(load / max_occupancy))
    for windows in range(first, MAX_WINDOWS + 1):
        found = erlang_c(arrivals_per_second, handling_seconds, windows, target_seconds)
        if found.service_level >= service_level and found.occupancy <= max_occupancy:
            return found
    raise ValueError(f"more than {MAX_WINDOWS} windows needed: check the arrivals")


def rostered(windows: int, shrinkage: float) -> int:
    """Staff to roster so ``windows`` are open after breaks, training and absence."""
    if not 0 <= shrinkage < 1:
        raise ValueError("shrinkage is a share between 0 and 1")
    return math.ceil(windows / (1 - shrinkage) - 1e-9)
