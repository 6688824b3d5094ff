"""A keyring backend for the start-up benchmark only: the journal key from an environment variable.

Loaded with PYTHON_KEYRING_BACKEND=envkeyring.EnvKeyring so the benchmarked
process opens its station exactly as in production, without a Secret Service.
"""

from __future__ import annotations

import os

from keyring.backend import KeyringBackend


class EnvKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        if username == "journal-key":
            return os.environ.get("BENCH_JOURNAL_KEY")
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError
