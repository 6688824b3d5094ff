"""How the workstation writes what happened: keys and non-personal values, never rendered text.

A refusal is written as its catalog key and the parameters that name no one
(``refused posting.blocked codes=policy_status.not_allowed``), a failure of the
system (disk, database, keyring, printer) as ``failed`` with its key and the
system's reason, anything else (a bug) as ``error`` with its traceback. An
operation slower than the configured threshold is written as ``slow``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from workstation.domain.errors import SystemRefused, WorkstationError
from workstation.domain.i18n import Msg

SAFE_PARAMS = frozenset(
    {
        "amount", "anchor", "backend", "branch", "code", "codes", "count", "counter", "counters",
        "current", "date", "day", "days", "direction", "due", "due_date", "field", "folder",
        "head", "key", "kind", "last", "left", "length", "level", "limit", "max", "min",
        "min_length", "minutes", "mode", "path", "printer", "problem", "ref", "required", "role",
        "roles", "seq", "serial", "serials", "since", "staff_id", "state", "status", "threshold",
        "tills", "time", "total", "type",
    }
)  # fmt: skip
"""Parameters that never carry a customer's name, ID, card, phone or free text."""

SYSTEM_KEYS = (
    "storage.", "db.", "secrets.", "config.", "printing.", "station.", "template.", "journal.",
)  # fmt: skip
"""Keys of failures of the machine, its set-up or its journal, rather than refusals of a
teller's request; their ``reason`` is the system's own words (a path and an errno)."""


def is_failure(message: Msg) -> bool:
    return message.key.startswith(SYSTEM_KEYS)


def describe(message: Msg) -> str:
    """``posting.blocked codes=…``: the key, then the parameters that may be written."""
    allowed = SAFE_PARAMS | {"reason"} if is_failure(message) else SAFE_PARAMS
    return " ".join([message.key, *_params(message.params, allowed)])


def _params(params: Mapping[str, object], allowed: frozenset[str]) -> Iterator[str]:
    for name, value in params.items():
        if name not in allowed:
            continue
        shown = value.key if isinstance(value, Msg) else " ".join(str(value).split())
        yield f"{name}={shown}"


def log_refusal(log: logging.Logger, message: Msg, operation: str | None = None) -> None:
    """A refusal at INFO (``refused KEY …``), a system failure at WARNING (``failed KEY …``)."""
    failure = is_failure(message)
    where = f" op={operation}" if operation else ""
    level, word = (logging.WARNING, "failed") if failure else (logging.INFO, "refused")
    log.log(level, "%s %s%s", word, describe(message), where)


def log_error(log: logging.Logger, error: BaseException, operation: str | None = None) -> None:
    """Whatever a call raised: a refusal by its key, the system's words, or a bug in full."""
    if isinstance(error, WorkstationError):
        log_refusal(log, error.msg, operation)
    elif isinstance(error, OSError):
        log_refusal(log, SystemRefused(error).msg, operation)
    else:
        where = f" op={operation}" if operation else ""
        log.error("error %s%s", type(error).__name__, where, exc_info=error)


def operation_name(job: Callable[..., object]) -> str:
    """What a job does, for the log: ``ClosingService.open_tills`` for a bound method, the
    names a lambda reads (``auth.sign_in`` for ``lambda: station.auth.sign_in(...)``)."""
    name = getattr(job, "__qualname__", None) or type(job).__name__
    code = getattr(job, "__code__", None)
    if "<" in name and code is not None and code.co_names:
        return ".".join(code.co_names[:4])
    return str(name)


@contextmanager
def timed(
    log: logging.Logger,
    operation: str,
    slow_ms: float,
    now: Callable[[], float] = time.perf_counter,
) -> Iterator[None]:
    """Log ``slow OPERATION N ms`` at WARNING when the block takes more than ``slow_ms``."""
    started = now()
    try:
        yield
    finally:
        log_if_slow(log, operation, (now() - started) * 1000, slow_ms)


def log_if_slow(
    log: logging.Logger,
    operation: str,
    took_ms: float,
    slow_ms: float,
    level: int = logging.WARNING,
) -> None:
    """``slow OPERATION N ms``: a warning where a person waits (a screen), else at ``level``."""
    if took_ms > slow_ms:
        log.log(level, "slow %s %.0f ms (over %.0f ms)", operation, took_ms, slow_ms)
