"""The end of a box's shift: the teller's close (日终), the handover (交接班), the branch close."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from tests.conftest import FAST, make_config
from tests.ledger_support import (
    contact_change,
    journal_payloads,
    on_shift,
    post_acknowledged,
    renewal_in_cash,
    submission,
)
from workstation.config import TillSection
from workstation.db.ledger import BusinessDay, CashMovement, Posting
from workstation.db.tills import Handover, Shift
from workstation.domain.cash import Count
from workstation.services.auth import AuthError
from workstation.services.calendar import BusinessDateClosed
from workstation.services.overrides import Ask
from workstation.services.posting import PostingRefused
from workstation.services.tills import TillRefused
from workstation.station import open_station

pytestmark = pytest.mark.db

PW = "demo1234"
TEN_THOUSAND = Count.of(y100=100)
TEN_FEN_SHORT = Count.of(y100=99, y50=1, y20=2, y5=1, y1=4, y0_5=1, y0_1=4)
"""¥9,999.90."""


@pytest.fixture
def open_counter(config, secrets, clock):
    """Open another workstation on the same database: ``open_counter("03", tolerance=1)``."""
    opened = []

    def opener(counter: str, tolerance: str = "0"):
        cfg = make_config(config.database.url, counter=counter, folder=config.output.folder)
        cfg = cfg.model_copy(update={"till": TillSection(tolerance=D(tolerance))})
        opened.append(open_station(cfg, secrets, clock, FAST))
        return opened[-1]

    yield opener
    for station in opened:
        station.close()


def _with_box(station, staff_id: str, count: Count = TEN_THOUSAND):
    """On shift with ``count`` drawn from the vault."""
    who = on_shift(station, staff_id)
    station.till.vault_transfer(who, "from_vault", count, "S001", PW)
    return who


def _moves(station, kind: str) -> list[int]:
    with station.db.read() as s:
        return s.scalars(select(CashMovement.amount_fen).where(CashMovement.kind == kind)).all()


def _shift(station, shift_id: int) -> Shift:
    with station.db.read() as s:
        return s.get(Shift, shift_id)


# -- the teller's close --------------------------------------------------------------


def test_a_balanced_box_closes_without_a_supervisor(station):
    teller = _with_box(station, "T001")
    post_acknowledged(station, renewal_in_cash(station), teller, tendered=D("12050"))
    view = station.closing.close(teller, Count.of(y100=220))
    assert (view.status, view.expected, view.counted, view.variance) == (
        "closed",
        D("22000.00"),
        D("22000.00"),
        D("0.00"),
    )
    assert _moves(station, "variance") == []
    closed = journal_payloads(station, "shift_closed")[-1]
    assert (closed["variance"], closed["signed_off_by"], closed["reason"]) == ("0.00", None, None)
    assert station.till.summary(teller).last_close == Count.of(y100=220)


def test_a_box_ten_fen_short_needs_a_reason_and_a_supervisor(station):
    teller = _with_box(station, "T001")
    with pytest.raises(TillRefused) as no_reason:
        station.closing.close(teller, TEN_FEN_SHORT)
    assert no_reason.value.msg.key == "till.reason_needed"
    with pytest.raises(TillRefused) as no_supervisor:
        station.closing.close(teller, TEN_FEN_SHORT, reason="点钞失误")
    assert no_supervisor.value.msg.key == "till.needs_supervisor"
    with pytest.raises(AuthError):
        station.closing.close(teller, TEN_FEN_SHORT, "S001", "wrong", "点钞失误")
    assert station.till.current(teller).status == "open"

    view = station.closing.close(teller, TEN_FEN_SHORT, "S001", PW, "  点钞失误  ")
    assert (view.expected, view.counted, view.variance) == (
        D("10000.00"),
        D("9999.90"),
        D("-0.10"),
    )
    assert _moves(station, "variance") == [-10]
    shift = _shift(station, view.id)
    assert (shift.variance_reason, shift.signed_off_by) == ("点钞失误", "S001")


def test_an_over_box_is_recorded_as_over(station):
    teller = _with_box(station, "T001")
    view = station.closing.close(teller, Count.of(y100=100, y0_5=1), "S001", PW, "客户多付未退")
    assert view.variance == D("0.50")
    assert _moves(station, "variance") == [50]
    assert journal_payloads(station, "shift_closed")[-1]["variance"] == "0.50"


def test_within_the_tolerance_a_teller_closes_alone(open_counter):
    """With ``till.tolerance = 1``: up to ¥1.00 either way closes alone; beyond, it does not."""
    first, second = open_counter("01", tolerance="1"), open_counter("02", tolerance="1")
    t1, t2 = _with_box(first, "T001"), _with_box(second, "T002")
    fifty_fen_short = Count.of(y100=99, y50=1, y20=2, y5=1, y1=4, y0_5=1)
    assert first.closing.close(t1, fifty_fen_short).variance == D("-0.50")
    with pytest.raises(TillRefused) as beyond:
        second.closing.close(t2, Count.of(y100=100, y1=1, y0_1=1))
    assert beyond.value.msg.key == "till.reason_needed"
    assert second.closing.close(t2, Count.of(y100=100, y1=1)).variance == D("1.00")
    assert sorted(_moves(first, "variance")) == [-50, 100]


def test_after_the_close_nothing_is_posted_and_the_till_does_not_reopen_that_day(station):
    teller = _with_box(station, "T001")
    station.closing.close(teller, TEN_THOUSAND)
    with pytest.raises(PostingRefused) as no_shift:
        station.postings.post(contact_change(station), teller)
    assert no_shift.value.msg.key == "posting.no_shift"
    with pytest.raises(TillRefused) as again:
        station.till.open(teller, TEN_THOUSAND)
    assert again.value.msg.key == "till.closed_today"
    assert again.value.msg.params["date"] == "2026-11-27"
    with pytest.raises(TillRefused) as twice:
        station.closing.close(teller, TEN_THOUSAND)
    assert twice.value.msg.key == "till.not_ready"


def test_a_pending_approval_request_stops_the_close_until_it_is_settled(station):
    teller = _with_box(station, "T001")
    sub = renewal_in_cash(station, amount="25,000.00", policy_no="P2024000007")
    ask = Ask("posting", sub.idempotency_key, sub.digest(station.clock.now().date()), 1, {})
    request = station.overrides.request(teller, ask, "01")
    assert [m.key for m in station.till.readiness(teller)] == ["till.pending_requests"]
    with pytest.raises(TillRefused) as refused:
        station.closing.close(teller, TEN_THOUSAND)
    assert refused.value.msg.key == "till.not_ready"
    station.overrides.cancel(teller, request)
    assert station.closing.close(teller, TEN_THOUSAND).status == "closed"


# -- the handover --------------------------------------------------------------------


def test_a_handover_gives_the_box_and_what_follows_to_the_incoming_teller(station):
    outgoing = _with_box(station, "T001")
    before = post_acknowledged(station, renewal_in_cash(station), outgoing).serial
    box = Count.of(y100=220)
    incoming, view = station.closing.handover(
        outgoing, box, [" 业务印章一枚 ", ""], "t002", PW, box
    )
    assert incoming.staff.staff_id == "T002"
    assert (view.outgoing.status, view.incoming.status) == ("handed_over", "open")
    assert (view.expected_fen, view.difference_fen, view.approved_by) == (2_200_000, 0, None)
    assert station.till.current(outgoing) is None
    assert station.till.current(incoming).expected == D("22000.00")

    after = post_acknowledged(
        station, renewal_in_cash(station, policy_no="P2024000007", amount="9,600.00"), incoming
    ).serial
    with station.db.read() as s:
        tellers = dict(s.execute(select(Posting.serial, Posting.teller_id)).all())
        record = s.scalar(select(Handover))
    assert (tellers[before], tellers[after]) == ("T001", "T002")
    assert record.items == '["业务印章一枚"]'
    day = station.clock.now().date()
    assert [b.code for b in station.reports.teller_day("T001", day).businesses] == ["1101"]
    assert [b.cash_in for b in station.reports.teller_day("T002", day).businesses] == [D("9600.00")]
    assert station.till.current(incoming).expected == D("31600.00")


def test_a_handover_counted_differently_needs_a_supervisor(station):
    outgoing = _with_box(station, "T001")
    one_short = Count.of(y100=99, y50=1, y20=2, y5=1, y1=4)
    with pytest.raises(TillRefused) as refused:
        station.closing.handover(outgoing, TEN_THOUSAND, [], "T002", PW, one_short)
    assert refused.value.msg.key == "till.needs_supervisor"
    assert station.till.current(outgoing).status == "open"

    incoming, view = station.closing.handover(
        outgoing, TEN_THOUSAND, [], "T002", PW, one_short, "S001", PW
    )
    assert (view.difference_fen, view.approved_by) == (-100, "S001")
    assert view.outgoing.variance == D("0.00")
    assert view.incoming.opening == one_short
    assert station.till.current(incoming).expected == D("9999.00")


def test_an_outgoing_count_unlike_the_box_is_the_outgoing_tellers_variance(station):
    outgoing = _with_box(station, "T001")
    with pytest.raises(TillRefused) as refused:
        station.closing.handover(outgoing, TEN_FEN_SHORT, [], "T002", PW, TEN_FEN_SHORT)
    assert refused.value.msg.key == "till.needs_supervisor"

    incoming, view = station.closing.handover(
        outgoing, TEN_FEN_SHORT, [], "T002", PW, TEN_FEN_SHORT, "S001", PW
    )
    assert view.outgoing.variance == D("-0.10") and view.difference_fen == 0
    with station.db.read() as s:
        variance = s.execute(
            select(CashMovement.teller_id, CashMovement.shift_id, CashMovement.amount_fen).where(
                CashMovement.kind == "variance"
            )
        ).all()
    assert variance == [("T001", view.outgoing.id, -10)]
    assert station.till.current(incoming).expected == D("9999.90")


def test_a_wrong_incoming_password_changes_nothing(station):
    outgoing = _with_box(station, "T001")
    with pytest.raises(AuthError):
        station.closing.handover(outgoing, TEN_THOUSAND, [], "T002", "wrong", TEN_THOUSAND)
    assert station.till.current(outgoing).expected == D("10000.00")
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Handover)) == 0
        assert s.scalars(select(Shift.teller_id)).all() == ["T001"]
    assert journal_payloads(station, "sign_in_failed")[-1]["via"] == "handover"
    assert post_acknowledged(station, contact_change(station), outgoing).serial.endswith("-00001")


def test_the_box_goes_only_to_another_member_of_counter_staff(station):
    outgoing = _with_box(station, "T001")
    with pytest.raises(TillRefused) as same:
        station.closing.handover(outgoing, TEN_THOUSAND, [], "T001", PW, TEN_THOUSAND)
    assert same.value.msg.key == "till.same_teller"
    with pytest.raises(TillRefused) as admin:
        station.closing.handover(outgoing, TEN_THOUSAND, [], "A001", PW, TEN_THOUSAND)
    assert admin.value.msg.key == "till.not_counter_staff"
    assert station.till.current(outgoing).status == "open"


def test_the_box_is_not_handed_to_a_teller_who_holds_another_counters_box(station, station2):
    on_shift(station2, "T002")
    outgoing = _with_box(station, "T001")
    with pytest.raises(TillRefused) as refused:
        station.closing.handover(outgoing, TEN_THOUSAND, [], "T002", PW, TEN_THOUSAND)
    assert refused.value.msg.key == "till.incoming_open_elsewhere"
    assert refused.value.msg.params["counter"] == "02"
    with station.db.read() as s:
        assert s.scalar(select(func.count()).where(Shift.teller_id == "T002")) == 1


def test_the_box_is_not_handed_to_a_teller_who_closed_today(station, station2):
    done = on_shift(station2, "T002")
    station2.closing.close(done, Count())
    outgoing = _with_box(station, "T001")
    with pytest.raises(TillRefused) as refused:
        station.closing.handover(outgoing, TEN_THOUSAND, [], "T002", PW, TEN_THOUSAND)
    assert refused.value.msg.key == "till.incoming_closed_today"
    assert station.till.current(outgoing).status == "open"


# -- the branch close ----------------------------------------------------------------


def test_the_branch_closes_only_when_every_till_is_closed(station, station2, open_counter):
    back_office = open_counter("03")
    t1, t2 = _with_box(station, "T001"), _with_box(station2, "T002")
    supervisor = back_office.auth.sign_in("S001", PW)
    assert [(t.counter, t.teller_id, t.teller_name) for t in back_office.closing.open_tills()] == [
        ("01", "T001", "张敏"),
        ("02", "T002", "李娜"),
    ]
    with pytest.raises(TillRefused) as both_open:
        back_office.closing.close_branch(supervisor, PW)
    assert both_open.value.msg.key == "till.tills_open"
    assert set(both_open.value.msg.params["tills"].split("、")) == {"01/T001", "02/T002"}

    station.closing.close(t1, TEN_THOUSAND)
    with pytest.raises(TillRefused) as one_open:
        back_office.closing.close_branch(supervisor, PW)
    assert one_open.value.msg.params["tills"] == "02/T002"
    station2.closing.close(t2, TEN_THOUSAND)
    assert back_office.closing.open_tills() == []

    with pytest.raises(TillRefused) as a_teller:
        station.closing.close_branch(t1, PW)
    assert a_teller.value.msg.key == "till.branch_needs_supervisor"
    with pytest.raises(AuthError):
        back_office.closing.close_branch(supervisor, "wrong")
    assert back_office.closing.close_branch(supervisor, PW) == "2026-11-27"
    with station.db.read() as s:
        day = s.get(BusinessDay, ("SH01", station.clock.now().date()))
        assert day.closed_at is not None and day.closed_by == "S001"
    assert journal_payloads(station, "business_day_closed") == [{"date": "2026-11-27"}]


def test_after_the_branch_closes_nothing_more_happens_on_that_date(station, station2):
    teller = _with_box(station, "T001")
    station.closing.close(teller, TEN_THOUSAND)
    supervisor = station2.auth.sign_in("S001", PW)
    station2.closing.close_branch(supervisor, PW)

    with pytest.raises(BusinessDateClosed) as posting:
        station.postings.post(contact_change(station), teller)
    assert posting.value.msg.key == "calendar.closed"
    late = station2.auth.sign_in("T002", PW)
    with pytest.raises(BusinessDateClosed):
        station2.till.open(late, Count())

    station.clock.advance(days=3)  # Monday: the weekend after a close opens nothing (16.11)
    station2.till.open(late, Count())
    posted = station2.postings.post(submission(station2, "2001"), late)
    assert posted.serial == "SH01-20261130-02-00001"


def test_an_idle_day_or_a_closed_one_is_not_closed_again_and_says_which(station):
    supervisor = station.auth.sign_in("S001", PW)
    with pytest.raises(TillRefused) as idle:
        station.closing.close_branch(supervisor, PW)
    assert idle.value.msg.key == "till.day_not_open"
    teller = on_shift(station, "T001")
    station.closing.close(teller, Count())
    assert station.closing.close_branch(supervisor, PW) == "2026-11-27"
    with pytest.raises(TillRefused) as again:
        station.closing.close_branch(supervisor, PW)
    assert again.value.msg.key == "till.day_closed"
