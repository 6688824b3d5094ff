"""Faults a branch meets, made real where the machine allows and exact where it does not.

Tests run as root, where ``chmod`` stops no write. A read-only folder is a
read-only bind mount, and a full disk a tiny tmpfs, when this process may
mount (root with CAP_SYS_ADMIN); otherwise those tests are skipped, and the
same paths are driven by faults raised at the lowest call that can be
reached from Python, with the errno or SQLite error the system gives.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event


def _run(*command: str) -> bool:
    try:
        return subprocess.run(command, capture_output=True, check=False).returncode == 0
    except OSError:
        return False


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` made read-only for this process: a read-only bind mount (or chmod, not root)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    if not (_run("mount", "--bind", str(folder), str(folder))):
        pytest.skip("needs a read-only bind mount (root with CAP_SYS_ADMIN)")
    try:
        if not _run("mount", "-o", "remount,bind,ro", str(folder)):
            pytest.skip("needs a read-only bind mount (root with CAP_SYS_ADMIN)")
        yield folder
    finally:
        _run("umount", str(folder))


@contextmanager
def tiny_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)):
        pytest.skip("needs a tmpfs mount (root with CAP_SYS_ADMIN)")
    try:
        yield folder
    finally:
        _run("umount", str(folder))


def fill(folder: Path) -> Path:
    """Write zeros into ``folder`` until its disk is full; returns the filler file."""
    filler = folder / "filler"
    block = b"\0" * 4096
    with filler.open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(block)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def os_call_fails(monkeypatch, name: str, folder: Path, code: int) -> None:
    """``os.<name>`` raises ``OSError(code)`` for paths in ``folder`` (by path or by fd)."""
    real = getattr(os, name)
    inside = str(folder)

    def failing(*args, **kwargs):
        first = args[0] if args else None
        where = os.readlink(f"/proc/self/fd/{first}") if isinstance(first, int) else first
        if where is not None and str(where).startswith(inside):
            raise OSError(code, os.strerror(code), str(where))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)


class DiskFullOnce:
    """SQLite's own "database or disk is full" (SQLITE_FULL, what ENOSPC becomes) on one write.

    Raised from the driver call itself, so SQLAlchemy sees it exactly as it
    sees the real one; ``armed`` says whether it has not fired yet.
    """

    def __init__(self, engine, statement: str) -> None:
        self.statement, self.armed = statement.lower(), True
        event.listen(engine, "do_execute", self._execute)

    def _execute(self, cursor, statement, parameters, context) -> None:
        if self.armed and statement.lower().startswith(self.statement):
            self.armed = False
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode, error.sqlite_errorname = 13, "SQLITE_FULL"
            raise error
