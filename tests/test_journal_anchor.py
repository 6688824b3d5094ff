"""The journal outside the database: `journal anchor`, `journal verify --anchor`, the day's
anchor file and the branch summary that prints it; `journal verify` names what is missing."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from printing.pipeline import print_document
from tests.cli_support import Cli
from tests.journal_support import (
    cut_tail,
    entry_seq,
    full_day,
    print_past_the_service,
    rewrite_from,
)
from tests.ledger_support import contact_change, on_shift
from workstation.services.journal import Anchor, Where, current_head

pytestmark = pytest.mark.db


@pytest.fixture
def cli(config, tmp_path):
    return Cli.of(config, tmp_path)


def _append(station, n: int) -> None:
    with station.db.write() as s:
        for i in range(n):
            station.journal.append(s, "test_event", {"i": i}, Where("SH01", "01"))


def _anchor_now(cli) -> Anchor:
    printed = cli("journal", "anchor")
    assert printed.exit_code == 0, printed.output
    return Anchor.parse(printed.stdout)


# -- journal verify names what the chain cannot see -----------------------------------------


def test_verify_names_a_posting_whose_entries_were_cut_from_the_end(cli, station):
    teller = on_shift(station, "T001")
    posted = station.postings.post(contact_change(station), teller)
    cut_tail(station, entry_seq(station, "posted", posted.serial) - 1)
    result = cli("journal", "verify")
    assert result.exit_code == 1
    assert f"posting {posted.serial} has no journal entry" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "账与日志不符" in result.stderr  # one line, in both languages


def test_verify_names_approvals_prints_and_cash_nobody_journaled(cli, station, station2):
    day = full_day(station, station2)
    assert cli("journal", "verify").exit_code == 0
    print_past_the_service(station, day.paid_serial)
    result = cli("journal", "verify")
    assert result.exit_code == 1
    assert f"receipt print {day.paid_serial}#2 has no journal entry" in result.stderr


def test_verify_says_records_and_entries_agree(cli, station, station2):
    full_day(station, station2)
    result = cli("journal", "verify")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Journal intact:")
    assert lines[1].startswith("Records and journal agree")


# -- the anchor ------------------------------------------------------------------------------


def test_journal_anchor_prints_the_head_as_seq_and_hash(cli, station):
    _append(station, 3)
    head = current_head(station.db)
    printed = cli("journal", "anchor")
    assert printed.exit_code == 0
    assert printed.stdout == f"{head.seq}:{head.hash}\n"
    assert station.journal.verify(station.db).last_hash == head.hash


def test_an_intact_chain_holds_its_anchor(cli, station):
    _append(station, 5)
    anchor = _anchor_now(cli)
    _append(station, 5)  # the journal goes on after the anchor was noted
    result = cli("journal", "verify", "--anchor", str(anchor))
    assert result.exit_code == 0, result.output
    assert f"Anchor #{anchor.seq} holds" in result.stdout


def test_a_tail_cut_below_the_anchor_fails_it(cli, station):
    _append(station, 5)
    anchor = _anchor_now(cli)
    cut_tail(station, anchor.seq - 2)
    assert cli("journal", "verify").exit_code == 0  # the chain alone cannot tell
    result = cli("journal", "verify", "--anchor", str(anchor))
    assert result.exit_code == 1
    assert (
        f"the anchor records entry #{anchor.seq} but the journal ends at #{anchor.seq - 2}"
        in result.stderr
    )


def test_an_entry_rewritten_before_the_anchor_fails_it(cli, station):
    """Someone with the key changes an entry and signs every later one again."""
    _append(station, 5)
    anchor = _anchor_now(cli)
    rewrite_from(station, anchor.seq - 3, '{"i":99}')
    assert cli("journal", "verify").exit_code == 0  # a clean chain, signed with the key
    result = cli("journal", "verify", "--anchor", str(anchor))
    assert result.exit_code == 1
    assert f"entry #{anchor.seq} differs from the hash the anchor recorded" in result.stderr


def test_an_anchor_not_written_as_seq_and_hash_is_one_line(cli, station):
    result = cli("journal", "verify", "--anchor", "12:not-a-hash")
    assert result.exit_code == 1
    assert "Anchor 12:not-a-hash is not SEQ:HASH" in result.stderr
    assert "Traceback" not in result.output


# -- the day's close keeps the anchor outside the database ------------------------------------


def test_the_branch_close_writes_the_anchor_file(cli, station, station2):
    full_day(station, station2)
    closed = entry_seq(station, "business_day_closed")
    written = station.config.output.folder / "SH01-20261127-journal-anchor.txt"
    anchor = Anchor.parse(written.read_text(encoding="ascii"))
    assert anchor.seq == closed
    assert written.read_text(encoding="ascii") == f"{anchor}\n"
    result = cli("journal", "verify", "--anchor", written.read_text(encoding="ascii"))
    assert result.exit_code == 0, result.output
    assert not list(station.config.output.folder.glob(".*.tmp"))


def test_a_close_that_cannot_write_the_anchor_says_so_and_stays_closed(station, station2, tmp_path):
    from workstation.db.ledger import BusinessDay
    from workstation.services.tills import TillRefused

    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    station2.closing.anchor_folder = blocked
    with pytest.raises(TillRefused) as refused:
        full_day(station, station2)
    assert refused.value.msg.key == "journal.anchor.not_saved"
    assert refused.value.msg.params["anchor"] == str(current_head(station.db))
    with station.db.read() as s:
        assert s.get(BusinessDay, ("SH01", station.clock.now().date())).closed_by == "S001"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext not installed")
def test_the_branch_summary_prints_the_anchor(station, station2):
    full_day(station, station2)
    supervisor = station2.auth.sign_in("S001", "demo1234")
    outcome = print_document(station2, supervisor, "branch_day", "2026-11-27", "归档")
    text = subprocess.run(
        ["pdftotext", str(outcome.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    written = station.config.output.folder / "SH01-20261127-journal-anchor.txt"
    anchor = written.read_text(encoding="ascii").strip()
    assert "日志锚点" in text and "Journal anchor" in text
    assert anchor in "".join(text.split())
