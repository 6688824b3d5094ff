"""A counter process for the queue concurrency test: call next until nobody waits.

python -m tests.queue_caller DB_URL COUNTER PACK — prints each label it called.
"""

from __future__ import annotations

import sys
from pathlib import Path

import keyring

from tests.conftest import FAST, TEST_KEY
from tests.queue_support import STAFF, queue_config
from workstation.domain.cash import Count
from workstation.domain.clock import SystemClock
from workstation.secrets import JOURNAL_KEY, MemoryKeyring, Secrets
from workstation.services.queue import QueueError
from workstation.station import open_station


def main() -> None:
    url, counter, pack = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    backend = MemoryKeyring(explicit=True)
    backend.set_password("counter-workstation", JOURNAL_KEY, TEST_KEY)
    keyring.set_keyring(backend)
    config = queue_config(url, counter, pack)
    station = open_station(config, Secrets(backend), SystemClock(), FAST)
    teller = station.auth.sign_in(STAFF[counter], "demo1234")
    station.till.open(teller, Count())
    station.queue.open_window(teller, counter)
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    while True:
        try:
            called = station.queue.call_next(teller, counter)
        except QueueError as refused:
            if refused.msg.key != "queue.error.none_waiting":
                raise
            break
        print(called.label, flush=True)
        station.queue.finish(teller, counter)
    station.close()


if __name__ == "__main__":
    main()
