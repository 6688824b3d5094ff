"""Passwords typed on screen are read once: the field is emptied as it is read."""

from __future__ import annotations

from textual.widgets import Input


def take_password(field: Input) -> str:
    """What ``field`` holds, leaving it empty: a password never stays on screen after use."""
    password = field.value
    field.value = ""
    return password
