"""A second workstation process for the concurrency test: post N businesses, print serials.

python -m tests.concurrent_poster DB_URL TELLER COUNT [COUNTER]
"""

from __future__ import annotations

import contextlib
import sys

import keyring

from tests.conftest import FAST, TEST_KEY, make_config
from tests.ledger_support import contact_change
from workstation.domain.cash import Count
from workstation.domain.clock import SystemClock
from workstation.secrets import JOURNAL_KEY, MemoryKeyring, Secrets
from workstation.services.tills import TillRefused
from workstation.station import open_station


def main() -> None:
    url, teller_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    counter = sys.argv[4] if len(sys.argv) > 4 else "01"
    backend = MemoryKeyring(explicit=True)
    backend.set_password("counter-workstation", JOURNAL_KEY, TEST_KEY)
    keyring.set_keyring(backend)
    station = open_station(make_config(url, counter), Secrets(backend), SystemClock(), FAST)
    teller = station.auth.sign_in(teller_id, "demo1234")
    with contextlib.suppress(TillRefused):  # two at one counter: one opens the shift
        station.till.open(teller, Count())
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for _ in range(count):
        print(station.postings.post(contact_change(station), teller).serial, flush=True)
    station.close()


if __name__ == "__main__":
    main()
