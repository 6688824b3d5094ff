"""A counter's cash box: opening it, the vault, cash in and out, the limit, the summary."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from tests.conftest import FAST
from tests.ledger_support import (
    benefit_in_cash,
    contact_change,
    journal_payloads,
    loan_repayment_in_cash,
    on_shift,
    post_acknowledged,
    renewal_in_cash,
    reverse_approved,
)
from workstation.config import RiskSection
from workstation.db.ledger import CashMovement, Posting
from workstation.db.tills import Shift, VaultTransfer
from workstation.domain.cash import Count
from workstation.domain.errors import WorkstationError
from workstation.services.auth import AuthError
from workstation.services.posting import PostingRefused
from workstation.services.tills import TillRefused
from workstation.station import open_station

pytestmark = pytest.mark.db

PW = "demo1234"


@pytest.fixture
def limited(config, secrets, clock):
    """Counter 01 with a till limit (尾箱限额) of ¥20,000."""
    small = config.model_copy(update={"risk": RiskSection(till_limit=D("20000"))})
    station = open_station(small, secrets, clock, FAST)
    yield station
    station.close()


def _from_vault(station, who, count, officer="S001"):
    view, _transfer = station.till.vault_transfer(who, "from_vault", count, officer, PW)
    return view


def _box(station, who) -> D:
    return station.till.current(who).expected


def _shifts(station) -> int:
    with station.db.read() as s:
        return s.scalar(select(func.count()).select_from(Shift))


def test_the_first_shift_opens_with_an_empty_box_and_no_supervisor(station):
    teller = station.auth.sign_in("T001", PW)
    assert station.till.summary(teller).last_close is None
    view = station.till.open(teller, Count())
    assert (view.teller_id, view.counter, view.status) == ("T001", "01", "open")
    assert view.expected == D("0.00") and view.opening == Count()
    assert journal_payloads(station, "shift_opened") == [
        {
            "shift": view.id,
            "opening": "0.00",
            "difference": "0.00",
            "approved_by": None,
            "reason": None,
        }
    ]


def test_a_box_unlike_its_last_close_needs_a_supervisor(station):
    teller = on_shift(station, "T001")
    _from_vault(station, teller, Count.of(y100=10))
    station.closing.close(teller, Count.of(y100=10))
    station.clock.advance(days=1)
    teller = station.auth.sign_in("T001", PW)
    assert station.till.summary(teller).last_close == Count.of(y100=10)
    one_short = Count.of(y100=9, y50=1, y20=2, y5=2)  # ¥1,000 in other notes is another box

    with pytest.raises(TillRefused) as refused:
        station.till.open(teller, one_short)
    assert refused.value.msg.key == "till.needs_supervisor"
    with pytest.raises(TillRefused) as refused:  # a supervisor does not stand in for a reason
        station.till.open(teller, one_short, "S001", PW, "  ")
    assert refused.value.msg.key == "till.opening_reason_needed"
    why = "换了一把零钞"
    with pytest.raises(AuthError) as wrong:
        station.till.open(teller, one_short, "S001", "not-the-password", why)
    assert wrong.value.msg.key == "auth.wrong_password"
    assert station.till.current(teller) is None

    view = station.till.open(teller, one_short, "S001", PW, why)
    assert view.expected == D("1000.00") and view.opening == one_short
    opened = journal_payloads(station, "shift_opened")[-1]
    assert (opened["approved_by"], opened["reason"]) == ("S001", why)
    with station.db.read() as s:
        assert s.get(Shift, view.id).opening_reason == why


def test_a_box_opened_as_it_was_last_closed_needs_no_supervisor(station):
    teller = on_shift(station, "T001")
    _from_vault(station, teller, Count.of(y100=10, y0_1=3))
    station.closing.close(teller, Count.of(y100=10, y0_1=3))
    station.clock.advance(days=1)
    teller = station.auth.sign_in("T001", PW)
    view = station.till.open(teller, Count.of(y100=10, y0_1=3))
    assert view.expected == D("1000.30")
    assert journal_payloads(station, "shift_opened")[-1]["difference"] == "0.00"


def test_a_counter_holds_one_box_and_a_teller_one_counter(station, station2):
    on_shift(station, "T001")
    colleague = station.auth.sign_in("T002", PW)
    with pytest.raises(TillRefused) as busy:
        station.till.open(colleague, Count())
    assert busy.value.msg.key == "till.counter_busy"
    assert busy.value.msg.params["teller"] == "T001"

    same_teller_elsewhere = station2.auth.sign_in("T001", PW)
    with pytest.raises(TillRefused) as elsewhere:
        station2.till.open(same_teller_elsewhere, Count())
    assert elsewhere.value.msg.key == "till.open_elsewhere"
    assert elsewhere.value.msg.params["counter"] == "01"
    assert _shifts(station) == 1


def test_vault_transfers_move_the_box_both_ways(station):
    teller = on_shift(station, "T001")
    view, drawn = station.till.vault_transfer(teller, "from_vault", Count.of(y100=500), "S001", PW)
    assert view.expected == D("50000.00")
    view, handed = station.till.vault_transfer(teller, "to_vault", Count.of(y100=200), "S001", PW)
    assert view.expected == D("30000.00")
    with station.db.read() as s:
        rows = s.scalars(select(VaultTransfer).order_by(VaultTransfer.id)).all()
        moves = s.execute(select(CashMovement.kind, CashMovement.amount_fen)).all()
    assert [(t.id, t.direction, t.amount_fen, t.officer_id) for t in rows] == [
        (drawn, "from_vault", 5_000_000, "S001"),
        (handed, "to_vault", 2_000_000, "S001"),
    ]
    assert sorted(moves) == [("vault_in", 5_000_000), ("vault_out", -2_000_000)]
    assert [p["direction"] for p in journal_payloads(station, "vault_transfer")] == [
        "from_vault",
        "to_vault",
    ]


def test_the_box_cannot_send_the_vault_more_than_it_holds(station):
    teller = on_shift(station, "T001")
    _from_vault(station, teller, Count.of(y100=10))
    with pytest.raises(TillRefused) as refused:
        station.till.vault_transfer(teller, "to_vault", Count.of(y100=10, y0_1=1), "S001", PW)
    assert refused.value.msg.key == "till.not_enough"
    assert refused.value.msg.params["expected"] == "1000.00"
    assert _box(station, teller) == D("1000.00")


def test_the_vault_officer_is_a_supervisor_and_not_the_teller(station, station2):
    teller = on_shift(station, "T001")
    with pytest.raises(TillRefused) as nobody:
        station.till.vault_transfer(teller, "from_vault", Count.of(y100=1), "", "")
    assert nobody.value.msg.key == "till.needs_supervisor"
    with pytest.raises(AuthError) as a_teller:
        _from_vault(station, teller, Count.of(y100=1), officer="T002")
    assert a_teller.value.msg.key == "override.not_supervisor"

    supervisor = on_shift(station2, "S001")  # a supervisor working a counter
    with pytest.raises(AuthError) as themself:
        _from_vault(station2, supervisor, Count.of(y100=1), officer="S001")
    assert themself.value.msg.key == "override.self_approval"
    assert _box(station2, supervisor) == D("0.00")
    assert _from_vault(station2, supervisor, Count.of(y100=1), officer="M001").expected == D(
        "100.00"
    )
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(VaultTransfer)) == 1


def test_nothing_is_posted_without_an_open_shift(station):
    teller = station.auth.sign_in("T001", PW)
    with pytest.raises(PostingRefused) as refused:
        station.postings.post(contact_change(station), teller)
    assert refused.value.msg.key == "posting.no_shift"
    station.till.open(teller, Count())
    assert station.postings.post(contact_change(station), teller).serial.endswith("-00001")


def test_cash_over_the_amount_records_the_change_and_only_the_amount_enters_the_box(station):
    teller = on_shift(station, "T001")
    posted = post_acknowledged(station, renewal_in_cash(station), teller, tendered=D("12050"))
    assert (posted.amount, posted.tendered, posted.change) == (
        D("12000.00"),
        D("12050.00"),
        D("50.00"),
    )
    with station.db.read() as s:
        row = s.scalar(select(Posting))
        assert (row.tendered_fen, row.change_fen) == (1_205_000, 5_000)
    assert _box(station, teller) == D("12000.00")


def test_cash_short_of_the_amount_or_change_on_a_payout_is_refused(station):
    teller = on_shift(station, "T001")
    with pytest.raises(WorkstationError) as short:
        post_acknowledged(station, renewal_in_cash(station), teller, tendered=D("11999.90"))
    assert short.value.msg.key == "invalid.cash.received_short"
    _from_vault(station, teller, Count.of(y100=30))
    with pytest.raises(PostingRefused) as payout:
        post_acknowledged(station, benefit_in_cash(station), teller, tendered=D("3000"))
    assert payout.value.msg.key == "posting.tender_not_cash_in"
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Posting)) == 0
    assert _box(station, teller) == D("3000.00")


def test_a_payout_larger_than_the_box_is_blocked_until_cash_comes_from_the_vault(station):
    teller = on_shift(station, "T001")
    _from_vault(station, teller, Count.of(y100=29, y50=1, y20=2, y5=1, y1=4, y0_5=1, y0_1=4))
    assert _box(station, teller) == D("2999.90")
    _, assessment = station.postings.review(benefit_in_cash(station), teller)
    assert assessment.blocked
    assert [f.code for f in assessment.findings] == ["cash_on_hand.short"]
    with pytest.raises(PostingRefused) as blocked:
        station.postings.post(benefit_in_cash(station), teller)
    assert blocked.value.msg.key == "posting.blocked"
    assert "cash_on_hand.short" in blocked.value.msg.params["codes"]
    assert journal_payloads(station, "posting_blocked")[-1]["findings"] == ["cash_on_hand.short"]

    _from_vault(station, teller, Count.of(y0_1=1))
    paid = station.postings.post(benefit_in_cash(station), teller)
    assert paid.amount == D("3000.00") and paid.direction == "out"
    assert _box(station, teller) == D("0.00")


def test_a_box_over_its_limit_warns_and_the_summary_says_so(limited):
    teller = on_shift(limited, "T001")
    _from_vault(limited, teller, Count.of(y100=150))
    assert not limited.till.summary(teller).over_limit
    _, assessment = limited.postings.review(renewal_in_cash(limited), teller)
    assert [f.code for f in assessment.warnings] == ["till_limit.over"]
    sub = renewal_in_cash(limited)
    with pytest.raises(PostingRefused) as unread:
        limited.postings.post(sub, teller)
    assert unread.value.msg.key == "posting.unacknowledged"

    post_acknowledged(limited, sub, teller)
    summary = limited.till.summary(teller)
    assert summary.limit == D("20000")
    assert summary.shift.expected == D("27000.00") and summary.over_limit
    limited.till.vault_transfer(teller, "to_vault", Count.of(y100=70), "S001", PW)
    summary = limited.till.summary(teller)
    assert summary.shift.expected == D("20000.00") and not summary.over_limit


def test_the_summary_sums_what_moved_in_and_out(station):
    teller = on_shift(station, "T001")
    _from_vault(station, teller, Count.of(y100=500))
    post_acknowledged(station, renewal_in_cash(station), teller, tendered=D("12050"))
    paid = station.postings.post(benefit_in_cash(station), teller)
    reverse_approved(station, teller, paid.serial, "付错保单，退回现金")
    station.till.vault_transfer(teller, "to_vault", Count.of(y100=100), "S001", PW)

    summary = station.till.summary(teller)
    assert summary.moved == {
        "vault_in": D("50000.00"),
        "cash_in": D("15000.00"),
        "cash_out": D("3000.00"),
        "vault_out": D("10000.00"),
    }
    assert summary.shift.expected == D("52000.00")
    assert summary.business_date.isoformat() == "2026-11-27"
    assert summary.blockers == [] and station.till.readiness(teller) == []


def test_the_summary_before_opening_says_there_is_no_shift(station):
    teller = station.auth.sign_in("T001", PW)
    summary = station.till.summary(teller)
    assert summary.shift is None and summary.moved == {} and not summary.over_limit
    assert [b.key for b in summary.blockers] == ["till.no_shift"]


def test_cash_is_paid_to_the_jiao_never_to_the_fen(station):
    teller = on_shift(station)
    with pytest.raises(PostingRefused) as refused:
        post_acknowledged(station, loan_repayment_in_cash(station, "500.05"), teller)
    assert refused.value.msg.key == "posting.cash_below_jiao"
    with pytest.raises(PostingRefused) as tendered:
        post_acknowledged(station, renewal_in_cash(station), teller, D("12000.03"))
    assert tendered.value.msg.key == "posting.cash_below_jiao"
    assert station.till.current(teller).expected == D("0.00")


def test_a_cash_in_is_not_reversed_with_cash_the_box_no_longer_holds(station):
    teller = on_shift(station)
    paid = post_acknowledged(station, renewal_in_cash(station), teller)
    station.till.vault_transfer(teller, "to_vault", Count.of(y100=120), "S001", PW)
    with pytest.raises(PostingRefused) as refused:
        reverse_approved(station, teller, paid.serial)
    assert refused.value.msg.key == "reversal.not_enough_cash"
    assert refused.value.msg.params == {"amount": "12000.00", "on_hand": "0.00"}
    station.till.vault_transfer(teller, "from_vault", Count.of(y100=120), "S001", PW)
    reverse_approved(station, teller, paid.serial)
    assert station.till.current(teller).expected == D("0.00")
