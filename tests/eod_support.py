"""A scripted business date, built by hand, for the till and end-of-day printout tests.

张敏 (T001) opens with ¥2,000.00, takes ¥12,000.00 renewal premium in cash, pays
out a ¥500.00 policy loan in cash and a ¥86,400.00 surrender to a bank card,
draws ¥5,000.00 from the vault, hands ¥10,000.00 in, and counts ¥8,499.90 at
the close: ¥8,500.00 expected, ¥0.10 short, signed off by 王强 (S001).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

from tests.printing_support import HEADER, MASKED_ID
from workstation.domain.cash import Count
from workstation.services.receipt_data import Bilingual, BranchHeader
from workstation.services.report_data import (
    ApprovalSummary,
    BranchSummaryData,
    BusinessLine,
    HandoverData,
    LargeCashLine,
    Person,
    ReprintLine,
    ReversalLine,
    TellerReconciliationData,
    TellerTotal,
    TransferLine,
    VarianceLine,
    VaultSlipData,
)

ZERO = D("0.00")
DAY = "2026-11-27"
ZHANG, LI = Person("张敏", "T001"), Person("李娜", "T002")
WANG, CHEN = Person("王强", "S001"), Person("陈静", "V001")
FROM_VAULT = Bilingual("请领", "From the vault")
TO_VAULT = Bilingual("上缴", "To the vault")
RENEWAL = Bilingual("续期缴费", "Renewal premium")
SURRENDER = Bilingual("退保", "Surrender")
LOAN = Bilingual("保单借款", "Policy loan")
FIRST = Bilingual("新契约首期收费", "First premium for a new policy")
CONTACT = Bilingual("联系方式变更", "Change of contact details")
CLOSING = Count.of(y100=84, y50=1, y20=2, y1=9, y0_5=1, y0_1=4)
"""¥8,499.90."""


def serial(n: int, counter: str = "01") -> str:
    return f"SH01-20261127-{counter}-{n:05d}"


def business_lines() -> tuple[BusinessLine, ...]:
    return (
        BusinessLine("1101", RENEWAL, 1, D("12000.00"), ZERO, ZERO, ZERO),
        BusinessLine("2001", CONTACT, 2, ZERO, ZERO, ZERO, ZERO),
        BusinessLine("3101", SURRENDER, 1, ZERO, ZERO, ZERO, D("86400.00")),
        BusinessLine("3201", LOAN, 1, ZERO, D("500.00"), ZERO, ZERO),
    )


def teller_day(**changes: object) -> TellerReconciliationData:
    data = TellerReconciliationData(
        header=HEADER,
        business_date=DAY,
        teller=ZHANG,
        businesses=business_lines(),
        reversals=(ReversalLine(serial(6), serial(5), CONTACT, None, "客户电话录入错误", "T001"),),
        approvals=(
            ApprovalSummary(
                serial(3), SURRENDER, D("86400.00"), WANG, 1, Bilingual("本地", "local")
            ),
        ),
        reprints=(ReprintLine(serial(1), 2, "打印机卡纸 paper jam", "T001"),),
        transfers=(
            TransferLine(f"{DAY} 09:05:00", FROM_VAULT, D("5000.00"), CHEN),
            TransferLine(f"{DAY} 16:30:00", TO_VAULT, D("10000.00"), CHEN),
        ),
        handovers=(),
        opening=D("2000.00"),
        cash_in=D("12000.00"),
        cash_out=D("500.00"),
        vault_in=D("5000.00"),
        vault_out=D("10000.00"),
        expected=D("8500.00"),
        counted=D("8499.90"),
        variance=D("-0.10"),
        variance_reason="点钞差错 miscount",
        signed_off_by=WANG,
        closing_count=CLOSING,
    )
    return dataclasses.replace(data, **changes)


def vault_slip(**changes: object) -> VaultSlipData:
    data = VaultSlipData(
        header=HEADER,
        transfer_id=7,
        business_date=DAY,
        at=f"{DAY} 09:05:00",
        direction=FROM_VAULT,
        count=Count.of(y100=40, y50=16, y20=10),
        teller=ZHANG,
        officer=CHEN,
    )
    return dataclasses.replace(data, **changes)


def handover(**changes: object) -> HandoverData:
    """张敏 hands the box to 李娜: ¥8,600.50 expected, ¥8,600.00 counted by both."""
    count = Count.of(y100=80, y50=10, y20=5)
    data = HandoverData(
        header=HEADER,
        handover_id=3,
        business_date=DAY,
        at=f"{DAY} 12:30:00",
        outgoing=ZHANG,
        incoming=LI,
        outgoing_count=count,
        incoming_count=count,
        expected=D("8600.50"),
        difference=ZERO,
        outgoing_variance=D("-0.50"),
        items=("尾箱钥匙 1 把 Till key", "空白回单 50 张 Blank receipts"),
        approved_by=WANG,
    )
    return dataclasses.replace(data, **changes)


def branch_day(teller_count: int = 2, large_count: int = 1, **changes: object) -> BranchSummaryData:
    """The branch's date: 张敏's day, and ``teller_count - 1`` others like 李娜 (a ¥60,000.00 cash
    first premium and a ¥1,500.00 renewal by card each); ``large_count`` large-cash lines."""
    others = teller_count - 1
    totals = [
        TellerTotal(ZHANG, 5, D("12000.00"), D("500.00"), ZERO, D("86400.00"), D("-0.10")),
        *(
            TellerTotal(
                Person(f"柜员{n:02d}" if n > 2 else "李娜", f"T{n:03d}"),
                2,
                D("60000.00"),
                ZERO,
                D("1500.00"),
                ZERO,
                ZERO,
            )
            for n in range(2, teller_count + 1)
        ),
    ]
    cash = [
        LargeCashLine(
            serial(n, "02"),
            f"赵六 {MASKED_ID}",
            RENEWAL,
            D("60000.00"),
            Bilingual("收款", "Money in"),
            "T002",
        )
        for n in range(1, large_count + 1)
    ]
    data = BranchSummaryData(
        header=BranchHeader(HEADER.branch_code, HEADER.branch),
        business_date=DAY,
        closed_at=f"{DAY} 18:05:00",
        closed_by=WANG,
        tellers=tuple(totals),
        businesses=(
            BusinessLine("1001", FIRST, others, D("60000.00") * others, ZERO, ZERO, ZERO),
            BusinessLine(
                "1101", RENEWAL, 1 + others, D("12000.00"), ZERO, D("1500.00") * others, ZERO
            ),
            *business_lines()[1:],
        ),
        large_cash=tuple(cash),
        variances=(
            VarianceLine(
                Bilingual("日终长短款", "Over/short at close"),
                ZHANG,
                "01",
                D("-0.10"),
                "点钞差错 miscount",
                WANG,
            ),
        ),
    )
    return dataclasses.replace(data, **changes)
