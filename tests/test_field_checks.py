"""Form checks at the field (issue 16.9): postcode and e-mail by their role, an expired ID and
an applicant who is not the policyholder said as the teller leaves the field, in the review's
words (the review still refuses them)."""

from __future__ import annotations

from datetime import date

import pytest

from forms.field_advice import field_advice
from forms.loader import BUILTIN_PACKS, load_pack
from forms.state import FormState
from workstation.domain.contact import parse_email, parse_postcode
from workstation.domain.errors import InvalidValue
from workstation.domain.i18n import Catalog
from workstation.services.risk.vocabulary import RULE_NAMES

TODAY = date(2026, 11, 27)
HOLDER = "110105198001010016"
OTHER = "44030419820309049X"


@pytest.fixture(scope="module")
def contact_change():
    return next(t for t in load_pack(BUILTIN_PACKS, RULE_NAMES, TODAY) if t.code == "2001")


def test_a_postcode_has_six_digits_and_an_email_is_an_address():
    assert parse_postcode(" 200 135 ") == "200135"
    assert parse_email("Zhang.San+1@Example.COM") == "Zhang.San+1@example.com"
    for bad in ("20013", "2001355", "20013a"):
        with pytest.raises(InvalidValue) as refused:
            parse_postcode(bad)
        assert refused.value.msg.key == "invalid.postcode"
    for bad in (
        "zhangsan",
        "zhangsan@",
        "@example.com",
        "a b@example.com",
        "a@example",
        "a..b@x.cn",
    ):
        with pytest.raises(InvalidValue) as refused:
            parse_email(bad)
        assert refused.value.msg.key == "invalid.email"


def test_the_contact_fields_are_checked_by_their_role_and_block_the_form(contact_change):
    state = FormState(contact_change, TODAY)
    assert state.set("new_postcode", "20013").problem.key == "invalid.postcode"
    assert state.set("new_email", "zhangsan.example.com").problem.key == "invalid.email"
    assert {"new_postcode", "new_email"} <= set(state.problems())
    assert state.set("new_postcode", "２００１３５").ok  # full width, from an input method
    assert state.set("new_email", "").ok  # optional


def test_an_expired_id_is_said_at_the_field_in_the_reviews_words(contact_change):
    state = FormState(contact_change, TODAY)
    state.set("applicant_id_expiry", "2026-11-26")
    advice = field_advice(state, "applicant_id_expiry")
    assert advice is not None and advice.key == "risk.id_not_expired.expired"
    zh, en = Catalog.load("zh"), Catalog.load("en")
    assert "2026-11-26" in zh(advice) and "过期" in zh(advice) and "expired" in en(advice).lower()
    assert "applicant_id_expiry" not in state.problems()  # the review refuses it, as before
    for fine in ("2026-11-27", "长期"):
        state.set("applicant_id_expiry", fine)
        assert field_advice(state, "applicant_id_expiry") is None


def test_an_applicant_who_is_not_the_holder_is_said_once_the_policy_is_known(contact_change):
    state = FormState(contact_change, TODAY)
    state.set("policy_no", "P2024000001")
    state.set("applicant_id", OTHER)
    assert field_advice(state, "applicant_id") is None  # no policy looked up: nothing to compare
    state.prefill({"holder.name": "张三", "holder.id_number": HOLDER})
    advice = field_advice(state, "applicant_id")
    assert advice is not None and advice.key == "risk.applicant_allowed.not_the_person"
    assert "投保人" in Catalog.load("zh")(advice)
    state.set("applicant_id", HOLDER)
    assert field_advice(state, "applicant_id") is None
    state.set("applicant_id", OTHER)
    state.set("policy_no", "P2024000002")  # another policy now: the old holder says nothing
    assert field_advice(state, "applicant_id") is None
