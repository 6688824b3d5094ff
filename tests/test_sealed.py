"""The journal key sealed with a passphrase: opens only with it, unchanged, for its branch."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from workstation.sealed import (
    PASSPHRASE_ALPHABET,
    Cost,
    SealedKeyError,
    new_passphrase,
    read_sealed,
    seal,
    write_sealed,
)

CHEAP = Cost(n=2**10, r=8, p=1)
"""Tests need not pay for a slow KDF; the file records what was used."""
KEY = bytes(range(32))
PASSPHRASE = "7KQM-3XRP-W9HD-TT4A-ZC2B-MN8E"


def _sealed(tmp_path: Path, branch: str = "SH01", passphrase: str = PASSPHRASE) -> Path:
    path = tmp_path / "key.sealed"
    write_sealed(path, seal(KEY, branch, passphrase, CHEAP))
    return path


def _refused(path: Path, passphrase: str = PASSPHRASE) -> str:
    with pytest.raises(SealedKeyError) as refused:
        read_sealed(path).open(passphrase)
    assert len(str(refused.value).splitlines()) == 1
    return refused.value.msg.key


def _edit(path: Path, change) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


def _flip_b64(value: str, at: int = 0) -> str:
    raw = bytearray(base64.b64decode(value))
    raw[at] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def test_a_sealed_key_opens_with_its_passphrase(tmp_path):
    path = _sealed(tmp_path)
    sealed = read_sealed(path)
    assert sealed.branch == "SH01"
    assert sealed.open(PASSPHRASE) == KEY
    # full-width input from a Chinese input method and stray spaces are the same passphrase
    assert sealed.open("  ７ＫＱＭ－３ＸＲＰ－Ｗ９ＨＤ－ＴＴ４Ａ－ＺＣ２Ｂ－ＭＮ８Ｅ ") == KEY
    assert os.stat(path).st_mode & 0o077 == 0  # only its owner may read it


def test_a_wrong_passphrase_is_one_clear_refusal(tmp_path):
    path = _sealed(tmp_path)
    assert _refused(path, PASSPHRASE.replace("7", "8")) == "sealed.cannot_open"
    assert _refused(path, PASSPHRASE.lower()) == "sealed.cannot_open"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d.update(ciphertext=_flip_b64(d["ciphertext"])), id="ciphertext"),
        pytest.param(lambda d: d.update(ciphertext=_flip_b64(d["ciphertext"], -1)), id="tag"),
        pytest.param(lambda d: d["kdf"].update(salt=_flip_b64(d["kdf"]["salt"])), id="salt"),
        pytest.param(
            lambda d: d["cipher"].update(nonce=_flip_b64(d["cipher"]["nonce"])), id="nonce"
        ),
        pytest.param(lambda d: d.update(branch="SH02"), id="header-branch"),
        pytest.param(lambda d: d["kdf"].update(n=2**11), id="header-kdf-cost"),
        pytest.param(lambda d: d.update(note="harmless?"), id="header-added-field"),
    ],
)
def test_a_changed_file_does_not_open(tmp_path, change):
    path = _sealed(tmp_path)
    _edit(path, change)
    assert _refused(path) == "sealed.cannot_open"


def test_any_flipped_byte_anywhere_in_the_file_is_refused(tmp_path):
    """Header, salt, nonce, ciphertext, even the layout: one bit flipped as stored never opens."""
    path = _sealed(tmp_path)
    stored = path.read_bytes()
    opened = []
    for at in range(len(stored)):
        doctored = bytearray(stored)
        doctored[at] ^= 0x01
        path.write_bytes(bytes(doctored))
        try:
            read_sealed(path).open(PASSPHRASE)
        except SealedKeyError as refused:
            assert refused.msg.key in {"sealed.cannot_open", "sealed.malformed", "sealed.version"}
        else:
            opened.append(at)
    assert opened == []


def test_the_same_salt_spelt_with_its_unused_bits_set_is_refused(tmp_path):
    """Base64 of 16 bytes ends in a symbol with 4 unused bits: another spelling, same bytes."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    path = _sealed(tmp_path)

    def respell(document) -> None:
        salt = document["kdf"]["salt"]
        last = alphabet[alphabet.index(salt[-3]) ^ 1]
        assert base64.b64decode(salt[:-3] + last + "==") == base64.b64decode(salt)
        document["kdf"]["salt"] = salt[:-3] + last + "=="

    _edit(path, respell)
    assert _refused(path) == "sealed.malformed"


def test_the_sealed_file_never_holds_the_key(tmp_path):
    key = os.urandom(32)
    path = tmp_path / "key.sealed"
    write_sealed(path, seal(key, "SH01", PASSPHRASE, CHEAP))
    stored = path.read_bytes()
    for form in (key, key.hex().encode(), key.hex().upper().encode(), base64.b64encode(key)):
        assert form not in stored
    assert PASSPHRASE.encode() not in stored


def test_a_file_for_another_branch_keeps_its_branch(tmp_path):
    assert read_sealed(_sealed(tmp_path, branch="BJ01")).branch == "BJ01"


def test_what_is_not_a_sealed_file_is_named(tmp_path):
    path = tmp_path / "plain.toml"
    path.write_text("journal-key = 5a5a\n")
    assert _refused(path) == "sealed.malformed"
    assert _refused(tmp_path / "absent.sealed") == "sealed.missing"
    path = _sealed(tmp_path)
    _edit(path, lambda d: d.update(version=2))
    assert _refused(path) == "sealed.version"
    path.unlink()
    path = _sealed(tmp_path)
    _edit(path, lambda d: d["kdf"].update(n=2**30))  # a doctored file must not eat the memory
    assert _refused(path) == "sealed.malformed"


def test_an_existing_file_is_never_overwritten(tmp_path):
    path = _sealed(tmp_path)
    before = path.read_bytes()
    with pytest.raises(SealedKeyError) as refused:
        write_sealed(path, seal(KEY, "SH01", PASSPHRASE, CHEAP))
    assert refused.value.msg.key == "sealed.exists" and path.read_bytes() == before


def test_a_short_passphrase_is_refused_and_a_made_one_is_long_and_unambiguous():
    with pytest.raises(SealedKeyError) as refused:
        seal(KEY, "SH01", "short", CHEAP)
    assert refused.value.msg.key == "sealed.passphrase_short"
    made = {new_passphrase() for _ in range(20)}
    assert len(made) == 20
    for passphrase in made:
        groups = passphrase.split("-")
        assert len(groups) == 6 and all(len(g) == 4 for g in groups)
        assert set("".join(groups)) <= set(PASSPHRASE_ALPHABET)
        assert not set("01IOL") & set(passphrase)
