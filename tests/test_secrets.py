"""Secrets fail closed: unsafe keyring backends are refused with a way out."""

from __future__ import annotations

import os
import uuid

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from workstation.domain.i18n import Catalog
from workstation.secrets import (
    JOURNAL_KEY,
    MemoryKeyring,
    Secrets,
    SecretsError,
    backend_name,
    new_journal_key,
)


class PlaintextKeyring(KeyringBackend):
    """Stands in for keyrings.alt's plaintext file backend without installing it."""

    priority = 1
    viable = False  # keyring must never pick it up by itself in this test run

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        raise AssertionError("a plaintext backend must never receive a secret")

    def delete_password(self, service, username):
        pass


PlaintextKeyring.__module__ = "keyrings.alt.file"


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), PlaintextKeyring()])
def test_unsafe_backends_are_refused_with_a_way_out(backend):
    store = Secrets(backend)
    with pytest.raises(SecretsError) as refused:
        store.set(JOURNAL_KEY, new_journal_key())
    assert refused.value.msg.key == "secrets.unsafe_backend"
    assert "gnome-keyring" in Catalog.load("en")(refused.value.msg)
    with pytest.raises(SecretsError):
        store.get(JOURNAL_KEY)


def test_a_chain_containing_a_plaintext_backend_is_refused(monkeypatch):
    monkeypatch.setattr(
        chainer.ChainerBackend, "backends", [MemoryKeyring(), PlaintextKeyring()], raising=False
    )
    with pytest.raises(SecretsError):
        Secrets(chainer.ChainerBackend()).ensure_safe()


def test_an_in_memory_backend_is_accepted_only_when_the_program_made_it(monkeypatch):
    """keyring builds it with no arguments from the environment: then it is refused."""
    with pytest.raises(SecretsError) as refused:
        Secrets(MemoryKeyring()).get(JOURNAL_KEY)
    assert refused.value.msg.key == "secrets.volatile_backend"
    assert "PYTHON_KEYRING_BACKEND" in Catalog.load("en")(refused.value.msg)
    monkeypatch.setattr(
        chainer.ChainerBackend, "backends", [MemoryKeyring(explicit=True)], raising=False
    )
    with pytest.raises(SecretsError):
        Secrets(chainer.ChainerBackend()).ensure_safe()
    assert Secrets(MemoryKeyring(explicit=True)).get(JOURNAL_KEY) is None


def test_a_secret_is_read_back_before_it_counts_as_stored():
    from tests.keyrings import DroppingKeyring, ForgetfulKeyring

    with pytest.raises(SecretsError) as dropped:
        Secrets(DroppingKeyring()).set(JOURNAL_KEY, new_journal_key())
    assert dropped.value.msg.key == "secrets.not_kept"
    forgetful = ForgetfulKeyring()
    with pytest.raises(SecretsError) as forgotten:  # a new process does not find it
        Secrets(forgetful).set(JOURNAL_KEY, new_journal_key())
    assert forgotten.value.msg.key == "secrets.not_shared"
    assert forgetful.get_password("counter-workstation", JOURNAL_KEY) is None  # taken back


def test_the_default_headless_backend_is_refused(monkeypatch):
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(SecretsError):
        Secrets().journal_key()


def test_memory_backend_round_trips_and_generates_a_journal_key():
    store = Secrets(MemoryKeyring(explicit=True))
    assert store.get(JOURNAL_KEY) is None
    assert store.ensure_journal_key() is True
    assert store.ensure_journal_key() is False
    assert len(store.journal_key()) == 32
    assert store.in_memory


def test_a_malformed_journal_key_is_refused_before_it_is_stored():
    store = Secrets(MemoryKeyring(explicit=True))
    with pytest.raises(SecretsError) as refused:
        store.set(JOURNAL_KEY, "not-hex")
    assert refused.value.msg.key == "secrets.bad_journal_key"
    assert store.get(JOURNAL_KEY) is None


def test_a_missing_secret_says_which_command_sets_it():
    with pytest.raises(SecretsError) as missing:
        Secrets(MemoryKeyring(explicit=True)).journal_key()
    assert "workstation secrets set journal-key" in Catalog.load("en")(missing.value.msg)


@pytest.mark.secret_service
@pytest.mark.skipif(
    os.environ.get("WORKSTATION_TEST_SECRET_SERVICE") != "1",
    reason="needs a real Secret Service (CI starts gnome-keyring under dbus-run-session)",
)
def test_a_real_secret_service_round_trips_a_secret():
    from keyring.backends import SecretService

    real = SecretService.Keyring()
    service = f"counter-workstation-test-{uuid.uuid4().hex}"  # no other run's item, ever
    store = Secrets(real, service=service)
    store.ensure_safe()
    value = new_journal_key()
    store.set(JOURNAL_KEY, value)
    assert Secrets(SecretService.Keyring(), service=service).get(JOURNAL_KEY) == value
    real.delete_password(service, JOURNAL_KEY)
    # what keyring chooses by itself here, as the workstation would in production, is accepted
    keyring.core.init_backend()
    chosen = Secrets()
    chosen.ensure_safe()
    names = [backend_name(chosen.backend)]
    names += [backend_name(b) for b in getattr(chosen.backend, "backends", [])]
    assert any("SecretService" in name for name in names), names


def test_the_postgresql_password_comes_from_the_keyring(secrets):
    from tests.conftest import make_config
    from workstation.secrets import DB_PASSWORD
    from workstation.station import connect_unchecked

    secrets.set(DB_PASSWORD, "s3cret-from-keyring")
    config = make_config("postgresql+psycopg://ws@db.branch.local:5432/ws")
    db = connect_unchecked(config, secrets)  # no connection is made yet
    try:
        assert db.url.password == "s3cret-from-keyring"
        assert "s3cret" not in config.database.url
    finally:
        db.dispose()
