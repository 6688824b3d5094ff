"""Secrets in the system keyring, service name ``counter-workstation``.

Fails closed: the ``fail`` and ``null`` backends and any plaintext backend are
refused with a message that says how to set up a real one. The demo and the
tests use :class:`MemoryKeyring`, which keeps nothing once the process ends.
"""

from __future__ import annotations

import secrets as _random

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from workstation.domain.errors import WorkstationError

SERVICE = "counter-workstation"
JOURNAL_KEY = "journal-key"
DB_PASSWORD = "database-password"
NAMES = (JOURNAL_KEY, DB_PASSWORD)


class SecretsError(WorkstationError):
    """The keyring is unsafe, unreachable, or lacks a secret."""


class MemoryKeyring(KeyringBackend):
    """An explicit in-process keyring: for the demo and the tests only."""

    priority = -1  # never chosen on its own

    def __init__(self) -> None:
        super().__init__()
        self._store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def backend_name(backend: KeyringBackend) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__name__}"


def _unsafe(backend: KeyringBackend) -> bool:
    name = backend_name(backend)
    if name in ("keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"):
        return True
    if "plaintext" in name.lower() or name.startswith("keyrings.alt.file"):
        return True
    members = getattr(backend, "backends", None)
    if name == "keyring.backends.chainer.ChainerBackend":
        return not members or any(_unsafe(member) for member in members)
    return False


class Secrets:
    """The workstation's view of the keyring."""

    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE) -> None:
        self.backend = backend or keyring.get_keyring()
        self.service = service

    @property
    def in_memory(self) -> bool:
        return isinstance(self.backend, MemoryKeyring)

    def ensure_safe(self) -> None:
        if _unsafe(self.backend):
            raise SecretsError("secrets.unsafe_backend", backend=backend_name(self.backend))

    def get(self, name: str) -> str | None:
        self.ensure_safe()
        try:
            return self.backend.get_password(self.service, name)
        except KeyringError as exc:
            raise SecretsError("secrets.unreachable", reason=str(exc)) from None

    def set(self, name: str, value: str) -> None:
        self.ensure_safe()
        if name not in NAMES:
            raise SecretsError("secrets.unknown_name", name=name, names=", ".join(NAMES))
        if not value:
            raise SecretsError("secrets.empty", name=name)
        if name == JOURNAL_KEY:
            parse_journal_key(value)
        try:
            self.backend.set_password(self.service, name, value)
        except KeyringError as exc:
            raise SecretsError("secrets.unreachable", reason=str(exc)) from None

    def require(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise SecretsError("secrets.missing", name=name)
        return value

    def journal_key(self) -> bytes:
        return parse_journal_key(self.require(JOURNAL_KEY))

    def ensure_journal_key(self) -> bool:
        """Create the journal key if there is none; True when one was created."""
        if self.get(JOURNAL_KEY) is not None:
            return False
        self.set(JOURNAL_KEY, new_journal_key())
        return True


def parse_journal_key(value: str) -> bytes:
    """A journal key is at least 32 random bytes, kept as hexadecimal."""
    try:
        key = bytes.fromhex(value)
    except ValueError:
        key = b""
    if len(key) < 32:
        raise SecretsError("secrets.bad_journal_key")
    return key


def new_journal_key() -> str:
    return _random.token_hex(32)
