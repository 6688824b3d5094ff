"""Passwords typed on screen are read once: the field is emptied as it is read."""

from __future__ import annotations

from dataclasses import dataclass

from textual.widgets import Input


@dataclass(frozen=True)
class Credentials:
    """A staff ID and password typed at the counter (None where left blank)."""

    staff_id: str | None
    password: str | None


def take_password(field: Input) -> str:
    """What ``field`` holds, leaving it empty: a password never stays on screen after use."""
    password = field.value
    field.value = ""
    return password
