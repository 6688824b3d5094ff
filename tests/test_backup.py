"""`workstation backup` while counters post, and `workstation restore` into an empty database,
proven against the manifest: checksum first, then the journal chain to the manifest's head,
then the records; on SQLite in `make test`, on PostgreSQL in CI."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.backup_support import (
    Poster,
    backup_file,
    edit_manifest,
    holding_snapshot,
    manifest_of,
)
from tests.cli_support import Cli
from tests.journal_support import cut_tail, entry_seq
from tests.ledger_support import contact_change, on_shift
from workstation.db import pg_copy, sqlite_copy
from workstation.db.copies import table_count
from workstation.db.engine import Database
from workstation.db.migrate import upgrade
from workstation.db.schema import HEAD
from workstation.services.journal import current_head

pytestmark = pytest.mark.db


@pytest.fixture
def cli(config, tmp_path):
    return Cli.at(config.database.url, tmp_path / "source")


@pytest.fixture
def empty(databases, tmp_path):
    """The CLI on a new, empty database: where restores go."""
    url = databases.empty()
    yield Cli.at(url, tmp_path / "target")
    databases.drop(url)


def _backup(cli, folder):
    done = cli("backup", "--to", str(folder))
    assert done.exit_code == 0, done.output
    return manifest_of(folder)


def _counts(url: str) -> tuple:
    db = Database(url)
    try:
        with db.read() as s:
            tables = s.execute(text("SELECT count(*) FROM postings")).scalar()
            head = s.execute(text("SELECT seq, hash FROM journal_head")).one()
        return tables, tuple(head)
    finally:
        db.dispose()


def _sha256(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _posted(station, n: int, teller=None) -> object:
    teller = teller or on_shift(station)
    for _ in range(n):
        station.postings.post(contact_change(station), teller)
    return teller


def test_a_backup_taken_while_postings_run_restores_and_verifies(
    cli, empty, station, tmp_path, monkeypatch
):
    poster = Poster(station, on_shift(station))
    # The copy's snapshot stays open until two more postings have committed meanwhile.
    if station.db.dialect == "sqlite":
        monkeypatch.setattr(sqlite_copy, "_copy", holding_snapshot(sqlite_copy._copy, poster))
    else:
        original = pg_copy._run

        def dump_slowly(command, env, name):
            if any(arg.startswith("--snapshot=") for arg in command):
                poster.wait_for_more(2)
            return original(command, env, name)

        monkeypatch.setattr(pg_copy, "_run", dump_slowly)
    poster.start()
    poster.wait_for(3)
    manifest = _backup(cli, tmp_path / "backups")
    poster.wait_for_more(1)
    posted = poster.finish()

    document = json.loads(manifest.read_text("utf-8"))
    head = current_head(station.db)
    assert 3 < document["journal_head"]["seq"] < head.seq  # postings before, during, after
    assert document["branch"] == "SH01" and document["schema_revision"] == HEAD
    assert document["dialect"] == station.db.dialect
    copy = backup_file(manifest)
    assert document["file"]["size"] == copy.stat().st_size
    assert document["file"]["sha256"] == hashlib.sha256(copy.read_bytes()).hexdigest()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600  # customer data: owner only
    assert copy.name.startswith("SH01-") and document["created_at"].endswith("Z")

    restored = empty("restore", "--from", str(copy))
    assert restored.exit_code == 0, restored.output
    anchor = document["anchor"]
    assert f"end at the manifest's head {anchor}" in restored.stdout
    assert "every record has its entry" in restored.stdout
    assert len(restored.stdout.strip().splitlines()) == 1
    postings, restored_head = _counts(empty.url)
    assert f"{restored_head[0]}:{restored_head[1]}" == anchor
    assert 3 <= postings < posted  # what had committed when the snapshot was taken

    verified = empty("journal", "verify", "--anchor", anchor)
    assert verified.exit_code == 0, verified.output
    assert f"Anchor #{document['journal_head']['seq']} holds" in verified.stdout


def test_a_file_that_does_not_match_its_manifest_is_refused_first(cli, empty, tmp_path):
    copy = backup_file(_backup(cli, tmp_path / "backups"))
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    refused = empty("restore", "--from", str(copy))
    assert refused.exit_code == 1
    assert "does not match its manifest (SHA-256" in refused.stderr
    assert "与其清单不符" in refused.stderr  # one line, both languages
    assert len(refused.stderr.strip().splitlines()) == 1
    db = Database(empty.url)
    try:
        assert table_count(db) == 0  # nothing was restored
    finally:
        db.dispose()


def test_a_database_with_tables_is_refused_and_left_as_it_was(cli, station, tmp_path):
    teller = _posted(station, 2)
    copy = backup_file(_backup(cli, tmp_path / "backups"))
    _posted(station, 1, teller)
    before = _counts(cli.url)
    sqlite = station.db.dialect == "sqlite"
    station.close()
    file = cli.url.removeprefix("sqlite:///")
    digest = _sha256(file) if sqlite else None
    refused = cli("restore", "--from", str(copy))
    assert refused.exit_code == 1
    assert "is not empty" in refused.stderr and "nothing was changed" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert _counts(cli.url) == before
    if sqlite:
        assert _sha256(file) == digest


def _other_hash(document) -> None:
    head = document["journal_head"]
    head["hash"] = ("0" if head["hash"][0] != "0" else "1") + head["hash"][1:]


def _one_less(document, real_hash_before: str) -> None:
    document["journal_head"] = {
        "seq": document["journal_head"]["seq"] - 1,
        "hash": real_hash_before,
    }


@pytest.mark.parametrize("tamper", ["hash", "shorter", "longer"])
def test_a_manifest_whose_head_is_not_the_restored_journal_is_refused(
    cli, empty, station, tmp_path, tamper
):
    _posted(station, 2)
    manifest = _backup(cli, tmp_path / "backups")
    seq = json.loads(manifest.read_text("utf-8"))["journal_head"]["seq"]
    with station.db.read() as s:
        before = s.execute(text("SELECT hash FROM journal_entries WHERE seq = :s"), {"s": seq - 1})
        hash_before = before.scalar()
    change = {
        "hash": _other_hash,
        "shorter": lambda d: _one_less(d, hash_before),
        "longer": lambda d: d["journal_head"].update(seq=seq + 1),
    }[tamper]
    edit_manifest(manifest, change)
    refused = empty("restore", "--from", str(backup_file(manifest)), "--manifest", str(manifest))
    assert refused.exit_code == 1
    assert "The restored database does not match its manifest" in refused.stderr
    said = {
        "hash": f"entry #{seq} differs from the hash the anchor recorded",
        "shorter": f"the restored journal ends at {seq}:",
        "longer": f"the anchor records entry #{seq + 1} but the journal ends at #{seq}",
    }[tamper]
    assert said in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_records_the_journal_does_not_vouch_for_are_refused_after_the_restore(
    cli, empty, station, tmp_path
):
    teller = on_shift(station)
    posted = station.postings.post(contact_change(station), teller)
    cut_tail(station, entry_seq(station, "posted", posted.serial) - 1)  # the chain still holds
    copy = backup_file(_backup(cli, tmp_path / "backups"))
    refused = empty("restore", "--from", str(copy))
    assert refused.exit_code == 1
    assert f"posting {posted.serial} has no journal entry" in refused.stderr


def test_a_backup_of_an_older_schema_is_restored_and_upgraded(databases, empty, tmp_path):
    url = databases.empty()
    older = Database(url)
    upgrade(older, "0007")
    older.dispose()
    manifest = _backup(Cli.at(url, tmp_path / "older"), tmp_path / "backups")
    assert json.loads(manifest.read_text("utf-8"))["schema_revision"] == "0007"
    restored = empty("restore", "--from", str(backup_file(manifest)))
    assert restored.exit_code == 0, restored.output
    assert f"upgraded its schema from 0007 to {HEAD}" in restored.stdout
    databases.drop(url)


def test_a_backup_of_another_branch_or_without_manifest_is_one_line(cli, empty, tmp_path):
    manifest = _backup(cli, tmp_path / "backups")
    copy = backup_file(manifest)
    edit_manifest(manifest, lambda d: d.update(branch="BJ01"))
    other = empty("restore", "--from", str(copy))
    assert other.exit_code == 1
    assert "is a backup of branch BJ01, and this configuration is branch SH01" in other.stderr
    manifest.unlink()
    missing = empty("restore", "--from", str(copy))
    assert missing.exit_code == 1 and "No manifest at" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_backups_coexist_named_by_branch_and_time(cli, tmp_path):
    folder = tmp_path / "backups"
    assert cli("backup", "--to", str(folder)).exit_code == 0
    assert cli("backup", "--to", str(folder)).exit_code == 0
    manifests = sorted(folder.glob("SH01-*Z*.manifest.json"))
    assert len(manifests) == 2
    assert len({backup_file(m) for m in manifests}) == 2
