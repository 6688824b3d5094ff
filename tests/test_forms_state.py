"""A form being filled: visibility, documents, problems, prefill, display."""

from __future__ import annotations

from datetime import date

import pytest

from forms.loader import BUILTIN_PACKS, load_pack
from forms.state import FormState
from workstation.domain.i18n import Catalog
from workstation.services.risk.vocabulary import RULE_NAMES

TODAY = date(2026, 11, 27)
ZH = Catalog.load("zh")


@pytest.fixture(scope="module")
def surrender():
    return next(t for t in load_pack(BUILTIN_PACKS, RULE_NAMES, TODAY) if t.code == "3101")


def test_agent_fields_and_documents_follow_the_switch(surrender):
    state = FormState(surrender, TODAY)
    keys = [spec.key for spec in state.fields()]
    assert "agent_name" not in keys
    assert "notarised_poa" not in [d.key for d in state.documents()]
    state.by_agent = True
    assert "agent_name" in [spec.key for spec in state.fields()]
    assert "notarised_poa" in [d.key for d in state.missing_documents()]


def test_problems_list_required_and_wrong_fields_in_form_order(surrender):
    state = FormState(surrender, TODAY)
    state.set("applicant_id", "110105198001010017")
    problems = state.problems()
    assert list(problems)[:3] == ["policy_no", "applicant_name", "applicant_id"]
    assert problems["policy_no"].key == "invalid.required"
    assert problems["applicant_id"].key == "invalid.id.checksum"


def test_prefill_fills_named_fields_and_typing_clears_the_mark(surrender):
    state = FormState(surrender, TODAY)
    filled = state.prefill({"holder.name": "张三", "policy.surrender_value": "86,400.00"})
    assert set(filled) == {"applicant_name", "payee_name", "amount"}
    assert state.prefilled == {"applicant_name", "payee_name", "amount"}
    state.set("amount", "80,000.00")
    assert "amount" not in state.prefilled


def test_display_uses_labels_and_money_formats(surrender):
    state = FormState(surrender, TODAY)
    state.set("reason", "financial")
    state.set("amount", "86400")
    state.set("payee_card", "6222021000123450")
    shown = dict(state.summary(ZH))
    assert shown["退保原因"] == "经济困难"
    assert shown["退保金额（元）"] == "¥86,400.00"
    assert shown["银行卡号"] == "6222 0210 0012 3450"


def test_ready_needs_every_required_document(surrender):
    state = FormState(surrender, TODAY)
    for spec in surrender.fields:
        state.set(spec.key, spec.sample)
    assert not state.ready()
    state.ticked = {d.key for d in state.documents()}
    assert state.ready()


def test_in_person_documents_give_way_to_agent_documents():
    first_premium = next(t for t in load_pack(BUILTIN_PACKS, RULE_NAMES, TODAY) if t.code == "1001")
    state = FormState(first_premium, TODAY)
    keys = {d.key for d in state.documents()}
    assert "holder_id_card" in keys and "holder_id_copy" not in keys
    state.by_agent = True
    keys = {d.key for d in state.documents()}
    assert "holder_id_card" not in keys and {"holder_id_copy", "agent_id_card"} <= keys
