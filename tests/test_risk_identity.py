"""Identity rules: valid IDs, unexpired cards, the right applicant, the documents seen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.risk_support import PEOPLE, ZHANG_SAN_ID, codes, policy, run
from workstation.domain.i18n import Catalog
from workstation.services.risk.model import Severity

ZH, EN = Catalog.load("zh"), Catalog.load("en")


# -- id_valid -----------------------------------------------------------------


def test_parsed_ids_pass():
    assert run("1001", "id_valid", by_agent=True) == []


def test_a_plain_string_id_is_checked_again_and_refused_naming_the_field():
    found = run("1001", "id_valid", values={"insured_id": "110105201006120017"})
    assert codes(found) == ["id_valid.invalid"]
    assert found[0].severity == Severity.BLOCK
    assert "被保险人身份证号" in ZH(found[0].message)
    assert "Insured's resident ID" in EN(found[0].message)
    assert "投保人身份证号" not in ZH(found[0].message)


def test_a_plain_string_that_is_a_valid_id_passes():
    assert run("1001", "id_valid", values={"applicant_id": ZHANG_SAN_ID}) == []


def test_several_bad_ids_make_one_finding_naming_each_field():
    bad = {"applicant_id": "11010519800101001", "agent_id": 310104198803150038}
    found = run("1001", "id_valid", by_agent=True, values=bad)
    assert codes(found) == ["id_valid.invalid"]
    assert ZH(found[0].message).startswith("投保人身份证号、代办人身份证号")


# -- id_not_expired -----------------------------------------------------------


def test_a_valid_or_long_term_card_passes():
    assert run("1101", "id_not_expired") == []
    assert run("1101", "id_not_expired", applicant_id_expiry="长期") == []
    assert run("1101", "id_not_expired", applicant_id_expiry="2026-11-27") == []


def test_a_card_expired_yesterday_blocks_with_its_date():
    found = run("1101", "id_not_expired", applicant_id_expiry="2026-11-26")
    assert codes(found) == ["id_not_expired.expired"]
    assert found[0].severity == Severity.BLOCK
    assert found[0].message.params["expiry"] == "2026-11-26"
    assert "2026-11-26" in ZH(found[0].message)


def test_an_agents_expired_card_blocks_too():
    found = run("2001", "id_not_expired", by_agent=True, agent_id_expiry="2020-01-01")
    assert codes(found) == ["id_not_expired.expired"]
    assert "代办人证件有效期至" in ZH(found[0].message)


def test_an_outdated_record_with_a_valid_card_is_only_information():
    holder = replace(PEOPLE["张三"], id_expiry=date(2026, 1, 1))
    found = run("2001", "id_not_expired", policy=policy(holder=holder))
    assert codes(found) == ["id_not_expired.record_outdated"]
    assert found[0].severity == Severity.INFO
    assert found[0].message.params == {"name": "张三", "recorded": "2026-01-01"}


def test_an_outdated_record_of_someone_else_says_nothing():
    """李四 pays 张三's premium: 张三's record is not the card shown."""
    holder = replace(PEOPLE["张三"], id_expiry=date(2026, 1, 1))
    found = run(
        "1101",
        "id_not_expired",
        policy=policy(holder=holder),
        applicant_name="李四",
        applicant_id="310115197512030022",
    )
    assert found == []


# -- applicant_allowed --------------------------------------------------------


def test_the_policyholder_in_person_is_allowed():
    assert run("3101", "applicant_allowed") == []


def test_someone_else_cannot_surrender_the_policy():
    found = run(
        "3101", "applicant_allowed", applicant_name="李四", applicant_id="310115197512030022"
    )
    assert codes(found) == ["applicant_allowed.not_the_person"]
    assert found[0].severity == Severity.BLOCK
    assert "投保人" in ZH(found[0].message)


def test_the_right_id_with_another_name_is_a_name_mismatch():
    found = run("3101", "applicant_allowed", applicant_name="张山")
    assert codes(found) == ["applicant_allowed.name_mismatch"]
    assert found[0].message.params["expected"] == "张三"


def test_anyone_may_pay_a_renewal_premium():
    found = run(
        "1101", "applicant_allowed", applicant_name="李四", applicant_id="310115197512030022"
    )
    assert found == []


def test_an_agent_where_none_is_allowed_blocks():
    found = run("3201", "applicant_allowed", by_agent=True)
    assert codes(found) == ["applicant_allowed.no_agent"]
    assert run("3101", "applicant_allowed", by_agent=True) == []


def test_the_agent_cannot_be_the_applicant():
    found = run("3101", "applicant_allowed", by_agent=True, agent_id=ZHANG_SAN_ID)
    assert codes(found) == ["applicant_allowed.agent_is_applicant"]
    assert run("3101", "applicant_allowed", values={"agent_id": ZHANG_SAN_ID}) == []  # no agent


def test_without_a_policy_there_is_nothing_to_compare():
    found = run("1001", "applicant_allowed")
    assert codes(found) == ["applicant_allowed.no_policy"]
    assert found[0].severity == Severity.INFO


def test_the_insured_collects_a_maturity_benefit_not_the_holder():
    p = policy("P2016000006", "张三", "周八", status="matured")
    assert run("3301", "applicant_allowed", policy=p) == []
    found = run(
        "3301", "applicant_allowed", policy=p, applicant_name="张三", applicant_id=ZHANG_SAN_ID
    )
    assert codes(found) == ["applicant_allowed.not_the_person"]
    assert "被保险人" in ZH(found[0].message)


def test_a_claim_by_a_beneficiary_matches_any_beneficiary():
    p = policy("P2022000010", "张三", beneficiaries=(("李四", "310115197512030022"),))
    mine = dict(applicant_role="beneficiary", applicant_name="李四")
    assert (
        run("4001", "applicant_allowed", policy=p, applicant_id="310115197512030022", **mine) == []
    )
    found = run("4001", "applicant_allowed", policy=p, applicant_id=ZHANG_SAN_ID, **mine)
    assert codes(found) == ["applicant_allowed.not_the_person"]
    assert "受益人" in ZH(found[0].message)


def test_a_claim_with_no_named_beneficiary_asks_for_proof_of_inheritance():
    p = policy("P2022000010", "张三", beneficiaries=())
    found = run("4001", "applicant_allowed", policy=p, applicant_role="beneficiary")
    assert codes(found) == ["applicant_allowed.statutory_heir"]
    assert found[0].severity == Severity.WARN


# -- documents_complete -------------------------------------------------------


def test_all_required_documents_ticked_pass():
    assert run("3101", "documents_complete") == []
    assert run("1101", "documents_complete", ticked=frozenset({"payer_id_card"})) == []


def test_missing_documents_are_named_in_both_languages():
    ticked = frozenset({"surrender_form", "holder_id_card", "payee_bank_card"})
    found = run("3101", "documents_complete", ticked=ticked)
    assert codes(found) == ["documents_complete.missing"]
    assert found[0].severity == Severity.BLOCK
    assert "保险合同原件" in ZH(found[0].message)
    assert "Original policy contract" in EN(found[0].message)


def test_an_agent_brings_more_documents():
    in_person = frozenset(
        {"surrender_form", "policy_contract", "holder_id_card", "payee_bank_card"}
    )
    found = run("3101", "documents_complete", by_agent=True, ticked=in_person)
    names = found[0].message.params["names"].params
    assert names["zh"] == "经公证的授权委托书、代办人身份证原件"
    assert names["en"] == "Notarised power of attorney, Agent's original ID card"
