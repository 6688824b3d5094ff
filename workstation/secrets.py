"""Secrets in the system keyring, service name ``counter-workstation``.

Fails closed: a backend that cannot load, the ``fail`` and ``null`` backends,
plaintext backends, in-memory ones and chains holding any of these are
refused with a message that says how to set up a real one. A secret written
is read back, here and from a new process, before it is said to be stored.

The demo and the tests use :class:`MemoryKeyring`, which keeps nothing once
the process ends; they create it in code with ``explicit=True``. Built by
keyring itself from ``PYTHON_KEYRING_BACKEND`` or ``keyringrc.cfg`` (no
arguments), it is refused like any other backend that forgets.
"""

from __future__ import annotations

import contextlib
import os
import secrets as _random

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from workstation.domain.errors import WorkstationError
from workstation.secrets_probe import read_elsewhere

SERVICE = "counter-workstation"
JOURNAL_KEY = "journal-key"
DB_PASSWORD = "database-password"
NAMES = (JOURNAL_KEY, DB_PASSWORD)
DEMO_JOURNAL_KEY = b"DEMO ONLY: NOT SECRET, NEVER REAL".hex()
"""The demo's journal key, published here and in every demo folder: refused by a real keyring."""


class SecretsError(WorkstationError):
    """The keyring is unsafe, unreachable, or lacks a secret."""


class MemoryKeyring(KeyringBackend):
    """An in-process keyring: for the demo and the tests only."""

    priority = -1  # never chosen on its own

    def __init__(self, *, explicit: bool = False) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves it unannotated
        self._store: dict[tuple[str, str], str] = {}
        self.explicit = explicit
        """Created in code by the demo or the tests, who know it forgets; not by keyring."""

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


def chosen_backend() -> KeyringBackend:
    """What keyring picks (``PYTHON_KEYRING_BACKEND``, ``keyringrc.cfg``, or the best found)."""
    try:
        return keyring.get_keyring()
    except Exception as exc:  # an import, attribute or "requires ..." error from any backend
        named = os.environ.get("PYTHON_KEYRING_BACKEND") or "(keyringrc.cfg)"
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise SecretsError("secrets.backend_unloadable", backend=named, reason=reason) from None


def refusal(backend: KeyringBackend, nested: bool = False) -> SecretsError | None:
    """Why ``backend`` cannot keep the workstation's secrets across processes, if it cannot."""
    name = backend_name(backend)
    if isinstance(backend, MemoryKeyring):
        if backend.explicit and not nested:
            return None
        return SecretsError("secrets.volatile_backend", backend=name)
    if "memory" in name.lower():
        return SecretsError("secrets.volatile_backend", backend=name)
    if name in ("keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"):
        return SecretsError("secrets.unsafe_backend", backend=name)
    if "plaintext" in name.lower() or name.startswith("keyrings.alt.file"):
        return SecretsError("secrets.unsafe_backend", backend=name)
    if name == "keyring.backends.chainer.ChainerBackend":
        members = getattr(backend, "backends", None)
        if not members:
            return SecretsError("secrets.unsafe_backend", backend=name)
        return next((r for m in members if (r := refusal(m, nested=True)) is not None), None)
    return None


class Secrets:
    """The workstation's view of the keyring."""

    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE) -> None:
        self.backend = backend or chosen_backend()
        self.service = service

    @property
    def in_memory(self) -> bool:
        return isinstance(self.backend, MemoryKeyring) and self.backend.explicit

    def ensure_safe(self) -> None:
        if (refused := refusal(self.backend)) is not None:
            raise refused

    def get(self, name: str) -> str | None:
        self.ensure_safe()
        try:
            return self.backend.get_password(self.service, name)
        except Exception as exc:  # KeyringError, or a backend's own (D-Bus, locked, ...)
            raise _unreachable(exc) from None

    def set(self, name: str, value: str) -> None:
        """Store a secret and read it back, here and from a new process; raise if not kept."""
        self.ensure_safe()
        if name not in NAMES:
            raise SecretsError("secrets.unknown_name", name=name, names=", ".join(NAMES))
        if not value:
            raise SecretsError("secrets.empty", name=name)
        if name == JOURNAL_KEY:
            parse_journal_key(value)
            if value.lower() == DEMO_JOURNAL_KEY and not self.in_memory:
                raise SecretsError("secrets.demo_key")
        try:
            self.backend.set_password(self.service, name, value)
            kept = self.backend.get_password(self.service, name)
        except Exception as exc:
            raise _unreachable(exc) from None
        backend = backend_name(self.backend)
        if kept != value:
            raise SecretsError("secrets.not_kept", backend=backend, name=name)
        if not self.in_memory and (
            problem := read_elsewhere(self.backend, self.service, name, value)
        ):
            self._forget(name)
            raise SecretsError("secrets.not_shared", backend=backend, name=name, reason=problem)

    def _forget(self, name: str) -> None:
        with contextlib.suppress(Exception):  # it does not keep it anyway
            self.backend.delete_password(self.service, name)

    def require(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise SecretsError("secrets.missing", name=name)
        return value

    def journal_key(self) -> bytes:
        return parse_journal_key(self.require(JOURNAL_KEY))

    def ensure_journal_key(self) -> bool:
        """Create the journal key if there is none; True when one was created (and kept)."""
        if self.get(JOURNAL_KEY) is not None:
            return False
        self.set(JOURNAL_KEY, new_journal_key())
        return True


def _unreachable(exc: Exception) -> SecretsError:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return SecretsError("secrets.unreachable", reason=reason)


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
