"""Test databases: SQLite files by default, PostgreSQL when WORKSTATION_TEST_PG_URL is set.

A template is migrated and seeded once per session; each test gets a copy
(a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL).
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("WORKSTATION_TEST_PG_URL")
_names = itertools.count(1)


class Databases:
    """Hands out fresh databases, seeded from a template or empty."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.template: str | None = None
        self._created: list[str] = []
        if PG_URL:
            self._admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")

    @property
    def dialect(self) -> str:
        return "postgresql" if PG_URL else "sqlite"

    def empty(self) -> str:
        name = f"ws_{os.getpid()}_{next(_names)}"
        if not PG_URL:
            return f"sqlite:///{self.root / (name + '.db')}"
        self._execute(f'CREATE DATABASE "{name}"')
        self._created.append(name)
        return self._url(name)

    def make_template(self, build: Callable[[str], None]) -> None:
        url = self.empty()
        build(url)
        self.template = url

    def copy(self) -> str:
        assert self.template is not None
        name = f"ws_{os.getpid()}_{next(_names)}"
        if not PG_URL:
            target = self.root / f"{name}.db"
            shutil.copyfile(make_url(self.template).database, target)
            return f"sqlite:///{target}"
        template = make_url(self.template).database
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        self._created.append(name)
        return self._url(name)

    def drop(self, url: str) -> None:
        if not PG_URL:
            return
        name = make_url(url).database
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._created.remove(name)

    def close(self) -> None:
        if PG_URL:
            for name in list(self._created):
                self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self._admin.dispose()

    def _url(self, name: str) -> str:
        return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(sql))
