"""What an entry's HMAC is computed over, and the HMAC itself, fast enough for a million rows.

An entry's hash is ``HMAC-SHA256(key, previous hash || content)``; the content
is the compact JSON array ``[seq, time, branch, counter, staff, event,
payload]`` (UTF-8, no ASCII escaping) that ``json.dumps`` gives for it.
:func:`content` builds the same bytes without ``json.dumps``: every string
goes through the encoder ``json.dumps`` itself uses, the repeated ones
(branch, counter, staff, event) from a small cache, so a journal signed by an
older version verifies byte for byte. :class:`Signer` keys HMAC once and
copies it for each entry instead of keying it again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from json.encoder import encode_basestring

GENESIS = "0" * 64
"""The "previous hash" of the first entry."""
_CACHE_LIMIT = 4096
_BLOCK = 64
"""SHA-256's block size: HMAC pads its key to it."""
_QUOTED: dict[str | None, str] = {None: "null"}


def canonical_payload(payload: Mapping[str, object]) -> str:
    """The payload as stored and signed: sorted keys, compact, UTF-8 kept."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def timestamp(moment: datetime) -> str:
    """``2026-11-27T01:00:00.000000+00:00``: the signed form of an entry's time."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def stored_timestamp(value: str | datetime) -> str:
    """The signed form of ``occurred_at`` as a database driver returns it.

    PostgreSQL gives an aware datetime. SQLite gives the text SQLAlchemy wrote,
    UTC and always with microseconds (``2026-11-27 01:00:00.000000``): turned
    into the signed form by moving two characters, not by parsing. Anything
    else is parsed; what cannot be parsed is returned as it is, and then cannot
    match its HMAC.
    """
    if isinstance(value, datetime):
        return timestamp(value)
    if len(value) == 26 and value[10] == " ":
        return f"{value[:10]}T{value[11:]}+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return timestamp(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def _quote(value: str | None) -> str:
    quoted = _QUOTED.get(value)
    if quoted is None:
        quoted = "null" if value is None else encode_basestring(value)
        if len(_QUOTED) < _CACHE_LIMIT:
            _QUOTED[value] = quoted
    return quoted


def content(
    seq: int,
    time_text: str,
    branch: str | None,
    counter: str | None,
    staff: str | None,
    event: str,
    payload: str,
) -> bytes:
    """``json.dumps([seq, time, branch, counter, staff, event, payload], separators=(",", ":"),
    ensure_ascii=False).encode()``, byte for byte."""
    return (
        f"[{seq},{encode_basestring(time_text)},{_quote(branch)},{_quote(counter)},"
        f"{_quote(staff)},{_quote(event)},{encode_basestring(payload)}]"
    ).encode()


def stored_content(
    seq: int,
    at: str | datetime,
    branch: str | None,
    counter: str | None,
    staff: str | None,
    event: str,
    payload: str,
    _cached: Callable[[str | None], str | None] = _QUOTED.get,
) -> bytes:
    """:func:`content` of a row as the driver returns it (``at`` as :func:`stored_timestamp`
    takes it), in one call: the loop that verifies a million entries calls nothing else."""
    if at.__class__ is str and len(at) == 26 and at[10] == " ":
        at = f'"{at[:10]}T{at[11:]}+00:00"'  # digits and separators only: nothing to escape
    else:
        at = encode_basestring(stored_timestamp(at))
    return (
        f"[{seq},{at},{_cached(branch) or _quote(branch)},{_cached(counter) or _quote(counter)},"
        f"{_cached(staff) or _quote(staff)},{_cached(event) or _quote(event)},"
        f"{encode_basestring(payload)}]"
    ).encode()


class Signer:
    """HMAC-SHA256 (RFC 2104) with the key's two padded blocks hashed once.

    Each message then costs two SHA-256 copies and its own bytes, instead of
    keying a new HMAC; the digest is the one ``hmac.new`` gives.
    """

    def __init__(self, key: bytes) -> None:
        if len(key) > _BLOCK:
            key = hashlib.sha256(key).digest()
        key = key.ljust(_BLOCK, b"\0")
        self._inner = hashlib.sha256(key.translate(hmac.trans_36))
        self._outer = hashlib.sha256(key.translate(hmac.trans_5C))

    def sign(self, prev_hash: str, body: bytes) -> str:
        """``hmac.new(key, prev_hash.encode() + body, "sha256").hexdigest()``."""
        inner = self._inner.copy()
        inner.update(prev_hash.encode())
        inner.update(body)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()
