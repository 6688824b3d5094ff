"""The day's figures for the printouts: vault slips, handover records, each teller's
reconciliation (日终轧账表) and the branch summary, from one scripted business date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal as D

import pytest

from tests.ledger_support import (
    benefit_in_cash,
    contact_change,
    loan_repayment_in_cash,
    on_shift,
    post_acknowledged,
    renewal_in_cash,
    reverse_approved,
)
from workstation.domain.cash import Count
from workstation.services.receipt_data import Bilingual
from workstation.services.report_data import Person

pytestmark = pytest.mark.db

PW = "demo1234"
ZERO = D("0.00")
DAY = date(2026, 11, 27)
ZHANG, LI, WANG = Person("张敏", "T001"), Person("李娜", "T002"), Person("王强", "S001")
HANDED_OVER = Count.of(y100=590)
TAKEN_OVER = Count.of(y100=589, y50=1, y20=2, y5=1, y1=4)
"""¥58,999.00: 李娜 counts ¥1.00 less than 张敏 handed over; 王强 signs it."""
CLOSING = Count.of(y100=85, y50=1, y20=2, y5=1, y1=3, y0_5=1, y0_1=4)
"""¥8,598.90: ¥0.10 short of the ¥8,599.00 expected."""


def serial(n: int) -> str:
    return f"SH01-20261127-01-{n:05d}"


@dataclass
class Day:
    drawn: int
    handed: int
    handover: int


def _scripted_day(station, station2) -> Day:
    """张敏 (T001) opens empty, draws ¥50,000, takes ¥12,000 (handed ¥12,050), pays out
    ¥3,000, changes contact details, takes ¥500 and reverses it, and hands the box over
    to 李娜 (T002), who takes ¥9,600, sends ¥60,000 to the vault and closes ¥0.10 short;
    王强 (S001) signs both differences and closes the branch."""
    clock = station.clock
    zhang = on_shift(station, "T001")
    clock.advance(minutes=5)
    _, drawn = station.till.vault_transfer(zhang, "from_vault", Count.of(y100=500), "S001", PW)
    post_acknowledged(station, renewal_in_cash(station), zhang, tendered=D("12050"))
    station.postings.post(benefit_in_cash(station), zhang)
    station.postings.post(contact_change(station), zhang)
    mistaken = station.postings.post(loan_repayment_in_cash(station, "500.00"), zhang)
    reverse_approved(station, zhang, mistaken.serial, "客户改用银行卡还款")
    clock.advance(hours=3)
    li, handover = station.closing.handover(
        zhang, HANDED_OVER, ["业务印章一枚"], "T002", PW, TAKEN_OVER, "S001", PW
    )
    clock.advance(minutes=30)
    nine_thousand_six = renewal_in_cash(station, policy_no="P2024000007", amount="9,600.00")
    station.postings.post(nine_thousand_six, li)
    _, handed = station.till.vault_transfer(li, "to_vault", Count.of(y100=600), "S001", PW)
    clock.advance(hours=4)
    station.closing.close(li, CLOSING, "S001", PW, "点钞失误")
    clock.advance(minutes=30)
    supervisor = station2.auth.sign_in("S001", PW)
    station2.closing.close_branch(supervisor, PW)
    return Day(drawn, handed, handover.id)


def _figures(report) -> dict[str, D | None]:
    names = ["opening", "cash_in", "cash_out", "vault_in", "vault_out", "expected"]
    return {name: getattr(report, name) for name in [*names, "counted", "variance"]}


def _lines(businesses) -> list[tuple]:
    return [(b.code, b.count, b.cash_in, b.cash_out, b.other_in, b.other_out) for b in businesses]


def test_the_outgoing_tellers_reconciliation(station, station2):
    _scripted_day(station, station2)
    zhang = station.reports.teller_day("T001", DAY)
    assert zhang.teller == ZHANG and zhang.business_date == "2026-11-27"
    assert _lines(zhang.businesses) == [
        ("1101", 1, D("12000.00"), ZERO, ZERO, ZERO),
        ("2001", 1, ZERO, ZERO, ZERO, ZERO),
        ("3301", 1, ZERO, D("3000.00"), ZERO, ZERO),
    ]
    figures = _figures(zhang)
    del figures["counted"], figures["variance"]  # see the handed-over test below
    assert figures == {
        "opening": ZERO,
        "cash_in": D("12500.00"),
        "cash_out": D("3500.00"),
        "vault_in": D("50000.00"),
        "vault_out": ZERO,
        "expected": D("59000.00"),
    }
    (reversal,) = zhang.reversals
    assert (reversal.serial, reversal.original, reversal.amount) == (
        serial(5),
        serial(4),
        D("500.00"),
    )
    assert (reversal.business.zh, reversal.reason, reversal.teller_id) == (
        "保单还款",
        "客户改用银行卡还款",
        "T001",
    )
    (approval,) = zhang.approvals
    assert (approval.serial, approval.approver, approval.level, approval.mode.zh) == (
        serial(5),
        WANG,
        1,
        "本地",
    )
    (transfer,) = zhang.transfers
    assert (transfer.direction.zh, transfer.amount, transfer.officer) == ("请领", D("50000"), WANG)
    (handover,) = zhang.handovers
    assert (handover.outgoing, handover.incoming, handover.amount, handover.difference) == (
        ZHANG,
        LI,
        D("59000.00"),
        D("-1.00"),
    )
    assert zhang.reprints == ()


def test_the_incoming_tellers_reconciliation_to_the_fen(station, station2):
    _scripted_day(station, station2)
    li = station.reports.teller_day("T002", DAY)
    assert _lines(li.businesses) == [("1101", 1, D("9600.00"), ZERO, ZERO, ZERO)]
    assert _figures(li) == {
        "opening": D("58999.00"),
        "cash_in": D("9600.00"),
        "cash_out": ZERO,
        "vault_in": ZERO,
        "vault_out": D("60000.00"),
        "expected": D("8599.00"),
        "counted": D("8598.90"),
        "variance": D("-0.10"),
    }
    assert (li.variance_reason, li.signed_off_by, li.closing_count) == ("点钞失误", WANG, CLOSING)
    assert li.reversals == () and li.approvals == ()
    assert [(t.direction.en, t.amount) for t in li.transfers] == [("To the vault", D("60000"))]
    assert [(h.outgoing, h.incoming, h.difference) for h in li.handovers] == [
        (ZHANG, LI, D("-1.00"))
    ]


def test_the_branch_summary_totals_per_teller_and_lists_the_differences(station, station2):
    _scripted_day(station, station2)
    branch = station.reports.branch_day(DAY)
    assert branch.closed_by == WANG and branch.closed_at is not None
    assert branch.header.counter is None
    totals = [
        (t.teller, t.postings, t.cash_in, t.cash_out, t.other_in, t.other_out, t.variance)
        for t in branch.tellers
    ]
    assert totals == [
        (ZHANG, 3, D("12000.00"), D("3000.00"), ZERO, ZERO, ZERO),
        (LI, 1, D("9600.00"), ZERO, ZERO, ZERO, D("-0.10")),
    ]
    assert _lines(branch.businesses) == [
        ("1101", 2, D("21600.00"), ZERO, ZERO, ZERO),
        ("2001", 1, ZERO, ZERO, ZERO, ZERO),
        ("3301", 1, ZERO, D("3000.00"), ZERO, ZERO),
    ]
    assert branch.large_cash == ()
    variances = [
        (v.kind.en, v.teller, v.counter, v.amount, v.reason, v.approved_by)
        for v in branch.variances
    ]
    assert variances == [
        ("Handover difference", LI, "01", D("-1.00"), None, WANG),
        ("Over/short at close", LI, "01", D("-0.10"), "点钞失误", WANG),
    ]


def test_the_vault_slip_and_the_handover_record(station, station2):
    day = _scripted_day(station, station2)
    slip = station.reports.vault_slip(day.handed)
    assert (slip.direction, slip.count, slip.teller, slip.officer) == (
        Bilingual("上缴", "To the vault"),
        Count.of(y100=600),
        LI,
        WANG,
    )
    assert slip.business_date == "2026-11-27" and slip.print_no == 1
    drawn = station.reports.vault_slip(day.drawn)
    assert (drawn.direction.zh, drawn.count.total, drawn.teller) == ("请领", D("50000"), ZHANG)
    record = station.reports.handover(day.handover)
    assert (record.outgoing, record.incoming, record.approved_by) == (ZHANG, LI, WANG)
    assert (record.outgoing_count, record.incoming_count) == (HANDED_OVER, TAKEN_OVER)
    assert (record.expected, record.difference, record.outgoing_variance) == (
        D("59000.00"),
        D("-1.00"),
        ZERO,
    )
    assert record.items == ("业务印章一枚",)


def test_a_teller_who_handed_over_short_sees_the_count_and_the_shortfall(station):
    """The handover shortfall is 张敏's: the branch summary says so, and so must hers."""
    zhang = on_shift(station, "T001")
    station.till.vault_transfer(zhang, "from_vault", Count.of(y100=100), "S001", PW)
    station.postings.post(contact_change(station), zhang)
    short = Count.of(y100=99, y50=1, y20=2, y5=1, y1=4, y0_5=1, y0_1=4)
    station.closing.handover(zhang, short, [], "T002", PW, short, "S001", PW)
    branch = station.reports.branch_day(DAY)
    assert [(t.teller, t.variance) for t in branch.tellers] == [
        (ZHANG, D("-0.10")),
        (LI, ZERO),  # holds the box now, nothing posted yet
    ]
    mine = station.reports.teller_day("T001", DAY)
    assert mine.variance == D("-0.10")
    assert mine.counted == D("9999.90") and mine.expected == D("10000.00")
    assert mine.status == "handed_over"
    from io import BytesIO

    from pypdf import PdfReader

    from printing.eod import render_teller_reconciliation
    from printing.fonts import choose_font

    pdf = render_teller_reconciliation(mine, choose_font(None))
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "已交班" in text and "已日终" not in text


def test_a_teller_without_postings_still_appears_in_the_branch_totals(station, station2):
    """李娜 only draws cash and closes ¥0.10 short: her shortfall belongs in the totals."""
    zhang, li = on_shift(station, "T001"), on_shift(station2, "T002")
    station.postings.post(contact_change(station), zhang)
    station.closing.close(zhang, Count())
    station2.till.vault_transfer(li, "from_vault", Count.of(y100=1), "S001", PW)
    ten_fen_short = Count.of(y50=1, y20=2, y5=1, y1=4, y0_5=1, y0_1=4)
    station2.closing.close(li, ten_fen_short, "S001", PW, "点错")
    branch = station.reports.branch_day(DAY)
    assert [(t.teller, t.postings, t.variance) for t in branch.tellers] == [
        (ZHANG, 1, ZERO),
        (LI, 0, D("-0.10")),
    ]
