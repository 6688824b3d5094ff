"""The one exception type the edges know how to show to a person."""

from __future__ import annotations

from workstation.domain.i18n import Msg, both, msg


class WorkstationError(Exception):
    """A refusal or failure with a catalog message, shown as-is to the user."""

    def __init__(self, message: Msg | str, /, **params: object) -> None:
        self.msg = message if isinstance(message, Msg) else msg(message, **params)
        super().__init__(both(self.msg))


class InvalidValue(WorkstationError):
    """A value typed into a field is not acceptable; the message says why."""


def os_reason(error: OSError) -> str:
    """What the system said, on one line: ``Read-only file system: '/srv/out'``."""
    said = error.strerror or str(error) or type(error).__name__
    where = error.filename
    return " ".join((f"{said}: '{where}'" if where else said).split())


class SystemRefused(WorkstationError):
    """The operating system refused (disk full, read-only, missing folder): said in one line."""

    def __init__(self, error: OSError) -> None:
        super().__init__("storage.os_error", reason=os_reason(error))
