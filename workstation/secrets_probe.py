"""Read a secret back from a new process: proof that the keyring keeps it beyond this one.

A backend can take a secret and give it back in the same process, and still
lose it at exit (an in-memory backend under another name). A fresh Python
process loads the same backend class and compares a SHA-256 of what it
finds; the secret itself never leaves the keyring.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys

from keyring.backend import KeyringBackend

PROBE = """
import hashlib, sys
from keyring.core import load_keyring
value = load_keyring(sys.argv[1]).get_password(sys.argv[2], sys.argv[3])
print("-" if value is None else hashlib.sha256(value.encode()).hexdigest())
"""
TIMEOUT = 60
"""Seconds for the new process (a Secret Service may take a moment to answer)."""


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def read_elsewhere(backend: KeyringBackend, service: str, name: str, value: str) -> str | None:
    """None when a new process reads ``value`` back through ``backend``'s class; else why not."""
    kind = type(backend)
    command = [sys.executable, "-c", PROBE, f"{kind.__module__}.{kind.__name__}", service, name]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return " ".join(str(exc).split()) or type(exc).__name__
    if done.returncode != 0:
        said = (done.stderr or "").strip().splitlines()
        return said[-1] if said else f"exit status {done.returncode}"
    found = done.stdout.strip()
    if found == "-":
        return "get_password() = None"
    if found != fingerprint(value):
        return "get_password() != the value written"
    return None
