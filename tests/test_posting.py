"""Posting through the services: review, approval, exactly-once, serials, journal."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.ledger_support import contact_change, on_shift, renewal_in_cash, surrender
from workstation.db.ledger import CashMovement, Override, Posting
from workstation.services.auth import AccountLocked, AuthError
from workstation.services.overrides import Ask
from workstation.services.posting import PostingRefused

pytestmark = pytest.mark.db


def _ask(station, sub, level: int) -> Ask:
    return Ask("posting", sub.idempotency_key, sub.digest(station.clock.now().date()), level, {})


def test_review_of_the_surrender_asks_for_level_1_and_due_diligence(station):
    teller = on_shift(station, "T001")
    _, assessment = station.postings.review(surrender(station), teller)
    codes = {f.code: f for f in assessment.findings}
    assert assessment.level_needed == 1
    assert "amount_authority.level1" in codes
    assert "aml_payout.due_diligence" in codes
    assert not assessment.blocked


def test_posting_needs_the_approval_and_the_acknowledgement(station):
    teller = on_shift(station, "T001")
    sub = surrender(station)
    with pytest.raises(PostingRefused) as refused:
        station.postings.post(sub, teller, frozenset({"aml_payout.due_diligence"}))
    assert refused.value.msg.key == "posting.needs_approval"
    station.overrides.approve_local(
        teller, _ask(station, sub, 1), "S001", "demo1234", "identity_verified"
    )
    with pytest.raises(PostingRefused) as refused:
        station.postings.post(sub, teller)
    assert refused.value.msg.key == "posting.unacknowledged"
    result = station.postings.post(sub, teller, frozenset({"aml_payout.due_diligence"}))
    assert result.serial == "SH01-20261127-01-00001"
    assert result.approvers == ("S001",)
    with station.db.read() as s:
        override = s.scalar(select(Override))
        assert override.posting_id is not None and override.mode == "local"


def test_confirming_twice_posts_once_and_returns_the_first_result(station):
    teller = on_shift(station, "T001")
    sub = renewal_in_cash(station)
    first = station.postings.post(sub, teller)
    again = station.postings.post(sub, teller)
    assert again.serial == first.serial and again.repeated and not first.repeated
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Posting)) == 1
        assert s.scalar(select(func.sum(CashMovement.amount_fen))) == 1_200_000


def test_a_changed_form_cannot_reuse_an_approval(station):
    teller = on_shift(station, "T001")
    sub = surrender(station)
    station.overrides.approve_local(
        teller, _ask(station, sub, 1), "S001", "demo1234", "identity_verified"
    )
    changed = surrender(station, key=sub.idempotency_key, reason="no_longer_needed")
    with pytest.raises(PostingRefused) as refused:
        station.postings.post(changed, teller, frozenset({"aml_payout.due_diligence"}))
    assert refused.value.msg.key == "posting.needs_approval"


def test_serials_are_gapless_per_counter_and_day(station):
    teller = on_shift(station, "T001")
    serials = [station.postings.post(contact_change(station), teller).serial for _ in range(2)]
    # a refused posting in between takes no number
    with pytest.raises(PostingRefused):
        station.postings.post(contact_change(station, policy_no="P2021000004"), teller)
    serials.append(station.postings.post(contact_change(station), teller).serial)
    assert [s[-5:] for s in serials] == ["00001", "00002", "00003"]


def test_a_blocked_posting_is_journaled_and_writes_nothing(station):
    teller = on_shift(station, "T001")
    with pytest.raises(PostingRefused) as refused:
        station.postings.post(surrender(station, policy_no="P2021000004"), teller)
    assert refused.value.msg.key == "posting.blocked"
    assert "policy_status.not_allowed" in refused.value.msg.params["codes"]
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Posting)) == 0
    assert station.journal.verify(station.db).ok


@pytest.mark.parametrize(
    ("approver", "password", "key"),
    [
        ("T001", "demo1234", "override.self_approval"),
        ("T002", "demo1234", "override.not_supervisor"),
        ("S001", "nope", "auth.wrong_password"),
    ],
)
def test_refused_approvals(station, approver, password, key):
    teller = on_shift(station, "T001")
    sub = surrender(station)
    with pytest.raises(AuthError) as refused:
        station.overrides.approve_local(
            teller, _ask(station, sub, 1), approver, password, "other", "x"
        )
    assert refused.value.msg.key == key


def test_a_level_1_supervisor_cannot_approve_level_2(station):
    teller = on_shift(station, "T001")
    sub = surrender(station)
    with pytest.raises(AuthError) as refused:
        station.overrides.approve_local(
            teller, _ask(station, sub, 2), "S001", "demo1234", "exception"
        )
    assert refused.value.msg.key == "override.level_too_low"
    approval = station.overrides.approve_local(
        teller, _ask(station, sub, 2), "M001", "demo1234", "exception"
    )
    assert approval.level == 2


def test_three_wrong_passwords_lock_the_supervisor(station):
    teller = on_shift(station, "T001")
    ask = _ask(station, surrender(station), 1)
    for _ in range(2):
        with pytest.raises(AuthError):
            station.overrides.approve_local(teller, ask, "S001", "wrong", "identity_verified")
    with pytest.raises(AccountLocked):
        station.overrides.approve_local(teller, ask, "S001", "wrong", "identity_verified")
    with pytest.raises(AccountLocked):  # locked: even the right password is refused now
        station.overrides.approve_local(teller, ask, "S001", "demo1234", "identity_verified")


def test_remote_request_approved_from_another_workstation(station):
    teller = on_shift(station, "T001")
    supervisor = station.auth.sign_in("S001", "demo1234")
    sub = surrender(station)
    request_id = station.overrides.request(teller, _ask(station, sub, 1), "01")
    assert [r.id for r in station.overrides.pending()] == [request_id]
    with pytest.raises(AuthError):
        station.overrides.decide(teller, request_id, True, "demo1234", "identity_verified")
    station.overrides.decide(supervisor, request_id, True, "demo1234", "identity_verified")
    assert station.overrides.status(request_id).status == "approved"
    assert station.overrides.pending() == []
    result = station.postings.post(sub, teller, frozenset({"aml_payout.due_diligence"}))
    assert result.approvers == ("S001",)


def test_a_rejected_or_cancelled_request_approves_nothing(station):
    teller = on_shift(station, "T001")
    supervisor = station.auth.sign_in("S001", "demo1234")
    sub = surrender(station)
    first = station.overrides.request(teller, _ask(station, sub, 1), "01")
    station.overrides.decide(supervisor, first, False, "demo1234", "identity_doubt")
    second = station.overrides.request(teller, _ask(station, sub, 1), "01")
    station.overrides.cancel(teller, second)
    assert station.overrides.status(second).status == "cancelled"
    with pytest.raises(PostingRefused):
        station.postings.post(sub, teller, frozenset({"aml_payout.due_diligence"}))


def test_a_lost_answer_after_the_commit_is_retried_to_the_same_serial(station, monkeypatch):
    """The commit happened but the teller never saw the result (crash, lost connection)."""
    from contextlib import contextmanager

    teller = on_shift(station, "T001")
    sub = renewal_in_cash(station)
    write = station.db.write
    crashed = []

    @contextmanager
    def commit_then_crash():
        with write() as s:
            yield s
        if not crashed:
            crashed.append(True)
            raise ConnectionResetError("the answer never reached the screen")

    monkeypatch.setattr(station.db, "write", commit_then_crash)
    with pytest.raises(ConnectionResetError):
        station.postings.post(sub, teller)
    monkeypatch.setattr(station.db, "write", write)
    retry = station.postings.post(sub, teller)
    assert retry.repeated and retry.serial == "SH01-20261127-01-00001"
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Posting)) == 1
