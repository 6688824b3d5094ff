"""Configure the log: one rotating file per program, personal numbers masked in every record.

The TUI of counter 01 writes ``counter-01.log``, the administrative commands ``admin.log``,
each in the log folder (``[logging] folder``, else the platform log directory). One file
per program keeps rotation safe: :class:`~logging.handlers.RotatingFileHandler` renames
the file it writes, which another process writing the same file would not notice.

Nothing is written to the terminal: the handler is on the root logger (so Python's
last-resort handler never prints), and a log that cannot be opened or written is
replaced by silence rather than by lines on the teller's screen.
"""

from __future__ import annotations

import logging
from datetime import datetime, tzinfo
from logging.handlers import RotatingFileHandler
from pathlib import Path

from workstation.configfile import LogSettings
from workstation.domain.clock import DEFAULT_ZONE
from workstation.domain.masking import mask_numbers_in

HANDLER_NAME = "counter-workstation"
OUR_LOGGERS = ("workstation", "screens", "printing", "forms")
"""Loggers of the project; they log at the configured level, everything else from WARNING."""
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d %(threadName)s] %(message)s"
ADMIN = "admin"


def program_name(counter: object) -> str:
    """The TUI's file name stem: ``counter-01`` (``counter`` when the number is unknown)."""
    if isinstance(counter, str) and len(counter) == 2 and counter.isdigit():
        return f"counter-{counter}"
    return "counter"


def log_file(settings: LogSettings, program: str) -> Path:
    return settings.folder / f"{program}.log"


class MaskingFilter(logging.Filter):
    """Masks every resident ID, card and mobile number in a record: message, arguments,
    exception and stack text. A safety net: callers log message keys, not rendered text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the message: keep both, masked
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = mask_numbers_in(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_numbers_in(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_numbers_in(record.stack_info)
        return True


class BranchTimeFormatter(logging.Formatter):
    """Times as ``2026-11-27T09:00:00.123+08:00``: in the branch's zone, stated (never the
    machine's: a log is read beside the journal and the receipts)."""

    def __init__(self, fmt: str, zone: tzinfo) -> None:
        super().__init__(fmt)
        self.zone = zone

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return datetime.fromtimestamp(record.created, self.zone).isoformat("T", "milliseconds")


class CounterLogHandler(RotatingFileHandler):
    """A rotating file that never raises into the program and never prints: a line that
    cannot be written (disk full) is counted in :attr:`failures`, not shown to the teller."""

    failures = 0

    def handleError(self, record: logging.LogRecord) -> None:
        self.failures += 1


def configure_logging(
    settings: LogSettings, program: str, zone: tzinfo = DEFAULT_ZONE
) -> Path | None:
    """Send the log to ``program``'s file, times in ``zone``; return its path, or None if it
    cannot be opened.

    Replaces what an earlier call set up (a test runs many commands in one process).
    """
    stop_logging()
    path: Path | None = log_file(settings, program)
    handler: logging.Handler
    try:
        settings.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = CounterLogHandler(
            log_file(settings, program),
            maxBytes=settings.max_bytes,
            backupCount=settings.backups,
            encoding="utf-8",
        )
    except OSError:
        handler, path = logging.NullHandler(), None
    handler.set_name(HANDLER_NAME)
    handler.addFilter(MaskingFilter())
    handler.setFormatter(BranchTimeFormatter(FORMAT, zone))
    logging.getLogger().addHandler(handler)
    level = logging.getLevelName(settings.level)
    for name in OUR_LOGGERS:
        logging.getLogger(name).setLevel(level if isinstance(level, int) else logging.INFO)
    return path


def stop_logging() -> None:
    """Close and remove the handler :func:`configure_logging` installed, if any."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()
    for name in OUR_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET)
