"""A value typed in any accepted form (full-width, spaced, lower case) posts as its canonical
form: the same look-up, risk check, approval digest, stored record and receipt."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, select

from tests.conftest import fresh_station
from tests.ledger_support import (
    journal_payloads,
    on_shift,
    post_approved,
    renewal_in_cash,
    submission,
    surrender,
)
from tests.printing_support import prepare_receipt
from workstation.db.ledger import Posting
from workstation.services.overrides import Ask

pytestmark = pytest.mark.db

WIDE = {c: chr(ord(c) + 0xFEE0) for c in string.digits + string.ascii_letters}
"""ASCII digits and letters to their full-width forms (what a Chinese input method types)."""


def wide(text: str) -> str:
    return "".join(WIDE.get(c, c) for c in text)


def _stored(station, serial: str) -> Posting:
    with station.db.read() as s:
        return s.scalar(select(Posting).where(Posting.serial == serial))


def test_a_full_width_policy_number_posts_and_is_stored_and_printed_in_ascii(station):
    teller = on_shift(station)
    typed = renewal_in_cash(station, policy_no=" Ｐ２０２４０００００１ ")
    _context, assessment = station.postings.review(typed, teller)
    assert "policy_status.unknown_policy" not in [f.code for f in assessment.findings]

    result = post_approved(station, typed, teller)

    assert result.policy_no == "P2024000001"
    posting = _stored(station, result.serial)
    assert posting.policy_no == "P2024000001"
    assert posting.customer_id_number == "110105198001010016"  # the policy was found
    lines = {line["key"]: line for line in json.loads(posting.submission)}
    assert lines["policy_no"]["zh"] == lines["policy_no"]["en"] == "P2024000001"
    assert journal_payloads(station, "posted")[-1]["policy_no"] == "P2024000001"
    receipt = prepare_receipt(station, result.serial, teller).data
    assert receipt.policy_no == "P2024000001"
    assert "P2024000001" in [line.value for line in receipt.lines]


def test_full_width_and_ascii_submissions_have_one_digest_and_one_approval(station):
    teller = on_shift(station)
    day = station.clock.now().date()
    typed = surrender(
        station,
        policy_no="ｐ２０２４０００００１",
        applicant_id=wide("110105198001010016"),
        amount=wide("86400"),
    )
    plain = surrender(station, key=typed.idempotency_key)

    assert typed.values == plain.values
    assert typed.digest(day) == plain.digest(day)
    # the supervisor approves what the typed form asks: it posts, and the record is the
    # one the ASCII form would have made
    ask = Ask("posting", typed.idempotency_key, typed.digest(day), 1, {})
    station.overrides.approve_local(teller, ask, "S001", "demo1234", "identity_verified")
    result = station.postings.post(typed, teller, frozenset({"aml_payout.due_diligence"}))
    assert result.approvers == ("S001",)
    assert _stored(station, result.serial).content_digest == plain.digest(day)


def test_a_full_width_payment_method_is_read_as_the_method(station):
    """A choice typed through the services (CLI, import) counts as the choice it names."""
    teller = on_shift(station)
    typed = renewal_in_cash(station, payment_method="ｃａｓｈ ")
    assert typed.method() == "cash"
    result = post_approved(station, typed, teller)
    assert result.method == "cash"


def test_postings_are_found_again_by_full_width_policy_id_or_serial(station):
    from workstation.services.inquiry import Query

    teller = on_shift(station)
    serial = post_approved(station, renewal_in_cash(station), teller).serial
    for query in (
        Query(policy_no=" ｐ２０２４０００００１"),
        Query(id_number=wide("110105198001010016")),
        Query(serial=wide(serial.lower())),
    ):
        assert [row.serial for row in station.inquiry.search(teller, query)] == [serial]


# -- the property: any accepted typed form posts the same record --------------------------

SPACE = st.sampled_from(["", " ", "  ", "\u3000", "\t"])
"""What a teller leaves around a value: nothing, spaces, an ideographic space, a tab."""


@st.composite
def typed(draw, forms: list[str], lower: bool = False) -> str:
    """One of ``forms``, each character maybe full-width, letters maybe lower case, spaced."""
    text = draw(st.sampled_from(forms))
    if lower and draw(st.booleans()):
        text = text.lower()
    mask = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    chars = "".join(WIDE.get(c, c) if w else c for c, w in zip(text, mask, strict=True))
    return draw(SPACE) + chars + draw(SPACE)


CANONICAL = {
    "policy_no": "P2024000001",
    "applicant_name": "张三",
    "applicant_id": "44030419820309049X",
    "applicant_id_expiry": "2035-06-30",
    "applicant_phone": "13800138000",
    "amount": "12,000.00",
    "payment_method": "bank_card",
    "payee_card": "6222 0210 0012 3450",
    "payee_bank": "中国工商银行上海浦东支行",
}
"""A card renewal of P2024000001, paid by a payer whose ID ends in X."""

VARIANTS = st.fixed_dictionaries(
    {
        "policy_no": typed(["P2024000001"], lower=True),
        "applicant_name": typed(["张三"]),
        "applicant_id": typed(["44030419820309049X"], lower=True),
        "applicant_id_expiry": typed(["2035-06-30", "2035/6/30", "20350630"]),
        "applicant_phone": typed(["13800138000", "138 0013 8000", "+86 138-0013-8000"]),
        "amount": typed(["12000", "12,000.00", "12000.0", "¥12,000", "12,000"]),
        "payment_method": typed(["bank_card"]),
        "payee_card": typed(["6222021000123450", "6222 0210 0012 3450", "6222-0210-0012-3450"]),
        "payee_bank": typed(["中国工商银行上海浦东支行"]),
    }
)


def _post_first(databases, keyring_backend, values: dict[str, str]) -> dict:
    """Post ``values`` as the first business of a fresh day; what it wrote and printed."""
    with fresh_station(databases, keyring_backend) as station:
        teller = on_shift(station)
        sub = submission(station, "1101", key="the-same-key", **values)
        assert not sub.state(station.clock.now().date()).problems(), values
        result = post_approved(station, sub, teller)
        posting = _stored(station, result.serial)
        columns = {c.key: getattr(posting, c.key) for c in inspect(Posting).column_attrs}
        receipt = prepare_receipt(station, result.serial, teller).data
        return {
            "record": columns,
            "journal": journal_payloads(station, "posted"),
            "receipt": receipt,
        }


_canonical: dict[str, dict] = {}


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(variants=VARIANTS)
def test_any_accepted_typed_form_posts_the_record_of_its_canonical_form(
    databases, memory_keyring, variants
):
    if "posted" not in _canonical:
        _canonical["posted"] = _post_first(databases, memory_keyring, CANONICAL)
    expected = _canonical["posted"]
    assert _post_first(databases, memory_keyring, variants) == expected
