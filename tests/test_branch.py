"""Two counters of one branch on one database (PostgreSQL in CI), each PC with its own keyring.

Counter 01's PC seals the journal key; counter 02's PC joins with it
(``workstation join``) and opens its station from the configuration join
wrote. A teller at 01 posts a surrender that needs a level-1 approval, a
supervisor at 02 approves it remotely, and the journal verifies from both
PCs with the key each holds.
"""

from __future__ import annotations

import keyring
import pytest
from sqlalchemy import select

from tests.conftest import FAST, TEST_KEY
from tests.join_support import counter01_config, export, join, other_pc, run
from tests.ledger_support import on_shift, post_acknowledged, surrender
from workstation.config import load_config
from workstation.db.models import JournalEntry
from workstation.secrets import JOURNAL_KEY, SERVICE, Secrets
from workstation.services.overrides import Ask
from workstation.station import open_station

pytestmark = pytest.mark.db


def test_counter_01_posts_counter_02_approves_both_verify(db_url, tmp_path, clock, memory_keyring):
    pc1 = counter01_config(db_url, tmp_path)
    sealed = tmp_path / "SH01-journal-key.sealed"
    passphrase = export(pc1, sealed)
    pc2 = other_pc()
    pc2_config = tmp_path / "pc2.toml"
    args = ("--key-file", str(sealed), "--passphrase-stdin")
    joined = join(db_url, pc2_config, *args, input=passphrase + "\n")
    assert joined.exit_code == 0, joined.output
    assert pc2.get_password(SERVICE, JOURNAL_KEY) == TEST_KEY

    counter01 = open_station(load_config(pc1), Secrets(memory_keyring), clock, FAST)
    counter02 = open_station(load_config(pc2_config), Secrets(pc2), clock, FAST)
    try:
        assert counter02.counter.code == "02" and counter02.branch.code == "SH01"
        teller = on_shift(counter01, "T001")
        sub = surrender(counter01)
        _, assessment = counter01.postings.review(sub, teller)
        assert assessment.level_needed == 1
        ask = Ask("posting", sub.idempotency_key, sub.digest(clock.now().date()), 1, {})
        request = counter01.overrides.request(teller, ask, "01")

        supervisor = counter02.auth.sign_in("S001", "demo1234")
        assert [r.id for r in counter02.overrides.pending()] == [request]
        counter02.overrides.decide(supervisor, request, True, "demo1234", "identity_verified")

        result = post_acknowledged(counter01, sub, teller)
        assert result.serial == "SH01-20261127-01-00001"
        assert result.approvers == ("S001",)
        with counter01.db.read() as s:
            entries = s.execute(
                select(JournalEntry.event, JournalEntry.counter, JournalEntry.staff_id)
            ).all()
        assert ("sign_in", "02", "S001") in entries
        assert ("posted", "01", "T001") in {(e, c, who) for e, c, who in entries}
    finally:
        counter01.close()
        counter02.close()

    for config, backend in ((pc1, memory_keyring), (pc2_config, pc2)):
        keyring.set_keyring(backend)
        verified = run(config, "journal", "verify")
        assert verified.exit_code == 0, verified.output
        assert (
            "Journal intact" in verified.stdout and "Records and journal agree" in verified.stdout
        )
