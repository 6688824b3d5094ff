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
