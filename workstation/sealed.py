"""The journal key sealed with a one-time passphrase, to carry it to another counter PC.

``workstation secrets export`` writes a sealed file; ``workstation join
--key-file`` opens it. The key is encrypted with ChaCha20-Poly1305
(``cryptography``) under a key derived from the passphrase with scrypt. The
file is one JSON object: a header (format, version, branch, KDF parameters and
salt, cipher and nonce) and the ciphertext. The whole header, written in its
canonical form, is the associated data: changing any of it, the branch above
all, makes the file fail to open just as a wrong passphrase or a changed
ciphertext does. The key itself is never in the file, in hex or raw.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets as _random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from workstation.domain.errors import WorkstationError

FORMAT = "counter-workstation-sealed-key"
VERSION = 1
KDF = "scrypt"
CIPHER = "chacha20poly1305"
SALT_BYTES = 16
NONCE_BYTES = 12
MIN_PASSPHRASE = 12
"""Characters a passphrase chosen by a person must have at least."""
PASSPHRASE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""31 symbols, without 0/O and 1/I/L: read aloud or typed without doubt."""
PASSPHRASE_GROUPS = 6
"""Six groups of four symbols: about 119 bits."""


class SealedKeyError(WorkstationError):
    """A sealed key file cannot be written or opened."""


@dataclass(frozen=True)
class Cost:
    """scrypt's parameters: memory and time it takes to try one passphrase."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def acceptable(self) -> bool:
        """Within what a file may ask of this PC (a doctored file must not eat its memory)."""
        power_of_two = self.n > 1 and self.n & (self.n - 1) == 0
        return power_of_two and self.n <= 2**20 and 1 <= self.r <= 32 and 1 <= self.p <= 16


DEFAULT_COST = Cost()
"""OWASP's scrypt figures (N=2^17, r=8, p=1): about 0.3 s and 128 MiB here."""


def new_passphrase() -> str:
    """A one-time passphrase such as ``7KQM-3XRP-W9HD-…``, from the system's random source."""
    groups = (
        "".join(_random.choice(PASSPHRASE_ALPHABET) for _ in range(4))
        for _ in range(PASSPHRASE_GROUPS)
    )
    return "-".join(groups)


def normalise_passphrase(typed: str) -> str:
    """NFKC (full-width input from a Chinese input method), surrounding spaces dropped."""
    return unicodedata.normalize("NFKC", typed).strip()


def check_passphrase(passphrase: str) -> str:
    """The passphrase as used, or a refusal when it is too short to protect the key."""
    normal = normalise_passphrase(passphrase)
    if len(normal) < MIN_PASSPHRASE:
        raise SealedKeyError("sealed.passphrase_short", minimum=MIN_PASSPHRASE)
    return normal


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, path: Path, what: str) -> bytes:
    if not isinstance(text, str):
        raise SealedKeyError("sealed.malformed", path=str(path), reason=what)
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise SealedKeyError("sealed.malformed", path=str(path), reason=what) from None
    if _b64(data) != text:  # unused bits set: another spelling of the same bytes, not ours
        raise SealedKeyError("sealed.malformed", path=str(path), reason=what)
    return data


def _derive(passphrase: str, salt: bytes, cost: Cost) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=cost.n, r=cost.r, p=cost.p)
    return kdf.derive(passphrase.encode("utf-8"))


def _associated(header: dict[str, object]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def seal(key: bytes, branch: str, passphrase: str, cost: Cost = DEFAULT_COST) -> bytes:
    """The sealed file's bytes for ``key``, bound to ``branch``."""
    passphrase = check_passphrase(passphrase)
    salt, nonce = _random.token_bytes(SALT_BYTES), _random.token_bytes(NONCE_BYTES)
    header: dict[str, object] = {
        "format": FORMAT,
        "version": VERSION,
        "branch": branch,
        "kdf": {"name": KDF, "n": cost.n, "r": cost.r, "p": cost.p, "salt": _b64(salt)},
        "cipher": {"name": CIPHER, "nonce": _b64(nonce)},
    }
    box = ChaCha20Poly1305(_derive(passphrase, salt, cost))
    ciphertext = box.encrypt(nonce, key, _associated(header))
    document = {**header, "ciphertext": _b64(ciphertext)}
    return (json.dumps(document, sort_keys=True, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True)
class SealedKey:
    """A sealed file as read, not yet opened."""

    path: Path
    branch: str
    header: dict[str, object]
    cost: Cost
    salt: bytes
    nonce: bytes
    ciphertext: bytes

    def open(self, passphrase: str) -> bytes:
        """The key; a wrong passphrase and a changed file are one refusal (AEAD cannot tell)."""
        derived = _derive(normalise_passphrase(passphrase), self.salt, self.cost)
        try:
            return ChaCha20Poly1305(derived).decrypt(
                self.nonce, self.ciphertext, _associated(self.header)
            )
        except InvalidTag:
            raise SealedKeyError("sealed.cannot_open", path=str(self.path)) from None


def read_sealed(path: Path) -> SealedKey:
    """Read and check the file's form; refuse what is not a sealed key file of this version."""
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise SealedKeyError("sealed.missing", path=str(path)) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise SealedKeyError("sealed.unreadable", path=str(path), reason=reason) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SealedKeyError("sealed.malformed", path=str(path), reason="JSON") from None
    return _parse(document, path)


def _section(document: dict[str, object], name: str, path: Path) -> dict[str, object]:
    value = document.get(name)
    if not isinstance(value, dict):
        raise SealedKeyError("sealed.malformed", path=str(path), reason=name)
    return value


def _parse(document: object, path: Path) -> SealedKey:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SealedKeyError("sealed.malformed", path=str(path), reason="format")
    if document.get("version") != VERSION:
        version = document.get("version")
        raise SealedKeyError("sealed.version", path=str(path), version=version, known=VERSION)
    kdf, cipher = _section(document, "kdf", path), _section(document, "cipher", path)
    if kdf.get("name") != KDF or cipher.get("name") != CIPHER:
        raise SealedKeyError("sealed.malformed", path=str(path), reason="kdf/cipher")
    n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
    if not (isinstance(n, int) and isinstance(r, int) and isinstance(p, int)):
        raise SealedKeyError("sealed.malformed", path=str(path), reason="kdf")
    cost = Cost(n, r, p)
    if not cost.acceptable():
        raise SealedKeyError("sealed.malformed", path=str(path), reason="kdf")
    branch = document.get("branch")
    if not isinstance(branch, str):
        raise SealedKeyError("sealed.malformed", path=str(path), reason="branch")
    salt = _unb64(kdf.get("salt"), path, "salt")
    nonce = _unb64(cipher.get("nonce"), path, "nonce")
    ciphertext = _unb64(document.get("ciphertext"), path, "ciphertext")
    if len(nonce) != NONCE_BYTES or len(salt) < SALT_BYTES:
        raise SealedKeyError("sealed.malformed", path=str(path), reason="salt/nonce")
    header = {name: value for name, value in document.items() if name != "ciphertext"}
    return SealedKey(path, branch, header, cost, salt, nonce, ciphertext)


def write_sealed(path: Path, sealed: bytes) -> None:
    """Write a new file readable by its owner only; an existing file is never overwritten."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise SealedKeyError("sealed.exists", path=str(path)) from None
    with os.fdopen(handle, "wb") as fh:
        fh.write(sealed)
