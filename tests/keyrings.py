"""Keyring backends for tests, loaded by name as keyring loads PYTHON_KEYRING_BACKEND.

None is ever chosen by keyring on its own (``viable = False``); a test names
one in the environment, and a new process (``python -c``) can load it too
when the repository is on ``PYTHONPATH``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend

FILE = "WORKSTATION_TEST_KEYRING_FILE"


class ForgetfulKeyring(KeyringBackend):
    """Keeps secrets in this process's memory, under a name that does not say so."""

    priority = 1
    viable = False

    def __init__(self) -> None:
        super().__init__()
        self._store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self._store.get((service, username))

    def set_password(self, service, username, password):
        self._store[(service, username)] = password

    def delete_password(self, service, username):
        self._store.pop((service, username), None)


class DroppingKeyring(KeyringBackend):
    """Takes every secret without a word and keeps none."""

    priority = 1
    viable = False

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        pass

    def delete_password(self, service, username):
        pass


class DiskKeyring(KeyringBackend):
    """Keeps secrets across processes, in the JSON file named by $WORKSTATION_TEST_KEYRING_FILE."""

    priority = 1
    viable = False

    @staticmethod
    def _path() -> Path:
        return Path(os.environ[FILE])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._load()
        data.pop(f"{service}/{username}", None)
        self._path().write_text(json.dumps(data))
