"""Shared fixtures: an in-memory keyring, a manual clock, seeded databases, a station."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import keyring
import pytest
from textual.notifications import Notification

from printing.fonts import FontChoice, choose_font
from tests.databases import Databases
from workstation import configfile
from workstation.config import BranchSection, Config, DatabaseSection, OutputSection, UiSection
from workstation.db.engine import Database
from workstation.db.migrate import upgrade
from workstation.domain.clock import ManualClock
from workstation.logs.setup import stop_logging
from workstation.secrets import JOURNAL_KEY, MemoryKeyring, Secrets
from workstation.services.demo import seed_demo
from workstation.services.journal import Journal
from workstation.services.passwords import Passwords
from workstation.station import Station, open_station

# The machine's zone must never leak into what a branch reads: the suite runs on UTC
# and expects Shanghai times (the demo branch's zone) everywhere.
os.environ["TZ"] = "UTC"
time.tzset()

TEST_KEY = "5a" * 32
SHANGHAI = ZoneInfo("Asia/Shanghai")
FAST = Passwords.fast()
NOTICE_S = 3600.0


def start_time() -> datetime:
    return datetime(2026, 11, 27, 9, 0, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """No test touches the real keyring unless it asks for it explicitly."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring(explicit=True)
    backend.set_password("counter-workstation", JOURNAL_KEY, TEST_KEY)
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def lasting_notices(monkeypatch) -> None:
    """A notice stays until the test ends: Textual drops one after its timeout (5 to 20 s) on
    the wall clock, and a loaded machine can take that long between showing a notice and the
    test reading it (``tests.pilot.notices``)."""
    monkeypatch.setattr(Notification, "time_left", property(lambda _notice: NOTICE_S))


@pytest.fixture(autouse=True)
def log_folder(tmp_path_factory, monkeypatch) -> Iterator[Path]:
    """Where a test's log goes: its own folder, never the machine's log directory; the log a
    command configured is closed when the test ends."""
    folder = tmp_path_factory.mktemp("logs")
    monkeypatch.setattr(configfile, "default_log_dir", lambda: folder)
    yield folder
    stop_logging()


@pytest.fixture(scope="session")
def databases(tmp_path_factory) -> Iterator[Databases]:
    dbs = Databases(tmp_path_factory.mktemp("databases"))

    def build(url: str) -> None:
        db = Database(url)
        clock = ManualClock(start_time())
        upgrade(db)
        seed_demo(db, Journal(bytes.fromhex(TEST_KEY), clock), FAST, clock)
        db.dispose()

    dbs.make_template(build)
    yield dbs
    dbs.close()


@pytest.fixture
def db_url(databases: Databases) -> Iterator[str]:
    """A fresh copy of the seeded demo branch SH01."""
    url = databases.copy()
    yield url
    databases.drop(url)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(start_time())


@pytest.fixture
def secrets(memory_keyring: MemoryKeyring) -> Secrets:
    return Secrets(memory_keyring)


def make_config(url: str, counter: str = "01", lang: str = "zh", folder=None) -> Config:
    return Config(
        database=DatabaseSection(url=url),
        branch=BranchSection(code="SH01", counter=counter),
        ui=UiSection(language=lang),
        output=OutputSection(folder=folder or "output"),
    )


@pytest.fixture
def config(db_url: str, tmp_path) -> Config:
    return make_config(db_url, folder=tmp_path / "output")


@pytest.fixture
def station(config: Config, secrets: Secrets, clock: ManualClock) -> Iterator[Station]:
    opened = open_station(config, secrets, clock, FAST)
    yield opened
    opened.close()


@pytest.fixture
def station2(config: Config, secrets: Secrets, clock: ManualClock) -> Iterator[Station]:
    """A second workstation on the same database, at counter 02."""
    second = make_config(config.database.url, counter="02", folder=config.output.folder)
    opened = open_station(second, secrets, clock, FAST)
    yield opened
    opened.close()


@contextmanager
def fresh_station(databases: Databases, keyring_backend: MemoryKeyring) -> Iterator[Station]:
    """A station on a fresh copy of the demo branch, for a test that needs several (Hypothesis
    examples share the function's fixtures)."""
    url = databases.copy()
    opened = open_station(
        make_config(url), Secrets(keyring_backend), ManualClock(start_time()), FAST
    )
    try:
        yield opened
    finally:
        opened.close()
        databases.drop(url)


@pytest.fixture(scope="module")
def wqy() -> FontChoice:
    """The embedded TrueType CJK font; the test is skipped on a machine without one."""
    font = choose_font()
    if not font.embedded:
        pytest.skip("no TrueType CJK font on this machine")
    return font


from tests.browser import browser_page  # noqa: E402, F401  (the fixture, for every test module)
