"""A counter PC joins its branch: key sealed on one PC, opened on the other, checked first.

Each "PC" is its own in-memory keyring installed as keyring's backend, so what
one PC stores the other cannot see: the key travels only in the sealed file.
"""

from __future__ import annotations

import shlex

import pytest
from sqlalchemy import text

from tests.conftest import TEST_KEY
from tests.join_support import counter01_config, export, join, other_pc, refused, run
from workstation.config import load_config
from workstation.db.engine import Database
from workstation.sealed import seal, write_sealed
from workstation.secrets import JOURNAL_KEY, SERVICE, new_journal_key

pytestmark = pytest.mark.db


@pytest.fixture
def pc1(db_url, tmp_path):
    """Counter 01's configuration; its keyring (the autouse one) holds the branch's key."""
    return counter01_config(db_url, tmp_path)


def test_export_then_join_brings_the_key_and_writes_the_config(db_url, pc1, tmp_path):
    sealed = tmp_path / "SH01-journal-key.sealed"
    passphrase = export(pc1, sealed)
    assert TEST_KEY.encode() not in sealed.read_bytes()
    pc2, config = other_pc(), tmp_path / "pc2.toml"
    args = ("--key-file", str(sealed), "--passphrase-stdin")
    joined = join(db_url, config, *args, input=passphrase + "\n")
    assert joined.exit_code == 0, joined.output
    assert "Stored in the keyring: journal-key" in joined.stdout
    assert "This PC is counter 02 of branch SH01 Shanghai Pudong Service Centre" in joined.stdout
    assert pc2.get_password(SERVICE, JOURNAL_KEY) == TEST_KEY
    written = load_config(config)
    assert (written.branch.code, written.branch.counter) == ("SH01", "02")  # read, not typed
    assert written.database.url == db_url
    assert TEST_KEY not in config.read_text()
    verified = run(config, "journal", "verify")
    assert verified.exit_code == 0 and "Journal intact" in verified.stdout
    again = join(db_url, config, *args, input=passphrase + "\n")
    refused(again, "pc2.toml exists", "nothing was changed")


def test_a_wrong_passphrase_stores_nothing(db_url, pc1, tmp_path):
    sealed = tmp_path / "key.sealed"
    passphrase = export(pc1, sealed)
    pc2, config = other_pc(), tmp_path / "pc2.toml"
    wrong = passphrase[:-1] + ("2" if passphrase[-1] != "2" else "3")
    result = join(db_url, config, "--key-file", str(sealed), "--passphrase-stdin", input=wrong)
    refused(result, "does not open: the passphrase is wrong, or the file was changed")
    assert pc2.get_password(SERVICE, JOURNAL_KEY) is None and not config.exists()


def test_a_changed_file_stores_nothing(db_url, pc1, tmp_path):
    sealed = tmp_path / "key.sealed"
    passphrase = export(pc1, sealed)
    stored = bytearray(sealed.read_bytes())
    at = stored.index(b'"ciphertext": "') + len(b'"ciphertext": "') + 5
    stored[at] = ord("A") if stored[at] != ord("A") else ord("B")
    sealed.write_bytes(bytes(stored))
    pc2, config = other_pc(), tmp_path / "pc2.toml"
    result = join(db_url, config, "--key-file", str(sealed), "--passphrase-stdin", input=passphrase)
    refused(result, "the passphrase is wrong, or the file was changed")
    assert pc2.get_password(SERVICE, JOURNAL_KEY) is None and not config.exists()


def test_a_file_for_another_branch_is_refused(db_url, tmp_path):
    """Sealed for BJ01: refused by name; its header changed to SH01: it no longer opens."""
    sealed, passphrase = tmp_path / "bj01.sealed", "a passphrase long enough"
    write_sealed(sealed, seal(bytes.fromhex(TEST_KEY), "BJ01", passphrase))
    pc2, config = other_pc(), tmp_path / "pc2.toml"
    args = ("--key-file", str(sealed), "--passphrase-stdin")
    refused(join(db_url, config, *args, input=passphrase), "is for branch BJ01", "branch SH01")
    sealed.write_text(sealed.read_text().replace('"BJ01"', '"SH01"'))
    refused(join(db_url, config, *args, input=passphrase), "the file was changed")
    assert pc2.get_password(SERVICE, JOURNAL_KEY) is None and not config.exists()


def test_a_key_that_does_not_open_the_branchs_journal_is_refused(db_url, tmp_path):
    sealed, passphrase = tmp_path / "other.sealed", "a passphrase long enough"
    write_sealed(sealed, seal(bytes.fromhex(new_journal_key()), "SH01", passphrase))
    pc2, config = other_pc(), tmp_path / "pc2.toml"
    args = ("--key-file", str(sealed), "--passphrase-stdin")
    result = join(db_url, config, *args, input=passphrase)
    refused(result, "does not open the journal of branch SH01")
    assert pc2.get_password(SERVICE, JOURNAL_KEY) is None and not config.exists()
    # without a file, the key this PC already holds is checked the same way
    refused(join(db_url, config), "keyring holds no journal key", "--key-file")
    pc2.set_password(SERVICE, JOURNAL_KEY, new_journal_key())
    refused(join(db_url, config), "does not open the journal of branch SH01")
    assert not config.exists()


def test_a_pc_whose_keyring_holds_the_key_joins_without_a_file(db_url, tmp_path):
    config = tmp_path / "pc2.toml"
    joined = join(db_url, config)
    assert joined.exit_code == 0, joined.output
    assert "The journal key in this PC's keyring is the branch's" in joined.stdout


@pytest.mark.parametrize(
    ("revision", "said"),
    [
        ("0003", "upgrade the database with `workstation db upgrade`"),
        ("9999", "upgrade this program on this computer"),
    ],
)
def test_join_refuses_a_database_at_another_schema(db_url, tmp_path, revision, said):
    db = Database(db_url)
    with db.write() as s:
        s.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": revision})
    db.dispose()
    pc2, config = other_pc(), tmp_path / "pc2.toml"
    pc2.set_password(SERVICE, JOURNAL_KEY, TEST_KEY)
    refused(join(db_url, config), said)
    assert not config.exists()


def test_join_refuses_an_unknown_counter(db_url, tmp_path):
    config = tmp_path / "pc2.toml"
    result = run(config, "join", "--db", db_url, "--counter", "7")
    refused(result, "Branch SH01 has no counter 07 (its counters: 01, 02, 03, 04)")
    assert not config.exists()


def test_export_refuses_a_key_that_does_not_open_the_journal(pc1, tmp_path, memory_keyring):
    memory_keyring.set_password(SERVICE, JOURNAL_KEY, new_journal_key())
    target = tmp_path / "key.sealed"
    refused(run(pc1, "secrets", "export", "--to", str(target)), "does not open the journal")
    assert not target.exists()


def test_export_never_overwrites_a_file(pc1, tmp_path):
    target = tmp_path / "key.sealed"
    target.write_text("keep me")
    refused(run(pc1, "secrets", "export", "--to", str(target)), "already exists")
    assert target.read_text() == "keep me"


def test_export_with_a_chosen_passphrase_prints_none(db_url, pc1, tmp_path):
    target = tmp_path / "key.sealed"
    chosen = "our own passphrase 2026"
    done = run(pc1, "secrets", "export", "--to", str(target), "--passphrase-stdin", input=chosen)
    assert done.exit_code == 0 and chosen not in done.output and "shown only now" not in done.output
    other_pc()
    args = ("--key-file", str(target), "--passphrase-stdin")
    assert join(db_url, tmp_path / "pc2.toml", *args, input=chosen).exit_code == 0
    short = run(pc1, "secrets", "export", "--to", str(tmp_path / "b"), "--passphrase-stdin")
    refused(short, "too short")


def test_init_prints_the_exact_join_line_of_each_counter(databases, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = databases.empty()
    args = ["init", "--db", url, "--branch", "BJ01", "--branch-name", "北京朝阳客户服务中心"]
    args += ["--counters", "4", "--flexible", "4", "--password-stdin"]
    done = run(tmp_path / "server.toml", *args, input="admin123\n")
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert "workstation secrets export --to BJ01-journal-key.sealed" in done.stdout
    joins = {
        line.split(":")[0].strip(): line.split(": ", 1)[1]
        for line in lines
        if "workstation join" in line
    }
    assert sorted(joins) == ["counter 02", "counter 03", "counter 04 (flexible window)"]
    if url.startswith("postgresql"):
        assert "workstation secrets set database-password" in done.stdout
    passphrase = export(tmp_path / "server.toml", tmp_path / "BJ01-journal-key.sealed")
    pc3 = other_pc()
    command = shlex.split(joins["counter 03"])
    assert command[:2] == ["workstation", "join"]
    joined = run(tmp_path / "pc3.toml", *command[1:], "--passphrase-stdin", input=passphrase)
    assert joined.exit_code == 0, joined.output
    assert load_config(tmp_path / "pc3.toml").branch.counter == "03"
    assert pc3.get_password(SERVICE, JOURNAL_KEY) is not None
    databases.drop(url)


def test_init_refuses_a_flexible_window_that_is_not_a_counter(databases, tmp_path):
    url = databases.empty()
    args = ["init", "--db", url, "--branch", "BJ01", "--branch-name", "北京", "--counters", "3"]
    args += ["--flexible", "07", "--password-stdin"]
    done = run(tmp_path / "c.toml", *args, input="admin123\n")
    refused(done, "Flexible window 07 is not one of the branch's counters 01–03")
    databases.drop(url)
