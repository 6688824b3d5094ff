"""What an entry's HMAC covers is the same bytes it always was: journals signed before
the faster encoding verify unchanged."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from workstation.services.journal_codec import (
    Signer,
    content,
    stored_content,
    stored_timestamp,
    timestamp,
)

names = st.one_of(st.none(), st.text(max_size=20))
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
# An entry's fields but its counter, which each test draws or fixes for itself.
ENTRY = {
    "seq": st.integers(min_value=1, max_value=10**15),
    "moment": moments,
    "branch": names,
    "staff": names,
    "event": st.text(max_size=32),
    "payload": st.text(),
}


def reference(seq, moment, branch, counter, staff, event, payload) -> bytes:
    """How entries were signed until now: ``json.dumps`` of the fields."""
    fields = [seq, timestamp(moment), branch, counter, staff, event, payload]
    return json.dumps(fields, separators=(",", ":"), ensure_ascii=False).encode()


@given(**ENTRY, counter=names)
def test_the_content_is_byte_for_byte_what_json_dumps_gave(
    seq, moment, branch, counter, staff, event, payload
):
    fast = content(seq, timestamp(moment), branch, counter, staff, event, payload)
    assert fast == reference(seq, moment, branch, counter, staff, event, payload)


@given(**ENTRY)
def test_a_row_as_either_database_returns_it_signs_the_same_bytes(
    seq, moment, branch, staff, event, payload
):
    expected = reference(seq, moment, branch, "01", staff, event, payload)
    sqlite_text = moment.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    assert stored_content(seq, sqlite_text, branch, "01", staff, event, payload) == expected
    assert stored_content(seq, moment, branch, "01", staff, event, payload) == expected


def test_quotes_control_characters_and_chinese_are_encoded_as_before():
    payload = '{"name":"张三 \\"老张\\"","note":"a\\tb\\u0001"}\n\x7f\u2028'
    moment = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
    fast = content(1, timestamp(moment), "SH01", None, 'T"1', "sign_in", payload)
    assert fast == reference(1, moment, "SH01", None, 'T"1', "sign_in", payload)


@given(key=st.binary(min_size=1, max_size=200), prev=st.text(max_size=64), body=st.binary())
def test_the_signer_gives_what_hmac_new_gives(key, prev, body):
    expected = hmac.new(key, prev.encode() + body, hashlib.sha256).hexdigest()
    assert Signer(key).sign(prev, body) == expected


@given(moment=moments)
def test_sqlites_stored_text_reads_as_the_signed_time(moment):
    stored = moment.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    assert stored_timestamp(stored) == timestamp(moment)
    assert stored_timestamp(moment.astimezone(timezone(timedelta(hours=8)))) == timestamp(moment)


def test_other_stored_times_are_parsed_or_left_to_fail_their_hmac():
    assert stored_timestamp("2026-11-27 01:00:00") == "2026-11-27T01:00:00.000000+00:00"
    assert stored_timestamp("2026-11-27T09:00:00+08:00") == "2026-11-27T01:00:00.000000+00:00"
    assert stored_timestamp("yesterday") == "yesterday"
